using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesAcademy.Retros.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialRetros : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RetroActionReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RetroId = table.Column<long>(type: "bigint", nullable: false),
                    ActionId = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReviewedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroActionReviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetroActions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RetroId = table.Column<long>(type: "bigint", nullable: false),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OwnerUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DueUtc = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LinkedContentItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LinkedContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LinkedAnchor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsFocus = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemindedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroActions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetroCards",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RetroId = table.Column<long>(type: "bigint", nullable: false),
                    PromptKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AuthorUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AuthorTag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    GroupId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroCards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetroGroups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RetroId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Retros",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TemplateItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TemplateVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PromptsJson = table.Column<string>(type: "text", nullable: false),
                    Phase = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    VoteBudget = table.Column<int>(type: "integer", nullable: false),
                    MaxVotesPerGroup = table.Column<int>(type: "integer", nullable: false),
                    StartedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CycleRunId = table.Column<long>(type: "bigint", nullable: true),
                    DealName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DealOutcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DealRoles = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Writers = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Retros", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetroSecrets",
                columns: table => new
                {
                    RetroId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroSecrets", x => x.RetroId);
                });

            migrationBuilder.CreateTable(
                name: "RetroVotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RetroId = table.Column<long>(type: "bigint", nullable: false),
                    GroupId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetroVotes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RetroActionReviews_RetroId_ActionId",
                table: "RetroActionReviews",
                columns: new[] { "RetroId", "ActionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetroActions_LinkedContentItemId",
                table: "RetroActions",
                column: "LinkedContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_RetroActions_OwnerUserId_Status",
                table: "RetroActions",
                columns: new[] { "OwnerUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RetroActions_RetroId",
                table: "RetroActions",
                column: "RetroId");

            migrationBuilder.CreateIndex(
                name: "IX_RetroActions_TeamId_Status",
                table: "RetroActions",
                columns: new[] { "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RetroCards_RetroId",
                table: "RetroCards",
                column: "RetroId");

            migrationBuilder.CreateIndex(
                name: "IX_RetroGroups_RetroId",
                table: "RetroGroups",
                column: "RetroId");

            migrationBuilder.CreateIndex(
                name: "IX_Retros_CycleRunId_TeamId",
                table: "Retros",
                columns: new[] { "CycleRunId", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Retros_TeamId_CreatedUtc",
                table: "Retros",
                columns: new[] { "TeamId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RetroVotes_GroupId",
                table: "RetroVotes",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_RetroVotes_RetroId_UserId",
                table: "RetroVotes",
                columns: new[] { "RetroId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetroActionReviews");

            migrationBuilder.DropTable(
                name: "RetroActions");

            migrationBuilder.DropTable(
                name: "RetroCards");

            migrationBuilder.DropTable(
                name: "RetroGroups");

            migrationBuilder.DropTable(
                name: "Retros");

            migrationBuilder.DropTable(
                name: "RetroSecrets");

            migrationBuilder.DropTable(
                name: "RetroVotes");
        }
    }
}
