using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Data;

/// <summary>Cycles, their target teams and their runs. Quartz keeps its own tables (qrtz_*) next to these.</summary>
public abstract class SchedulingDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__SchedulingMigrations";

    public DbSet<Cycle> Cycles => Set<Cycle>();
    public DbSet<CycleTeam> CycleTeams => Set<CycleTeam>();
    public DbSet<CycleRun> Runs => Set<CycleRun>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Cycle>(e =>
        {
            e.ToTable("Cycles");
            e.HasKey(c => c.Id);
            e.Property(c => c.Kind).HasMaxLength(64).IsRequired();
            e.Property(c => c.Title).HasMaxLength(200).IsRequired();
            e.Property(c => c.Cron).HasMaxLength(100);
            e.Property(c => c.TimeZone).HasMaxLength(64);
            e.Property(c => c.ReminderMinutes).HasMaxLength(200).IsRequired();
            e.Property(c => c.Settings).IsRequired();
            e.Property(c => c.CreatedBy).HasMaxLength(256).IsRequired();
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasMany(c => c.Teams).WithOne().HasForeignKey(t => t.CycleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CycleTeam>(e =>
        {
            e.ToTable("CycleTeams");
            e.HasKey(t => new { t.CycleId, t.TeamId });
            e.Property(t => t.TeamId).HasMaxLength(32);
            e.HasIndex(t => t.TeamId); // a team's cycles
        });
        model.Entity<CycleRun>(e =>
        {
            e.ToTable("CycleRuns");
            e.HasKey(r => r.Id);
            e.HasOne<Cycle>().WithMany().HasForeignKey(r => r.CycleId).OnDelete(DeleteBehavior.Cascade);
            // One run per fire time, whoever fires it and however often.
            e.HasIndex(r => new { r.CycleId, r.ScheduledUtc }).IsUnique();
            e.HasIndex(r => new { r.Status, r.NextDueUtc }); // the dispatcher's "what is due"
            e.Property(r => r.Error).HasMaxLength(2000);
            e.Property(r => r.Version).IsConcurrencyToken();
        });
    }
}

public sealed class SqliteSchedulingDbContext(DbContextOptions<SqliteSchedulingDbContext> options) : SchedulingDbContext(options);

public sealed class PostgresSchedulingDbContext(DbContextOptions<PostgresSchedulingDbContext> options) : SchedulingDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteSchedulingDesignFactory() : DesignTimeFactory<SqliteSchedulingDbContext>(DatabaseProvider.Sqlite, SchedulingDbContext.MigrationsTable);

internal sealed class PostgresSchedulingDesignFactory() : DesignTimeFactory<PostgresSchedulingDbContext>(DatabaseProvider.Postgres, SchedulingDbContext.MigrationsTable);
