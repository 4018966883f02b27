using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Rounds;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Data;

/// <summary>Attempts and their answers, review decks with their logs, and the stored item analysis.</summary>
public abstract class QuizzesDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__QuizzesMigrations";

    public DbSet<QuizAttempt> Attempts => Set<QuizAttempt>();
    public DbSet<AttemptQuestion> AttemptQuestions => Set<AttemptQuestion>();
    public DbSet<ReviewCard> ReviewCards => Set<ReviewCard>();
    public DbSet<ReviewLogEntry> ReviewLog => Set<ReviewLogEntry>();
    public DbSet<QuizStatisticsSnapshot> Statistics => Set<QuizStatisticsSnapshot>();
    public DbSet<QuizAssignment> Assignments => Set<QuizAssignment>();
    public DbSet<ReviewReminder> ReviewReminders => Set<ReviewReminder>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<QuizAttempt>(e =>
        {
            e.ToTable("QuizAttempts");
            e.HasKey(a => a.Id);
            e.Property(a => a.QuizItemId).HasMaxLength(64).IsRequired();
            e.Property(a => a.QuizVersionId).HasMaxLength(64).IsRequired();
            e.Property(a => a.UserId).HasMaxLength(64).IsRequired();
            e.Property(a => a.UserName).HasMaxLength(256).IsRequired();
            // Every accepted write bumps it; two writers at once cannot both win.
            e.Property(a => a.Sequence).IsConcurrencyToken();
            e.HasMany(a => a.Questions).WithOne().HasForeignKey(q => q.AttemptId).OnDelete(DeleteBehavior.Cascade);
            // A taker's attempts at a quiz, numbered: one per number.
            e.HasIndex(a => new { a.QuizItemId, a.UserId, a.Number }).IsUnique();
            e.HasIndex(a => new { a.UserId, a.StartedUtc });
            e.HasIndex(a => new { a.State, a.DeadlineUtc });
            e.HasIndex(a => a.DeckDueUtc);
        });
        model.Entity<AttemptQuestion>(e =>
        {
            e.ToTable("QuizAttemptQuestions");
            e.HasKey(q => q.Id);
            e.Property(q => q.QuestionItemId).HasMaxLength(64).IsRequired();
            e.Property(q => q.QuestionVersionId).HasMaxLength(64).IsRequired();
            e.Property(q => q.OptionOrder).HasMaxLength(2000);
            e.Property(q => q.OptionIds).HasMaxLength(4000);
            e.Property(q => q.Response).HasMaxLength(10_000);
            e.Property(q => q.GradedBy).HasMaxLength(256);
            e.HasIndex(q => new { q.AttemptId, q.Slot }).IsUnique();
            e.HasIndex(q => q.QuestionItemId);
        });
        model.Entity<ReviewCard>(e =>
        {
            e.ToTable("ReviewCards");
            e.HasKey(c => c.Id);
            e.Property(c => c.UserId).HasMaxLength(64).IsRequired();
            e.Property(c => c.QuestionItemId).HasMaxLength(64).IsRequired();
            e.HasIndex(c => new { c.UserId, c.QuestionItemId }).IsUnique();
            e.HasIndex(c => new { c.UserId, c.DueUtc });
        });
        model.Entity<ReviewLogEntry>(e =>
        {
            e.ToTable("ReviewLog");
            e.HasKey(l => l.Id);
            e.Property(l => l.UserId).HasMaxLength(64).IsRequired();
            e.HasIndex(l => new { l.CardId, l.Id });
        });
        model.Entity<QuizStatisticsSnapshot>(e =>
        {
            e.ToTable("QuizStatistics");
            e.HasKey(s => s.QuizItemId);
            e.Property(s => s.QuizItemId).HasMaxLength(64);
            e.Property(s => s.Json).IsRequired();
        });
        model.Entity<QuizAssignment>(e =>
        {
            e.ToTable("QuizAssignments");
            e.HasKey(a => a.Id);
            e.Property(a => a.QuizItemId).HasMaxLength(64).IsRequired();
            e.Property(a => a.TeamId).HasMaxLength(64).IsRequired();
            e.Property(a => a.UserId).HasMaxLength(64).IsRequired();
            e.Property(a => a.UserName).HasMaxLength(256).IsRequired();
            // One assignment per run and member, however often the open phase runs.
            e.HasIndex(a => new { a.RunId, a.UserId }).IsUnique();
            e.HasIndex(a => new { a.UserId, a.State });
        });
        model.Entity<ReviewReminder>(e =>
        {
            e.ToTable("ReviewReminders");
            e.HasKey(r => new { r.UserId, r.Day });
            e.Property(r => r.UserId).HasMaxLength(64);
        });
    }
}

public sealed class SqliteQuizzesDbContext(DbContextOptions<SqliteQuizzesDbContext> options) : QuizzesDbContext(options);

public sealed class PostgresQuizzesDbContext(DbContextOptions<PostgresQuizzesDbContext> options) : QuizzesDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteQuizzesDesignFactory() : DesignTimeFactory<SqliteQuizzesDbContext>(DatabaseProvider.Sqlite, QuizzesDbContext.MigrationsTable);

internal sealed class PostgresQuizzesDesignFactory() : DesignTimeFactory<PostgresQuizzesDbContext>(DatabaseProvider.Postgres, QuizzesDbContext.MigrationsTable);
