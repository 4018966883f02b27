using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SalesAcademy.Pulses.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialPulses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Pulses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CycleId = table.Column<long>(type: "bigint", nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    TeamId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PackItemId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PackVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PackVersionNumber = table.Column<int>(type: "integer", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Secret = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    Respondents = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pulses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PulseAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PulseId = table.Column<long>(type: "bigint", nullable: false),
                    Tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PackVersionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DimensionKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StatementKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PulseAnswers_Pulses_PulseId",
                        column: x => x.PulseId,
                        principalTable: "Pulses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PulseParticipation",
                columns: table => new
                {
                    PulseId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PulseParticipation", x => new { x.PulseId, x.UserId });
                    table.ForeignKey(
                        name: "FK_PulseParticipation_Pulses_PulseId",
                        column: x => x.PulseId,
                        principalTable: "Pulses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PulseAnswers_PulseId_Tag",
                table: "PulseAnswers",
                columns: new[] { "PulseId", "Tag" });

            migrationBuilder.CreateIndex(
                name: "IX_Pulses_RunId_TeamId",
                table: "Pulses",
                columns: new[] { "RunId", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pulses_TeamId_OpenedUtc",
                table: "Pulses",
                columns: new[] { "TeamId", "OpenedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PulseAnswers");

            migrationBuilder.DropTable(
                name: "PulseParticipation");

            migrationBuilder.DropTable(
                name: "Pulses");
        }
    }
}
