using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Pulses.Models;

namespace SalesAcademy.Pulses.Data;

/// <summary>Pulses, their anonymous answers and the participation set of the open ones.</summary>
public abstract class PulsesDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__PulsesMigrations";

    public DbSet<Pulse> Pulses => Set<Pulse>();
    public DbSet<PulseAnswer> Answers => Set<PulseAnswer>();
    public DbSet<PulseParticipation> Participation => Set<PulseParticipation>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Pulse>(e =>
        {
            e.ToTable("Pulses");
            e.HasKey(p => p.Id);
            e.Property(p => p.TeamId).HasMaxLength(64).IsRequired();
            e.Property(p => p.PackItemId).HasMaxLength(64).IsRequired();
            e.Property(p => p.PackVersionId).HasMaxLength(64).IsRequired();
            e.Property(p => p.Secret).HasMaxLength(32);
            e.HasIndex(p => new { p.RunId, p.TeamId }).IsUnique();
            e.HasIndex(p => new { p.TeamId, p.OpenedUtc });
        });
        model.Entity<PulseAnswer>(e =>
        {
            e.ToTable("PulseAnswers");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Tag).HasMaxLength(64);
            e.Property(a => a.PackVersionId).HasMaxLength(64).IsRequired();
            e.Property(a => a.DimensionKey).HasMaxLength(64).IsRequired();
            e.Property(a => a.StatementKey).HasMaxLength(64).IsRequired();
            e.HasOne<Pulse>().WithMany().HasForeignKey(a => a.PulseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.PulseId, a.Tag });
        });
        model.Entity<PulseParticipation>(e =>
        {
            e.ToTable("PulseParticipation");
            e.HasKey(p => new { p.PulseId, p.UserId });
            e.Property(p => p.UserId).HasMaxLength(64);
            e.HasOne<Pulse>().WithMany().HasForeignKey(p => p.PulseId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class SqlitePulsesDbContext(DbContextOptions<SqlitePulsesDbContext> options) : PulsesDbContext(options);

public sealed class PostgresPulsesDbContext(DbContextOptions<PostgresPulsesDbContext> options) : PulsesDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqlitePulsesDesignFactory() : DesignTimeFactory<SqlitePulsesDbContext>(DatabaseProvider.Sqlite, PulsesDbContext.MigrationsTable);

internal sealed class PostgresPulsesDesignFactory() : DesignTimeFactory<PostgresPulsesDbContext>(DatabaseProvider.Postgres, PulsesDbContext.MigrationsTable);
