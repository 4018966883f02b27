using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Quizzes.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AttemptOptionIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeckDueUtc",
                table: "QuizAttempts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OptionIds",
                table: "QuizAttemptQuestions",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_DeckDueUtc",
                table: "QuizAttempts",
                column: "DeckDueUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuizAttempts_DeckDueUtc",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "DeckDueUtc",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "OptionIds",
                table: "QuizAttemptQuestions");
        }
    }
}
