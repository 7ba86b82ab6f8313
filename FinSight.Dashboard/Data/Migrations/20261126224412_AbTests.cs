using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinSight.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AbTests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ab_tests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExperimentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Hypothesis = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Control = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Alpha = table.Column<double>(type: "REAL", nullable: false),
                    Power = table.Column<double>(type: "REAL", nullable: false),
                    MinSampleSize = table.Column<long>(type: "INTEGER", nullable: true),
                    MinDetectableEffect = table.Column<double>(type: "REAL", nullable: true),
                    PlannedSampleSize = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_tests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ab_tests_experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ab_daily_totals",
                columns: table => new
                {
                    TestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    N = table.Column<long>(type: "INTEGER", nullable: false),
                    Sum = table.Column<double>(type: "REAL", nullable: false),
                    SumSquares = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_daily_totals", x => new { x.TestId, x.Day, x.Variant, x.Metric });
                    table.ForeignKey(
                        name: "FK_ab_daily_totals_ab_tests_TestId",
                        column: x => x.TestId,
                        principalTable: "ab_tests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ab_daily_units",
                columns: table => new
                {
                    TestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    Units = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_daily_units", x => new { x.TestId, x.Day, x.Variant });
                    table.ForeignKey(
                        name: "FK_ab_daily_units_ab_tests_TestId",
                        column: x => x.TestId,
                        principalTable: "ab_tests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ab_metric_totals",
                columns: table => new
                {
                    TestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    N = table.Column<long>(type: "INTEGER", nullable: false),
                    Sum = table.Column<double>(type: "REAL", nullable: false),
                    SumSquares = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_metric_totals", x => new { x.TestId, x.Variant, x.Metric });
                    table.ForeignKey(
                        name: "FK_ab_metric_totals_ab_tests_TestId",
                        column: x => x.TestId,
                        principalTable: "ab_tests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ab_metrics",
                columns: table => new
                {
                    TestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Guardrail = table.Column<bool>(type: "INTEGER", nullable: false),
                    Baseline = table.Column<double>(type: "REAL", nullable: true),
                    BaselineStdDev = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_metrics", x => new { x.TestId, x.Position });
                    table.ForeignKey(
                        name: "FK_ab_metrics_ab_tests_TestId",
                        column: x => x.TestId,
                        principalTable: "ab_tests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ab_observation_batches",
                columns: table => new
                {
                    TestId = table.Column<long>(type: "INTEGER", nullable: false),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ObservationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CommittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_observation_batches", x => new { x.TestId, x.BatchId });
                    table.ForeignKey(
                        name: "FK_ab_observation_batches_ab_tests_TestId",
                        column: x => x.TestId,
                        principalTable: "ab_tests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ab_split_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Time = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OldWeights = table.Column<string>(type: "TEXT", nullable: false),
                    NewWeights = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_split_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ab_split_changes_ab_tests_TestId",
                        column: x => x.TestId,
                        principalTable: "ab_tests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ab_units",
                columns: table => new
                {
                    TestId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstSeen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_units", x => new { x.TestId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_ab_units_ab_tests_TestId",
                        column: x => x.TestId,
                        principalTable: "ab_tests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ab_variants",
                columns: table => new
                {
                    TestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    ModelRef = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ab_variants", x => new { x.TestId, x.Position });
                    table.ForeignKey(
                        name: "FK_ab_variants_ab_tests_TestId",
                        column: x => x.TestId,
                        principalTable: "ab_tests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ab_split_changes_TestId",
                table: "ab_split_changes",
                column: "TestId");

            migrationBuilder.CreateIndex(
                name: "IX_ab_tests_ExperimentId_Name",
                table: "ab_tests",
                columns: new[] { "ExperimentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ab_tests_Status",
                table: "ab_tests",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ab_variants_ModelRef",
                table: "ab_variants",
                column: "ModelRef");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ab_daily_totals");

            migrationBuilder.DropTable(
                name: "ab_daily_units");

            migrationBuilder.DropTable(
                name: "ab_metric_totals");

            migrationBuilder.DropTable(
                name: "ab_metrics");

            migrationBuilder.DropTable(
                name: "ab_observation_batches");

            migrationBuilder.DropTable(
                name: "ab_split_changes");

            migrationBuilder.DropTable(
                name: "ab_units");

            migrationBuilder.DropTable(
                name: "ab_variants");

            migrationBuilder.DropTable(
                name: "ab_tests");
        }
    }
}
