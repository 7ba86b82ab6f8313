using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinSight.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class Predictions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "run_prediction_series",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<string>(type: "TEXT", nullable: false),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Step = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PointCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodsPerYear = table.Column<double>(type: "REAL", nullable: false),
                    Actual = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Predicted = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Returns = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_prediction_series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_run_prediction_series_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "RunId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_run_prediction_series_RunId_BatchId",
                table: "run_prediction_series",
                columns: new[] { "RunId", "BatchId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "run_prediction_series");
        }
    }
}
