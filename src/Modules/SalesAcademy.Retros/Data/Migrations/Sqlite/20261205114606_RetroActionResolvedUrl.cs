using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Retros.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetroActionResolvedUrl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResolvedUrl",
                table: "RetroActions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResolvedUrl",
                table: "RetroActions");
        }
    }
}
