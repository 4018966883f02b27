using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Search.Models;

namespace SalesAcademy.Search.Data;

/// <summary>The search log (the index itself lives in the data directory, per node).</summary>
public abstract class SearchDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__SearchMigrations";

    public DbSet<SearchQueryRecord> Queries => Set<SearchQueryRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<SearchQueryRecord>(e =>
        {
            e.ToTable("SearchQueries");
            e.HasKey(q => q.Id);
            e.Property(q => q.Query).HasMaxLength(500).IsRequired();
            e.Property(q => q.Culture).HasMaxLength(16).IsRequired();
            e.Property(q => q.UserId).HasMaxLength(450);
            e.Property(q => q.Source).HasMaxLength(16).IsRequired();
            e.HasIndex(q => q.AtUtc);
            e.HasIndex(q => new { q.ResultCount, q.AtUtc });
        });
    }
}

public sealed class SqliteSearchDbContext(DbContextOptions<SqliteSearchDbContext> options) : SearchDbContext(options);

public sealed class PostgresSearchDbContext(DbContextOptions<PostgresSearchDbContext> options) : SearchDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteSearchDesignFactory() : DesignTimeFactory<SqliteSearchDbContext>(DatabaseProvider.Sqlite, SearchDbContext.MigrationsTable);

internal sealed class PostgresSearchDesignFactory() : DesignTimeFactory<PostgresSearchDbContext>(DatabaseProvider.Postgres, SearchDbContext.MigrationsTable);
