using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesAcademy.Improvement.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentItemVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Helpful = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpfulAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImprovementItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Anchor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AssignedTo = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EvidenceJson = table.Column<string>(type: "text", nullable: false),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    FollowUpKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Stale = table.Column<bool>(type: "boolean", nullable: false),
                    DismissReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DismissedWeight = table.Column<int>(type: "integer", nullable: true),
                    ResolvedVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ResolvedUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false)
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
