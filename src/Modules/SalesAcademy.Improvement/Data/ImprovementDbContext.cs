using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Improvement.Models;

namespace SalesAcademy.Improvement.Data;

/// <summary>Readers' "was this helpful?" answers and the improvement queue's items.</summary>
public abstract class ImprovementDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__ImprovementMigrations";

    public DbSet<HelpfulAnswer> HelpfulAnswers => Set<HelpfulAnswer>();
    public DbSet<ImprovementItem> Items => Set<ImprovementItem>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<HelpfulAnswer>(e =>
        {
            e.ToTable("HelpfulAnswers");
            e.HasKey(a => a.Id);
            e.Property(a => a.ContentItemId).HasMaxLength(64).IsRequired();
            e.Property(a => a.ContentItemVersionId).HasMaxLength(64).IsRequired();
            e.Property(a => a.ContentType).HasMaxLength(64).IsRequired();
            e.Property(a => a.UserName).HasMaxLength(256).IsRequired();
            e.Property(a => a.Reason).HasMaxLength(HelpfulRules.MaxReason);
            // One answer per reader and version (answering again changes it); reader first: a reader's answers are read together.
            e.HasIndex(a => new { a.UserName, a.ContentItemVersionId }).IsUnique();
            e.HasIndex(a => a.ContentItemId);
        });
        model.Entity<ImprovementItem>(e =>
        {
            e.ToTable("ImprovementItems");
            e.HasKey(i => i.Id);
            e.Ignore(i => i.EffectiveOwner);
            e.Property(i => i.Key).HasMaxLength(300).IsRequired();
            e.Property(i => i.Source).HasMaxLength(200).IsRequired();
            e.Property(i => i.Title).HasMaxLength(500).IsRequired();
            e.Property(i => i.ContentItemId).HasMaxLength(64);
            e.Property(i => i.Anchor).HasMaxLength(100);
            e.Property(i => i.Url).HasMaxLength(2000);
            e.Property(i => i.Owner).HasMaxLength(256);
            e.Property(i => i.AssignedTo).HasMaxLength(256);
            e.Property(i => i.EvidenceJson).IsRequired();
            e.Property(i => i.FollowUpKey).HasMaxLength(200);
            e.Property(i => i.TeamId).HasMaxLength(64);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.DismissReason).HasMaxLength(1000);
            e.Property(i => i.ResolvedVersionId).HasMaxLength(64);
            e.Property(i => i.ResolvedUrl).HasMaxLength(2000);
            e.Property(i => i.ClosedBy).HasMaxLength(256);
            e.Property(i => i.Sequence).IsConcurrencyToken();
            // A finding is one item however often it is detected.
            e.HasIndex(i => i.Key).IsUnique();
            e.HasIndex(i => new { i.Status, i.Stale });
            e.HasIndex(i => i.ContentItemId);
        });
    }
}

public sealed class SqliteImprovementDbContext(DbContextOptions<SqliteImprovementDbContext> options) : ImprovementDbContext(options);

public sealed class PostgresImprovementDbContext(DbContextOptions<PostgresImprovementDbContext> options) : ImprovementDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteImprovementDesignFactory() : DesignTimeFactory<SqliteImprovementDbContext>(DatabaseProvider.Sqlite, ImprovementDbContext.MigrationsTable);

internal sealed class PostgresImprovementDesignFactory() : DesignTimeFactory<PostgresImprovementDbContext>(DatabaseProvider.Postgres, ImprovementDbContext.MigrationsTable);
