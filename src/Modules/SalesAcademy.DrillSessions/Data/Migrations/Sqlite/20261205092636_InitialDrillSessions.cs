using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.DrillSessions.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialDrillSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DrillAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DrillParticipants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RoleKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillParticipants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DrillRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<long>(type: "INTEGER", nullable: false),
                    RaterUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RaterKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RateeRoleKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CriterionIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillRatings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DrillSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DrillContentItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DrillVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DrillJson = table.Column<string>(type: "TEXT", nullable: false),
                    DrillSlug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DrillCulture = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ScheduledUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FacilitatorUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CurrentStep = table.Column<int>(type: "INTEGER", nullable: true),
                    StepStartedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScoringClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalizedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalizedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FinalNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CycleRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DrillSubmissions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<long>(type: "INTEGER", nullable: false),
                    StepIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RoleKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AttachmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DrillSubmissions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DrillAttachments_SessionId",
                table: "DrillAttachments",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_DrillParticipants_SessionId_RoleKey",
                table: "DrillParticipants",
                columns: new[] { "SessionId", "RoleKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrillParticipants_SessionId_UserId",
                table: "DrillParticipants",
                columns: new[] { "SessionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrillParticipants_UserId",
                table: "DrillParticipants",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_DrillRatings_SessionId_RaterUserId_RateeRoleKey_CriterionIndex",
                table: "DrillRatings",
                columns: new[] { "SessionId", "RaterUserId", "RateeRoleKey", "CriterionIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrillSessions_CycleRunId_TeamId_DrillContentItemId",
                table: "DrillSessions",
                columns: new[] { "CycleRunId", "TeamId", "DrillContentItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DrillSessions_DrillContentItemId",
                table: "DrillSessions",
                column: "DrillContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_DrillSessions_TeamId_ScheduledUtc",
                table: "DrillSessions",
                columns: new[] { "TeamId", "ScheduledUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DrillSubmissions_SessionId_StepIndex",
                table: "DrillSubmissions",
                columns: new[] { "SessionId", "StepIndex" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DrillAttachments");

            migrationBuilder.DropTable(
                name: "DrillParticipants");

            migrationBuilder.DropTable(
                name: "DrillRatings");

            migrationBuilder.DropTable(
                name: "DrillSessions");

            migrationBuilder.DropTable(
                name: "DrillSubmissions");
        }
    }
}
