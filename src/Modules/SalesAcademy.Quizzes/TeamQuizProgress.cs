using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Learning;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Data;

namespace SalesAcademy.Quizzes;

/// <summary>
/// The Quizzes module's answer to <see cref="ITeamQuizProgress"/>: every published quiz, and per user and quiz the
/// attempts, an open one, and the best finished score; review-deck cards due and reviews done.
/// </summary>
internal sealed class TeamQuizProgress(QuizzesDbContext db, PublishedContent published, TimeProvider clock) : ITeamQuizProgress
{
    public async Task<QuizProgress> ProgressAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        var quizzes = (await published.ListAsync(QuizzesModule.QuizType))
            .OrderBy(q => q.DisplayText, StringComparer.CurrentCulture)
            .Select(q => new QuizColumn(q.ContentItemId, q.Slug, q.DisplayText, q.Culture))
            .ToList();
        if (userIds.Count == 0 || quizzes.Count == 0) return new QuizProgress(quizzes, []);
        var quizIds = quizzes.Select(q => q.QuizItemId).ToList();
        var attempts = await db.Attempts.AsNoTracking()
            .Where(a => userIds.Contains(a.UserId) && quizIds.Contains(a.QuizItemId) && a.State != AttemptState.Abandoned)
            .Select(a => new { a.Id, a.UserId, a.QuizItemId, a.State, a.Score, a.MaxScore })
            .ToListAsync(ct);
        var cells = attempts.GroupBy(a => (a.UserId, a.QuizItemId)).Select(g =>
        {
            var best = g.Where(a => a.State is AttemptState.Submitted or AttemptState.Overdue && a.Score is not null && a.MaxScore > 0)
                .OrderByDescending(a => a.Score!.Value / a.MaxScore).ThenBy(a => a.Id).FirstOrDefault();
            return new QuizCell(g.Key.UserId, g.Key.QuizItemId, g.Count(), g.Any(a => a.State == AttemptState.InProgress),
                best is null ? null : Math.Round(100 * best.Score!.Value / best.MaxScore, 1), best?.Id);
        }).ToList();
        return new QuizProgress(quizzes, cells);
    }

    public async Task<IReadOnlyDictionary<string, ReviewDeckActivity>> ReviewDeckAsync(IReadOnlyCollection<string> userIds, DateTime sinceUtc, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return new Dictionary<string, ReviewDeckActivity>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.ReviewCards.AsNoTracking()
            .Where(c => userIds.Contains(c.UserId) && c.State != CardState.Suspended && c.DueUtc <= now)
            .GroupBy(c => c.UserId).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, ct);
        var reviews = await db.ReviewLog.AsNoTracking()
            .Where(r => userIds.Contains(r.UserId) && r.ReviewedUtc >= sinceUtc)
            .GroupBy(r => r.UserId).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, ct);
        return userIds.Distinct().ToDictionary(u => u, u => new ReviewDeckActivity(due.GetValueOrDefault(u), reviews.GetValueOrDefault(u)));
    }
}
