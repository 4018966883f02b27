using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.DrillSessions.Models;

namespace SalesAcademy.DrillSessions.Data;

/// <summary>Drill sessions, who plays which role, what they submit per step, their attachments and the raters' scores.</summary>
public abstract class DrillSessionsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__DrillSessionsMigrations";

    public DbSet<DrillSession> Sessions => Set<DrillSession>();
    public DbSet<DrillParticipant> Participants => Set<DrillParticipant>();
    public DbSet<DrillSubmission> Submissions => Set<DrillSubmission>();
    public DbSet<DrillAttachment> Attachments => Set<DrillAttachment>();
    public DbSet<DrillRating> Ratings => Set<DrillRating>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DrillSession>(e =>
        {
            e.ToTable("DrillSessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.TeamId).HasMaxLength(64).IsRequired();
            e.Property(s => s.DrillContentItemId).HasMaxLength(64).IsRequired();
            e.Property(s => s.DrillVersion).HasMaxLength(64).IsRequired();
            e.Property(s => s.DrillJson).IsRequired();
            e.Property(s => s.DrillSlug).HasMaxLength(200).IsRequired();
            e.Property(s => s.DrillCulture).HasMaxLength(16).IsRequired();
            e.Property(s => s.Title).HasMaxLength(200).IsRequired();
            e.Property(s => s.FacilitatorUserId).HasMaxLength(64);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.CreatedByUserId).HasMaxLength(64);
            e.Property(s => s.FinalizedByUserId).HasMaxLength(64);
            e.Property(s => s.FinalNote).HasMaxLength(4000);
            e.Property(s => s.Sequence).IsConcurrencyToken();
            e.HasIndex(s => new { s.TeamId, s.ScheduledUtc });
            e.HasIndex(s => s.DrillContentItemId);
            // A cycle run schedules one session per team and drill, however often its open phase runs.
            e.HasIndex(s => new { s.CycleRunId, s.TeamId, s.DrillContentItemId }).IsUnique();
        });
        model.Entity<DrillParticipant>(e =>
        {
            e.ToTable("DrillParticipants");
            e.HasKey(p => p.Id);
            e.Property(p => p.UserId).HasMaxLength(64).IsRequired();
            e.Property(p => p.RoleKey).HasMaxLength(100).IsRequired();
            // A person plays one role; a role is played by one person.
            e.HasIndex(p => new { p.SessionId, p.UserId }).IsUnique();
            e.HasIndex(p => new { p.SessionId, p.RoleKey }).IsUnique();
            e.HasIndex(p => p.UserId);
        });
        model.Entity<DrillSubmission>(e =>
        {
            e.ToTable("DrillSubmissions");
            e.HasKey(s => s.Id);
            e.Property(s => s.UserId).HasMaxLength(64).IsRequired();
            e.Property(s => s.RoleKey).HasMaxLength(100).IsRequired();
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.Text).HasMaxLength(10_000);
            e.Property(s => s.Url).HasMaxLength(2000);
            e.HasIndex(s => new { s.SessionId, s.StepIndex });
        });
        model.Entity<DrillAttachment>(e =>
        {
            e.ToTable("DrillAttachments");
            e.HasKey(a => a.Id);
            e.Property(a => a.StoredName).HasMaxLength(64).IsRequired();
            e.Property(a => a.OriginalName).HasMaxLength(255).IsRequired();
            e.Property(a => a.MediaType).HasMaxLength(128).IsRequired();
            e.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
            e.Property(a => a.UploadedByUserId).HasMaxLength(64).IsRequired();
            e.HasIndex(a => a.SessionId);
        });
        model.Entity<DrillRating>(e =>
        {
            e.ToTable("DrillRatings");
            e.HasKey(r => r.Id);
            e.Property(r => r.RaterUserId).HasMaxLength(64).IsRequired();
            e.Property(r => r.RaterKind).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.RateeRoleKey).HasMaxLength(100).IsRequired();
            e.Property(r => r.Comment).HasMaxLength(4000);
            // One score per rater, role and criterion (rating again changes it).
            e.HasIndex(r => new { r.SessionId, r.RaterUserId, r.RateeRoleKey, r.CriterionIndex }).IsUnique();
        });
    }
}

public sealed class SqliteDrillSessionsDbContext(DbContextOptions<SqliteDrillSessionsDbContext> options) : DrillSessionsDbContext(options);

public sealed class PostgresDrillSessionsDbContext(DbContextOptions<PostgresDrillSessionsDbContext> options) : DrillSessionsDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteDrillSessionsDesignFactory() : DesignTimeFactory<SqliteDrillSessionsDbContext>(DatabaseProvider.Sqlite, DrillSessionsDbContext.MigrationsTable);

internal sealed class PostgresDrillSessionsDesignFactory() : DesignTimeFactory<PostgresDrillSessionsDbContext>(DatabaseProvider.Postgres, DrillSessionsDbContext.MigrationsTable);
