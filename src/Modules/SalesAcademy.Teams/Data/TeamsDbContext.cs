using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Teams.Models;

namespace SalesAcademy.Teams.Data;

/// <summary>Teams, their members (user ids from Accounts) and the team roles the admin added.</summary>
public abstract class TeamsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__TeamsMigrations";

    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> Members => Set<TeamMember>();
    public DbSet<TeamRoleDefinition> RoleDefinitions => Set<TeamRoleDefinition>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Team>(e =>
        {
            e.ToTable("Teams");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(32);
            e.Property(t => t.Name).HasMaxLength(100).IsRequired();
            e.Property(t => t.Description).HasMaxLength(500).IsRequired();
            e.Property(t => t.TimeZone).HasMaxLength(64);
            e.HasIndex(t => t.Name).IsUnique();
            e.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TeamMember>(e =>
        {
            e.ToTable("TeamMembers");
            e.HasKey(m => new { m.TeamId, m.UserId });
            e.Property(m => m.TeamId).HasMaxLength(32);
            e.Property(m => m.UserId).HasMaxLength(450);
            e.Property(m => m.TeamRole).HasMaxLength(32).IsRequired();
            e.HasIndex(m => m.UserId);
        });
        model.Entity<TeamRoleDefinition>(e =>
        {
            e.ToTable("TeamRoleDefinitions");
            e.HasKey(r => r.Key);
            e.Property(r => r.Key).HasMaxLength(32);
            e.Property(r => r.NameZh).HasMaxLength(50).IsRequired();
            e.Property(r => r.NameEn).HasMaxLength(50).IsRequired();
        });
    }
}

public sealed class SqliteTeamsDbContext(DbContextOptions<SqliteTeamsDbContext> options) : TeamsDbContext(options);

public sealed class PostgresTeamsDbContext(DbContextOptions<PostgresTeamsDbContext> options) : TeamsDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteTeamsDesignFactory() : DesignTimeFactory<SqliteTeamsDbContext>(DatabaseProvider.Sqlite, TeamsDbContext.MigrationsTable);

internal sealed class PostgresTeamsDesignFactory() : DesignTimeFactory<PostgresTeamsDbContext>(DatabaseProvider.Postgres, TeamsDbContext.MigrationsTable);
