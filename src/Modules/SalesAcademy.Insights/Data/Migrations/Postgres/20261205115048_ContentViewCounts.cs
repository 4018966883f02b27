using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Insights.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContentViewCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentViewCounts",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentViewCounts", x => new { x.Day, x.ContentItemId, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentViewCounts_UserId_Day",
                table: "ContentViewCounts",
                columns: new[] { "UserId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentViewCounts");
        }
    }
}
