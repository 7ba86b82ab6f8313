using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinSight.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelRegistryAndExperimentTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "experiment_tags",
                columns: table => new
                {
                    ExperimentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiment_tags", x => new { x.ExperimentId, x.Key });
                    table.ForeignKey(
                        name: "FK_experiment_tags_experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registered_models",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    CreationTime = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUpdatedTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registered_models", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "model_versions",
                columns: table => new
                {
                    ModelName = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    RunId = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StatusMessage = table.Column<string>(type: "TEXT", nullable: true),
                    CurrentStage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    RunLink = table.Column<string>(type: "TEXT", nullable: true),
                    CreationTime = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUpdatedTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_versions", x => new { x.ModelName, x.Version });
                    table.ForeignKey(
                        name: "FK_model_versions_registered_models_ModelName",
                        column: x => x.ModelName,
                        principalTable: "registered_models",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registered_model_tags",
                columns: table => new
                {
                    ModelName = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registered_model_tags", x => new { x.ModelName, x.Key });
                    table.ForeignKey(
                        name: "FK_registered_model_tags_registered_models_ModelName",
                        column: x => x.ModelName,
                        principalTable: "registered_models",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_version_tags",
                columns: table => new
                {
                    ModelName = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_version_tags", x => new { x.ModelName, x.Version, x.Key });
                    table.ForeignKey(
                        name: "FK_model_version_tags_model_versions_ModelName_Version",
                        columns: x => new { x.ModelName, x.Version },
                        principalTable: "model_versions",
                        principalColumns: new[] { "ModelName", "Version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registered_model_aliases",
                columns: table => new
                {
                    ModelName = table.Column<string>(type: "TEXT", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registered_model_aliases", x => new { x.ModelName, x.Alias });
                    table.ForeignKey(
                        name: "FK_registered_model_aliases_model_versions_ModelName_Version",
                        columns: x => new { x.ModelName, x.Version },
                        principalTable: "model_versions",
                        principalColumns: new[] { "ModelName", "Version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_RunId",
                table: "model_versions",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_registered_model_aliases_ModelName_Version",
                table: "registered_model_aliases",
                columns: new[] { "ModelName", "Version" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiment_tags");

            migrationBuilder.DropTable(
                name: "model_version_tags");

            migrationBuilder.DropTable(
                name: "registered_model_aliases");

            migrationBuilder.DropTable(
                name: "registered_model_tags");

            migrationBuilder.DropTable(
                name: "model_versions");

            migrationBuilder.DropTable(
                name: "registered_models");
        }
    }
}
