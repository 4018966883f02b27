using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Data;

/// <summary>The insights run's snapshots and their values, the index weights' versions and the teams' goals.</summary>
public abstract class InsightsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__InsightsMigrations";

    public DbSet<InsightSnapshot> Snapshots => Set<InsightSnapshot>();
    public DbSet<InsightValue> Values => Set<InsightValue>();
    public DbSet<MetricWeights> Weights => Set<MetricWeights>();
    public DbSet<TeamGoal> Goals => Set<TeamGoal>();
    public DbSet<ContentViewCount> ContentViews => Set<ContentViewCount>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<InsightSnapshot>(e =>
        {
            e.ToTable("InsightSnapshots");
            e.HasKey(s => s.Id);
            e.Property(s => s.Scope).HasConversion<string>().HasMaxLength(8);
            e.Property(s => s.TeamId).HasMaxLength(64).IsRequired();
            e.Property(s => s.UserId).HasMaxLength(64);
            // One snapshot per scope, team, rep and period: a re-run replaces it. NULLs are distinct in a unique index on
            // both providers, so the team rows (UserId null) get their own filtered index.
            e.HasIndex(s => new { s.Scope, s.TeamId, s.UserId, s.PeriodStartUtc }).IsUnique();
            e.HasIndex(s => new { s.Scope, s.TeamId, s.PeriodStartUtc }).IsUnique().HasFilter("\"UserId\" IS NULL")
                .HasDatabaseName("IX_InsightSnapshots_Team_Period");
            e.HasIndex(s => new { s.UserId, s.PeriodStartUtc });
            e.HasMany(s => s.Values).WithOne().HasForeignKey(v => v.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<InsightValue>(e =>
        {
            e.ToTable("InsightValues");
            e.HasKey(v => v.Id);
            e.Property(v => v.Measure).HasMaxLength(64).IsRequired();
            e.Property(v => v.Dimension).HasMaxLength(200).IsRequired();
            e.Property(v => v.WithheldReason).HasMaxLength(300);
            e.HasIndex(v => new { v.SnapshotId, v.Measure, v.Dimension }).IsUnique();
        });
        model.Entity<MetricWeights>(e =>
        {
            e.ToTable("MetricWeights");
            e.HasKey(w => w.Version);
            e.Property(w => w.Version).ValueGeneratedNever();
            e.Property(w => w.WeightsJson).IsRequired();
            e.Property(w => w.Note).HasMaxLength(1000).IsRequired();
            e.Property(w => w.CreatedByUserId).HasMaxLength(64);
            e.HasData(new MetricWeights
            {
                Version = 1,
                WeightsJson = IndexWeights.DefaultJson,
                Note = "Default weights",
                CreatedUtc = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
            });
        });
        model.Entity<TeamGoal>(e =>
        {
            e.ToTable("TeamGoals");
            e.HasKey(g => g.Id);
            e.Property(g => g.TeamId).HasMaxLength(64).IsRequired();
            e.Property(g => g.Title).HasMaxLength(200).IsRequired();
            e.Property(g => g.MeasureKey).HasMaxLength(64).IsRequired();
            e.Property(g => g.Comparison).HasConversion<string>().HasMaxLength(8);
            e.Property(g => g.CreatedByUserId).HasMaxLength(64);
            e.Property(g => g.Sequence).IsConcurrencyToken();
            e.HasIndex(g => new { g.TeamId, g.PeriodStartUtc });
        });
        model.Entity<ContentViewCount>(e =>
        {
            e.ToTable("ContentViewCounts");
            e.HasKey(v => new { v.Day, v.ContentItemId, v.UserId });
            e.Property(v => v.ContentItemId).HasMaxLength(64);
            e.Property(v => v.UserId).HasMaxLength(64);
            e.HasIndex(v => new { v.UserId, v.Day });
        });
    }
}

public sealed class SqliteInsightsDbContext(DbContextOptions<SqliteInsightsDbContext> options) : InsightsDbContext(options);

public sealed class PostgresInsightsDbContext(DbContextOptions<PostgresInsightsDbContext> options) : InsightsDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteInsightsDesignFactory() : DesignTimeFactory<SqliteInsightsDbContext>(DatabaseProvider.Sqlite, InsightsDbContext.MigrationsTable);

internal sealed class PostgresInsightsDesignFactory() : DesignTimeFactory<PostgresInsightsDbContext>(DatabaseProvider.Postgres, InsightsDbContext.MigrationsTable);
