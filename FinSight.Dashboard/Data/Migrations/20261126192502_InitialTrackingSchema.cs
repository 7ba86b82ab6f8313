using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinSight.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialTrackingSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    LifecycleStage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreationTime = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUpdateTime = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    RunId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ExperimentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartTime = table.Column<long>(type: "INTEGER", nullable: false),
                    EndTime = table.Column<long>(type: "INTEGER", nullable: true),
                    Owner = table.Column<string>(type: "TEXT", nullable: true),
                    LifecycleStage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ArtifactUri = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.RunId);
                    table.ForeignKey(
                        name: "FK_runs_experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ingested_batches",
                columns: table => new
                {
                    RunId = table.Column<string>(type: "TEXT", nullable: false),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PointCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CommittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ingested_batches", x => new { x.RunId, x.BatchId });
                    table.ForeignKey(
                        name: "FK_ingested_batches_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "RunId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "metric_series",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    PointCount = table.Column<long>(type: "INTEGER", nullable: false),
                    LatestValue = table.Column<double>(type: "REAL", nullable: true),
                    LatestStep = table.Column<long>(type: "INTEGER", nullable: false),
                    LatestTimestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    MinValue = table.Column<double>(type: "REAL", nullable: true),
                    MaxValue = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metric_series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_metric_series_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "RunId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "params",
                columns: table => new
                {
                    RunId = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_params", x => new { x.RunId, x.Key });
                    table.ForeignKey(
                        name: "FK_params_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "RunId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    RunId = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tags", x => new { x.RunId, x.Key });
                    table.ForeignKey(
                        name: "FK_tags_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "RunId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "metric_chunks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<long>(type: "INTEGER", nullable: false),
                    MinStep = table.Column<long>(type: "INTEGER", nullable: false),
                    MaxStep = table.Column<long>(type: "INTEGER", nullable: false),
                    PointCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MinValue = table.Column<double>(type: "REAL", nullable: true),
                    MaxValue = table.Column<double>(type: "REAL", nullable: true),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metric_chunks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_metric_chunks_metric_series_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "metric_series",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_experiments_Name",
                table: "experiments",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_metric_chunks_SeriesId_Id",
                table: "metric_chunks",
                columns: new[] { "SeriesId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_metric_series_RunId_Key",
                table: "metric_series",
                columns: new[] { "RunId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_runs_ExperimentId_StartTime",
                table: "runs",
                columns: new[] { "ExperimentId", "StartTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ingested_batches");

            migrationBuilder.DropTable(
                name: "metric_chunks");

            migrationBuilder.DropTable(
                name: "params");

            migrationBuilder.DropTable(
                name: "tags");

            migrationBuilder.DropTable(
                name: "metric_series");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "experiments");
        }
    }
}
