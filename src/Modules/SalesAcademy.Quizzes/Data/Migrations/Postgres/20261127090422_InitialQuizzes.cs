using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesAcademy.Quizzes.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialQuizzes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuizAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuizItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuizVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    MaxScore = table.Column<double>(type: "double precision", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: true),
                    PendingManual = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuizStatistics",
                columns: table => new
                {
                    QuizItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizStatistics", x => x.QuizItemId);
                });

            migrationBuilder.CreateTable(
                name: "ReviewCards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Origin = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    DueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Stability = table.Column<double>(type: "double precision", nullable: false),
                    Difficulty = table.Column<double>(type: "double precision", nullable: false),
                    Reps = table.Column<int>(type: "integer", nullable: false),
                    Lapses = table.Column<int>(type: "integer", nullable: false),
                    LastReviewUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CardId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    ReviewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ElapsedDays = table.Column<double>(type: "double precision", nullable: false),
                    ScheduledDays = table.Column<double>(type: "double precision", nullable: false),
                    Stability = table.Column<double>(type: "double precision", nullable: false),
                    Difficulty = table.Column<double>(type: "double precision", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuizAttemptQuestions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AttemptId = table.Column<long>(type: "bigint", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    QuestionItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Points = table.Column<double>(type: "double precision", nullable: false),
                    OptionOrder = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Response = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    SavedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Fraction = table.Column<double>(type: "double precision", nullable: true),
                    NeedsManualGrading = table.Column<bool>(type: "boolean", nullable: false),
                    GradedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizAttemptQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuizAttemptQuestions_QuizAttempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "QuizAttempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttemptQuestions_AttemptId_Slot",
                table: "QuizAttemptQuestions",
                columns: new[] { "AttemptId", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttemptQuestions_QuestionItemId",
                table: "QuizAttemptQuestions",
                column: "QuestionItemId");

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_QuizItemId_UserId_Number",
                table: "QuizAttempts",
                columns: new[] { "QuizItemId", "UserId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_State_DeadlineUtc",
                table: "QuizAttempts",
                columns: new[] { "State", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_UserId_StartedUtc",
                table: "QuizAttempts",
                columns: new[] { "UserId", "StartedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCards_UserId_DueUtc",
                table: "ReviewCards",
                columns: new[] { "UserId", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCards_UserId_QuestionItemId",
                table: "ReviewCards",
                columns: new[] { "UserId", "QuestionItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLog_CardId_Id",
                table: "ReviewLog",
                columns: new[] { "CardId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuizAttemptQuestions");

            migrationBuilder.DropTable(
                name: "QuizStatistics");

            migrationBuilder.DropTable(
                name: "ReviewCards");

            migrationBuilder.DropTable(
                name: "ReviewLog");

            migrationBuilder.DropTable(
                name: "QuizAttempts");
        }
    }
}
