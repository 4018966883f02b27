using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Accounts.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionsAndTokenScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresUtc",
                table: "PersonalAccessTokens",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Scope",
                table: "PersonalAccessTokens",
                type: "integer",
                nullable: false,
                defaultValue: 1); // tokens made before scopes could write: they keep doing so

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    UserAgent = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_EndedUtc",
                table: "UserSessions",
                columns: new[] { "UserId", "EndedUtc" });

            // Tokens made before expiry existed get the default lifetime from now; the one configured at setup
            // shows a fingerprint of its hash instead of its first characters (which the operator chose).
            migrationBuilder.Sql("UPDATE \"PersonalAccessTokens\" SET \"ExpiresUtc\" = now() + interval '90 days' WHERE \"Name\" <> 'setup' AND \"RevokedUtc\" IS NULL;");
            migrationBuilder.Sql("UPDATE \"PersonalAccessTokens\" SET \"Prefix\" = '#' || substr(\"Hash\", 1, 8) WHERE \"Name\" = 'setup';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropColumn(
                name: "ExpiresUtc",
                table: "PersonalAccessTokens");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "PersonalAccessTokens");
        }
    }
}
