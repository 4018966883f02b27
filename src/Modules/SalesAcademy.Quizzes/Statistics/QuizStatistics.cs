using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Statistics;

/// <summary>A flagged question in the trainers' queue, with the quiz whose first attempts flagged it.</summary>
public sealed record FlaggedQuestion(string QuizItemId, string QuizTitle, string? QuizSlug, int QuizAttempts, QuestionStatistics Question);

/// <summary>
/// Keeps each quiz's item analysis (<see cref="ItemAnalysis"/>) in <see cref="QuizStatisticsSnapshot"/>: recomputed from the finished
/// first attempts shortly after one is finished or regraded (<see cref="StatisticsRefresher"/>; one query for the marks, one upsert), read by the statistics page, the API
/// and the flagged-questions list without touching the attempts.
/// </summary>
public sealed class QuizStatistics(QuizzesDbContext db, ContentManager content, PublishedContent published, TimeProvider clock, DatabaseWriteGate writes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Recomputes and stores the quiz's statistics (<see cref="StatisticsRefresher"/> calls it after attempts are finished or regraded).</summary>
    public async Task<QuizStatisticsReport> RecomputeAsync(string quizItemId, CancellationToken ct = default)
    {
        var report = (await AnalyseAsync(quizItemId, null, ct))!;
        await SaveAsync(report, ct);
        return report;
    }

    /// <summary>
    /// The item analysis over the first attempts of these takers only (a team lead's teams), computed on demand and never
    /// stored; null when none of them has a finished first attempt at the quiz.
    /// </summary>
    public async Task<QuizStatisticsReport?> ForTakersAsync(string quizItemId, IReadOnlyCollection<string> takers, CancellationToken ct = default) =>
        takers.Count == 0 ? null : await AnalyseAsync(quizItemId, takers, ct);

    private async Task<QuizStatisticsReport?> AnalyseAsync(string quizItemId, IReadOnlyCollection<string>? takers, CancellationToken ct)
    {
        // One query: every slot of every finished first attempt. Attempts still waiting for a trainer's grade are not complete
        // (Moodle counts "complete graded first attempts"); regrading them triggers the next recompute.
        var firsts = db.Attempts.AsNoTracking().Where(a => a.QuizItemId == quizItemId && a.Number == 1);
        if (takers is not null) firsts = firsts.Where(a => takers.Contains(a.UserId));
        var rows = await (
                from a in firsts
                where a.State == AttemptState.Submitted || a.State == AttemptState.Overdue
                join q in db.AttemptQuestions.AsNoTracking() on a.Id equals q.AttemptId
                select new { a.Id, a.PendingManual, q.Slot, q.QuestionItemId, q.Points, q.Fraction, q.NeedsManualGrading })
            .ToListAsync(ct);
        if (takers is not null && rows.Count == 0) return null;
        var attempts = rows
            .GroupBy(r => r.Id)
            .Where(g => g.All(r => r.PendingManual == 0 && !r.NeedsManualGrading))
            .OrderBy(g => g.Key)
            // An ungraded slot of a finished attempt was left unanswered: it earned nothing.
            .Select(g => new AttemptScores(g.Key, g.OrderBy(r => r.Slot).Select(r => new ItemScore(r.QuestionItemId, r.Slot, (r.Fraction ?? 0) * r.Points, r.Points)).ToList()))
            .ToList();

        var quiz = await QuizAsync(quizItemId, ct);
        var report = ItemAnalysis.Analyse(quizItemId, attempts, clock.GetUtcNow().UtcDateTime, quiz?.As<QuizPart>().Questions);
        return await WithTitlesAsync(report, ct);
    }

    /// <summary>The stored statistics (computed now if there are none yet); null when the quiz does not exist.</summary>
    public async Task<QuizStatisticsReport?> GetAsync(string quizItemId, CancellationToken ct = default)
    {
        var snapshot = await db.Statistics.AsNoTracking().SingleOrDefaultAsync(s => s.QuizItemId == quizItemId, ct);
        if (snapshot is not null && Read(snapshot) is { } stored) return await WithTitlesAsync(stored, ct);
        if (await QuizAsync(quizItemId, ct) is null) return null;
        return await RecomputeAsync(quizItemId, ct);
    }

    /// <summary>Every flagged question of every quiz (from the stored statistics), worst first: most flags, then most attempts.</summary>
    public async Task<IReadOnlyList<FlaggedQuestion>> FlaggedAsync(CancellationToken ct = default)
    {
        var snapshots = await db.Statistics.AsNoTracking().ToListAsync(ct);
        var flagged = new List<FlaggedQuestion>();
        foreach (var snapshot in snapshots)
        {
            if (Read(snapshot) is not { } report || !report.Questions.Any(q => q.Flags.Count > 0)) continue;
            var quiz = await QuizAsync(report.QuizItemId, ct);
            if (quiz is null) continue; // deleted quiz: nothing left to fix
            report = await WithTitlesAsync(report, ct);
            flagged.AddRange(report.Questions.Where(q => q.Flags.Count > 0)
                .Select(q => new FlaggedQuestion(report.QuizItemId, TitleOf(quiz), quiz.Slug, report.Attempts, q)));
        }
        return flagged.OrderByDescending(f => f.Question.Flags.Count).ThenByDescending(f => f.Question.N)
            .ThenBy(f => f.QuizTitle, StringComparer.CurrentCulture).ThenBy(f => f.Question.Position).ToList();
    }

    /// <summary>The quiz, published or not (a trainer may look at the statistics of a quiz taken off the site).</summary>
    internal async Task<ContentItem?> QuizAsync(string quizItemId, CancellationToken ct)
    {
        var item = await published.ByIdAsync(quizItemId) ?? await content.GetAsync(quizItemId, VersionOptions.Latest, ct);
        return item?.ContentType == QuizzesModule.QuizType ? item : null;
    }

    internal static string TitleOf(ContentItem item) =>
        item.As<TitlePart>().Title is { Length: > 0 } title ? title : item.DisplayText is { Length: > 0 } text ? text : item.ContentItemId;

    /// <summary>Question titles and addresses as they are now (published version, else the latest; kept from the snapshot if deleted).</summary>
    private async Task<QuizStatisticsReport> WithTitlesAsync(QuizStatisticsReport report, CancellationToken ct)
    {
        var questions = new List<QuestionStatistics>(report.Questions.Count);
        foreach (var q in report.Questions)
        {
            var item = await published.ByIdAsync(q.QuestionItemId) ?? await content.GetAsync(q.QuestionItemId, VersionOptions.Latest, ct);
            questions.Add(item is null
                ? q with { Title = q.Title is { Length: > 0 } ? q.Title : q.QuestionItemId }
                : q with { Title = TitleOf(item), Slug = item.Slug });
        }
        return report with { Questions = questions };
    }

    private async Task SaveAsync(QuizStatisticsReport report, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(report, Json);
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = await db.Statistics.SingleOrDefaultAsync(s => s.QuizItemId == report.QuizItemId, ct);
            if (snapshot is null) db.Statistics.Add(snapshot = new QuizStatisticsSnapshot { QuizItemId = report.QuizItemId });
            snapshot.ComputedUtc = report.ComputedUtc;
            snapshot.Attempts = report.Attempts;
            snapshot.Json = json;
            try
            {
                using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two recomputes of a new quiz raced to insert: the other one's row exists now, so update it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static QuizStatisticsReport? Read(QuizStatisticsSnapshot snapshot)
    {
        try
        {
            var report = JsonSerializer.Deserialize<QuizStatisticsReport>(snapshot.Json, Json);
            return report?.QuizItemId == snapshot.QuizItemId ? report : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable snapshot is recomputed
        }
    }
}
