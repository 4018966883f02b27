using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SalesAcademy.Pulses.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<long>(type: "INTEGER", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PackItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PackVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PackVersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Secret = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    Respondents = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pulses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PulseAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PulseId = table.Column<long>(type: "INTEGER", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PackVersionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DimensionKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatementKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
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
                    PulseId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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
