using Microsoft.EntityFrameworkCore;
using SalesAcademy.Audit.Models;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Audit.Data;

/// <summary>The audit trail's one table.</summary>
public abstract class AuditDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__AuditMigrations";

    public DbSet<AuditEntry> Entries => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasKey(a => a.Id);
            e.Property(a => a.Actor).HasMaxLength(256).IsRequired();
            e.Property(a => a.Action).HasMaxLength(100).IsRequired();
            e.Property(a => a.Target).HasMaxLength(450);
            e.Property(a => a.Details).HasMaxLength(2000);
            e.Property(a => a.IpAddress).HasMaxLength(45);
            e.HasIndex(a => a.AtUtc);
            e.HasIndex(a => a.Action);
        });
    }
}

public sealed class SqliteAuditDbContext(DbContextOptions<SqliteAuditDbContext> options) : AuditDbContext(options);

public sealed class PostgresAuditDbContext(DbContextOptions<PostgresAuditDbContext> options) : AuditDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteAuditDesignFactory() : DesignTimeFactory<SqliteAuditDbContext>(DatabaseProvider.Sqlite, AuditDbContext.MigrationsTable);

internal sealed class PostgresAuditDesignFactory() : DesignTimeFactory<PostgresAuditDbContext>(DatabaseProvider.Postgres, AuditDbContext.MigrationsTable);
