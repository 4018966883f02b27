using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Improvement.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialImprovement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HelpfulAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentItemVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpfulAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImprovementItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Anchor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EvidenceJson = table.Column<string>(type: "TEXT", nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Stale = table.Column<bool>(type: "INTEGER", nullable: false),
                    DismissReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DismissedWeight = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolvedVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ResolvedUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementItems", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulAnswers_ContentItemId",
                table: "HelpfulAnswers",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulAnswers_ContentItemVersionId_UserName",
                table: "HelpfulAnswers",
                columns: new[] { "ContentItemVersionId", "UserName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementItems_ContentItemId",
                table: "ImprovementItems",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementItems_Key",
                table: "ImprovementItems",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementItems_Status_Stale",
                table: "ImprovementItems",
                columns: new[] { "Status", "Stale" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HelpfulAnswers");

            migrationBuilder.DropTable(
                name: "ImprovementItems");
        }
    }
}
