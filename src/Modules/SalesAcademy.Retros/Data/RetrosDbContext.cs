using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.Data;

/// <summary>Retrospectives, their cards, groups, votes and actions, and the reviews of earlier actions.</summary>
public abstract class RetrosDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__RetrosMigrations";

    public DbSet<Retro> Retros => Set<Retro>();
    public DbSet<RetroCard> Cards => Set<RetroCard>();
    public DbSet<RetroSecret> Secrets => Set<RetroSecret>();
    public DbSet<RetroGroup> Groups => Set<RetroGroup>();
    public DbSet<RetroVote> Votes => Set<RetroVote>();
    public DbSet<RetroAction> Actions => Set<RetroAction>();
    public DbSet<RetroActionReview> ActionReviews => Set<RetroActionReview>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Retro>(e =>
        {
            e.ToTable("Retros");
            e.HasKey(r => r.Id);
            e.Property(r => r.TeamId).HasMaxLength(64).IsRequired();
            e.Property(r => r.Title).HasMaxLength(200).IsRequired();
            e.Property(r => r.TemplateItemId).HasMaxLength(64).IsRequired();
            e.Property(r => r.TemplateVersionId).HasMaxLength(64).IsRequired();
            e.Property(r => r.PromptsJson).IsRequired();
            e.Property(r => r.Phase).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.StartedByUserId).HasMaxLength(64);
            e.Property(r => r.DealName).HasMaxLength(200);
            e.Property(r => r.DealOutcome).HasMaxLength(16);
            e.Property(r => r.DealRoles).HasMaxLength(500);
            e.Property(r => r.Sequence).IsConcurrencyToken();
            e.HasIndex(r => new { r.TeamId, r.CreatedUtc });
            // A cycle run starts one retro per team, however often its open phase runs.
            e.HasIndex(r => new { r.CycleRunId, r.TeamId }).IsUnique();
        });
        model.Entity<RetroCard>(e =>
        {
            e.ToTable("RetroCards");
            e.HasKey(c => c.Id);
            e.Property(c => c.PromptKey).HasMaxLength(64).IsRequired();
            e.Property(c => c.Text).HasMaxLength(2000).IsRequired();
            e.Property(c => c.AuthorUserId).HasMaxLength(64);
            e.Property(c => c.AuthorTag).HasMaxLength(64);
            e.HasIndex(c => c.RetroId);
        });
        model.Entity<RetroSecret>(e =>
        {
            e.ToTable("RetroSecrets");
            e.HasKey(s => s.RetroId);
            e.Property(s => s.RetroId).ValueGeneratedNever();
        });
        model.Entity<RetroGroup>(e =>
        {
            e.ToTable("RetroGroups");
            e.HasKey(g => g.Id);
            e.Property(g => g.Name).HasMaxLength(200).IsRequired();
            e.Property(g => g.Notes).HasMaxLength(10_000);
            e.HasIndex(g => g.RetroId);
        });
        model.Entity<RetroVote>(e =>
        {
            e.ToTable("RetroVotes");
            e.HasKey(v => v.Id);
            e.Property(v => v.UserId).HasMaxLength(64).IsRequired();
            e.HasIndex(v => new { v.RetroId, v.UserId });
            e.HasIndex(v => v.GroupId);
        });
        model.Entity<RetroAction>(e =>
        {
            e.ToTable("RetroActions");
            e.HasKey(a => a.Id);
            e.Ignore(a => a.IsOpen);
            e.Property(a => a.TeamId).HasMaxLength(64).IsRequired();
            e.Property(a => a.Text).HasMaxLength(1000).IsRequired();
            e.Property(a => a.OwnerUserId).HasMaxLength(64).IsRequired();
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.LinkedContentItemId).HasMaxLength(64);
            e.Property(a => a.LinkedContentType).HasMaxLength(64);
            e.Property(a => a.LinkedAnchor).HasMaxLength(64);
            e.Property(a => a.ResolvedUrl).HasMaxLength(2000);
            e.HasIndex(a => new { a.TeamId, a.Status });
            e.HasIndex(a => new { a.OwnerUserId, a.Status });
            e.HasIndex(a => a.LinkedContentItemId);
            e.HasIndex(a => a.RetroId);
        });
        model.Entity<RetroActionReview>(e =>
        {
            e.ToTable("RetroActionReviews");
            e.HasKey(r => r.Id);
            e.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Note).HasMaxLength(1000);
            // One verdict per earlier action and retro (marking it again changes it).
            e.HasIndex(r => new { r.RetroId, r.ActionId }).IsUnique();
        });
    }
}

public sealed class SqliteRetrosDbContext(DbContextOptions<SqliteRetrosDbContext> options) : RetrosDbContext(options);

public sealed class PostgresRetrosDbContext(DbContextOptions<PostgresRetrosDbContext> options) : RetrosDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteRetrosDesignFactory() : DesignTimeFactory<SqliteRetrosDbContext>(DatabaseProvider.Sqlite, RetrosDbContext.MigrationsTable);

internal sealed class PostgresRetrosDesignFactory() : DesignTimeFactory<PostgresRetrosDbContext>(DatabaseProvider.Postgres, RetrosDbContext.MigrationsTable);
