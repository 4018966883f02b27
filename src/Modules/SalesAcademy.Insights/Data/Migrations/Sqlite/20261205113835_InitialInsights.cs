using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Insights.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialInsights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InsightSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PeriodStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PeriodEndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: true),
                    WeightsVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MetricWeights",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricWeights", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "TeamGoals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PeriodStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PeriodEndUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MeasureKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: false),
                    Comparison = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamGoals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InsightValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Numerator = table.Column<double>(type: "REAL", nullable: false),
                    Denominator = table.Column<double>(type: "REAL", nullable: false),
                    Inputs = table.Column<int>(type: "INTEGER", nullable: false),
                    WithheldReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InsightValues_InsightSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "InsightSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "MetricWeights",
                columns: new[] { "Version", "CreatedByUserId", "CreatedUtc", "Note", "WeightsJson" },
                values: new object[] { 1, null, new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Default weights", "{\"readiness\":{\"mastery\":0.35,\"retention\":0.15,\"drill\":0.30,\"participation.quiz\":0.10,\"participation.drill\":0.10},\"collaboration\":{\"followthrough\":0.25,\"participation\":0.25,\"spread\":0.20,\"pulse\":0.20,\"sharing\":0.10}}" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightSnapshots_Scope_TeamId_UserId_PeriodStartUtc",
                table: "InsightSnapshots",
                columns: new[] { "Scope", "TeamId", "UserId", "PeriodStartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InsightSnapshots_Team_Period",
                table: "InsightSnapshots",
                columns: new[] { "Scope", "TeamId", "PeriodStartUtc" },
                unique: true,
                filter: "\"UserId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_InsightSnapshots_UserId_PeriodStartUtc",
                table: "InsightSnapshots",
                columns: new[] { "UserId", "PeriodStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightValues_SnapshotId_Measure_Dimension",
                table: "InsightValues",
                columns: new[] { "SnapshotId", "Measure", "Dimension" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamGoals_TeamId_PeriodStartUtc",
                table: "TeamGoals",
                columns: new[] { "TeamId", "PeriodStartUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InsightValues");

            migrationBuilder.DropTable(
                name: "MetricWeights");

            migrationBuilder.DropTable(
                name: "TeamGoals");

            migrationBuilder.DropTable(
                name: "InsightSnapshots");
        }
    }
}
