using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinSight.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecordChunkExtremes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_metric_chunks_SeriesId_Id",
                table: "metric_chunks");

            migrationBuilder.AddColumn<long>(
                name: "MaxPointStep",
                table: "metric_chunks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MaxPointTimestamp",
                table: "metric_chunks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MinPointStep",
                table: "metric_chunks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MinPointTimestamp",
                table: "metric_chunks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_metric_chunks_SeriesId_Summary",
                table: "metric_chunks",
                columns: new[] { "SeriesId", "Id", "MinStep", "MaxStep", "PointCount", "MinValue", "MaxValue", "MinPointStep", "MinPointTimestamp", "MaxPointStep", "MaxPointTimestamp" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_metric_chunks_SeriesId_Summary",
                table: "metric_chunks");

            migrationBuilder.DropColumn(
                name: "MaxPointStep",
                table: "metric_chunks");

            migrationBuilder.DropColumn(
                name: "MaxPointTimestamp",
                table: "metric_chunks");

            migrationBuilder.DropColumn(
                name: "MinPointStep",
                table: "metric_chunks");

            migrationBuilder.DropColumn(
                name: "MinPointTimestamp",
                table: "metric_chunks");

            migrationBuilder.CreateIndex(
                name: "IX_metric_chunks_SeriesId_Id",
                table: "metric_chunks",
                columns: new[] { "SeriesId", "Id" });
        }
    }
}
