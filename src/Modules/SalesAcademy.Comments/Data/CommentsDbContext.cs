using Microsoft.EntityFrameworkCore;
using SalesAcademy.Comments.Models;
using SalesAcademy.Comments.Services;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Comments.Data;

/// <summary>The comments' one table.</summary>
public abstract class CommentsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__CommentsMigrations";

    public DbSet<Comment> Comments => Set<Comment>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Comment>(e =>
        {
            e.ToTable("Comments");
            e.HasKey(c => c.Id);
            e.Property(c => c.ContentItemId).HasMaxLength(64).IsRequired();
            e.Property(c => c.Author).HasMaxLength(256).IsRequired();
            e.Property(c => c.AuthorName).HasMaxLength(100).IsRequired();
            e.Property(c => c.Markdown).HasMaxLength(CommentRules.MaxLength).IsRequired();
            // Two edits at once must not both become version n+1 (the rendered HTML is cached per version).
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Property(c => c.HiddenBy).HasMaxLength(256);
            // An item's comments in order: one query per item page.
            e.HasIndex(c => new { c.ContentItemId, c.Id });
        });
    }
}

public sealed class SqliteCommentsDbContext(DbContextOptions<SqliteCommentsDbContext> options) : CommentsDbContext(options);

public sealed class PostgresCommentsDbContext(DbContextOptions<PostgresCommentsDbContext> options) : CommentsDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteCommentsDesignFactory() : DesignTimeFactory<SqliteCommentsDbContext>(DatabaseProvider.Sqlite, CommentsDbContext.MigrationsTable);

internal sealed class PostgresCommentsDesignFactory() : DesignTimeFactory<PostgresCommentsDbContext>(DatabaseProvider.Postgres, CommentsDbContext.MigrationsTable);
