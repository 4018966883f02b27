using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Quizzes.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuizItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QuizVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    MaxScore = table.Column<double>(type: "REAL", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    PendingManual = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuizStatistics",
                columns: table => new
                {
                    QuizItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ComputedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizStatistics", x => x.QuizItemId);
                });

            migrationBuilder.CreateTable(
                name: "ReviewCards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QuestionItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Origin = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Stability = table.Column<double>(type: "REAL", nullable: false),
                    Difficulty = table.Column<double>(type: "REAL", nullable: false),
                    Reps = table.Column<int>(type: "INTEGER", nullable: false),
                    Lapses = table.Column<int>(type: "INTEGER", nullable: false),
                    LastReviewUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CardId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ElapsedDays = table.Column<double>(type: "REAL", nullable: false),
                    ScheduledDays = table.Column<double>(type: "REAL", nullable: false),
                    Stability = table.Column<double>(type: "REAL", nullable: false),
                    Difficulty = table.Column<double>(type: "REAL", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuizAttemptQuestions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AttemptId = table.Column<long>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QuestionVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Points = table.Column<double>(type: "REAL", nullable: false),
                    OptionOrder = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    SavedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Fraction = table.Column<double>(type: "REAL", nullable: true),
                    NeedsManualGrading = table.Column<bool>(type: "INTEGER", nullable: false),
                    GradedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
