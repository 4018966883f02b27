using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Improvement.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HelpfulAnswersByReader : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HelpfulAnswers_ContentItemVersionId_UserName",
                table: "HelpfulAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulAnswers_UserName_ContentItemVersionId",
                table: "HelpfulAnswers",
                columns: new[] { "UserName", "ContentItemVersionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HelpfulAnswers_UserName_ContentItemVersionId",
                table: "HelpfulAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulAnswers_ContentItemVersionId_UserName",
                table: "HelpfulAnswers",
                columns: new[] { "ContentItemVersionId", "UserName" },
                unique: true);
        }
    }
}
