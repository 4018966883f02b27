using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Content.Data;

/// <summary>The Content module's tables. One subclass per provider holds that provider's migrations.</summary>
public abstract class ContentDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__ContentMigrations";

    public DbSet<ContentItem> Items => Set<ContentItem>();
    public DbSet<ContentChange> Changes => Set<ContentChange>();
    public DbSet<ContentImportRecord> ImportRecords => Set<ContentImportRecord>();
    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();
    public DbSet<TaxonomyGroup> TaxonomyGroups => Set<TaxonomyGroup>();
    public DbSet<ContentContribution> Contributions => Set<ContentContribution>();
    public DbSet<ContentReviewNote> ReviewNotes => Set<ContentReviewNote>();
    public DbSet<Verification.VerificationNotice> VerificationNotices => Set<Verification.VerificationNotice>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ContentItem>(e =>
        {
            e.ToTable("ContentItems");
            e.HasKey(i => i.Id);
            e.Property(i => i.ContentItemId).HasMaxLength(64).IsRequired();
            e.Property(i => i.ContentItemVersionId).HasMaxLength(32).IsRequired();
            e.Property(i => i.ContentType).HasMaxLength(64).IsRequired();
            e.Property(i => i.Owner).HasMaxLength(256);
            e.Property(i => i.Author).HasMaxLength(256);
            e.Property(i => i.DisplayText).HasMaxLength(200).IsRequired();
            e.Property(i => i.Slug).HasMaxLength(64).IsRequired();
            e.Property(i => i.Culture).HasMaxLength(16).IsRequired();
            e.Property(i => i.Content).IsRequired();
            e.HasIndex(i => i.ContentItemVersionId).IsUnique();
            e.HasIndex(i => new { i.ContentItemId, i.Number }).IsUnique();
            // At most one latest and one published version per item: the database is the last guard
            // against two concurrent saves. `"Latest"` is a valid predicate on both providers.
            e.HasIndex(i => i.ContentItemId, "IX_ContentItems_OneLatest").IsUnique().HasFilter("\"Latest\"");
            e.HasIndex(i => i.ContentItemId, "IX_ContentItems_OnePublished").IsUnique().HasFilter("\"Published\"");
            e.HasIndex(i => new { i.ContentType, i.Published });
            e.HasIndex(i => i.Slug);
        });
        model.Entity<Verification.VerificationNotice>(e =>
        {
            e.ToTable("VerificationNotices");
            e.HasKey(n => n.Id);
            e.Property(n => n.ContentItemId).HasMaxLength(64).IsRequired();
            e.Property(n => n.Due).HasMaxLength(32).IsRequired();
            e.Property(n => n.Audience).HasMaxLength(16).IsRequired();
            e.HasIndex(n => new { n.ContentItemId, n.Due, n.Audience }).IsUnique();
        });
        model.Entity<ContentChange>(e =>
        {
            e.ToTable("ContentChanges");
            e.HasKey(c => c.Sequence);
            e.Property(c => c.Sequence).ValueGeneratedOnAdd();
            e.Property(c => c.ContentItemId).HasMaxLength(64).IsRequired();
            e.Property(c => c.ContentItemVersionId).HasMaxLength(32);
            e.Property(c => c.ContentType).HasMaxLength(64).IsRequired();
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        });
        model.Entity<ContentImportRecord>(e =>
        {
            e.ToTable("ContentImportRecords");
            e.HasKey(r => r.ContentItemId);
            e.Property(r => r.ContentItemId).HasMaxLength(64);
            e.Property(r => r.SourcePath).HasMaxLength(1024).IsRequired();
            e.Property(r => r.SourceHash).HasMaxLength(64).IsRequired();
            e.Property(r => r.ImportedVersionId).HasMaxLength(32).IsRequired();
        });
        model.Entity<TaxonomyTerm>(e =>
        {
            e.ToTable("TaxonomyTerms");
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(64);
            e.Property(t => t.Group).HasMaxLength(64).IsRequired();
            e.Property(t => t.NameZh).HasMaxLength(100).IsRequired();
            e.Property(t => t.NameEn).HasMaxLength(100).IsRequired();
        });
        model.Entity<ContentContribution>(e =>
        {
            e.ToTable("ContentContributions");
            e.HasKey(c => c.ContentItemId);
            e.Property(c => c.ContentItemId).HasMaxLength(64);
            e.Property(c => c.ContentType).HasMaxLength(64).IsRequired();
            e.Property(c => c.Contributor).HasMaxLength(256).IsRequired();
            e.Property(c => c.ContributorName).HasMaxLength(100).IsRequired();
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(c => new { c.Status, c.SubmittedUtc });
            e.HasIndex(c => c.Contributor);
        });
        model.Entity<ContentReviewNote>(e =>
        {
            e.ToTable("ContentReviewNotes");
            e.HasKey(n => n.Id);
            e.Property(n => n.ContentItemId).HasMaxLength(64).IsRequired();
            e.Property(n => n.Author).HasMaxLength(256).IsRequired();
            e.Property(n => n.AuthorName).HasMaxLength(100).IsRequired();
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(n => n.Text).HasMaxLength(4000).IsRequired();
            e.HasIndex(n => new { n.ContentItemId, n.Id });
        });
        model.Entity<TaxonomyGroup>(e =>
        {
            e.ToTable("TaxonomyGroups");
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(64);
            e.Property(t => t.NameZh).HasMaxLength(100).IsRequired();
            e.Property(t => t.NameEn).HasMaxLength(100).IsRequired();
        });
    }
}

public sealed class SqliteContentDbContext(DbContextOptions<SqliteContentDbContext> options) : ContentDbContext(options);

public sealed class PostgresContentDbContext(DbContextOptions<PostgresContentDbContext> options) : ContentDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteContentDesignFactory() : DesignTimeFactory<SqliteContentDbContext>(DatabaseProvider.Sqlite, ContentDbContext.MigrationsTable);

internal sealed class PostgresContentDesignFactory() : DesignTimeFactory<PostgresContentDbContext>(DatabaseProvider.Postgres, ContentDbContext.MigrationsTable);
