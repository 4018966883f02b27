using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Insights;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Rounds;

namespace SalesAcademy.Quizzes.Insights;

/// <summary>
/// The Quizzes module's measures for the insights run, from its own tables: mastery by question tag (finished attempts),
/// retention by tag (FSRS retrievability of each reviewed card at the period's end, from the review log as it stood then) and
/// quiz-round participation (assignments due in the period).
/// </summary>
internal sealed class QuizInsightSource(QuizzesDbContext db, PublishedContent published) : IInsightSource
{
    public string Name => "quizzes";

    public async Task<IReadOnlyList<InsightRecord>> MeasureAsync(InsightQuery query, CancellationToken ct)
    {
        var teamsOf = InsightMembers.TeamsByUserId(query);
        if (teamsOf.Count == 0) return [];
        var userIds = teamsOf.Keys.ToList();
        var tagsOf = (await published.ListAsync(QuizzesModule.QuestionType))
            .ToDictionary(q => q.ContentItemId, q => (IReadOnlyList<string>)q.As<TagsPart>().Tags, StringComparer.Ordinal);
        var records = new List<InsightRecord>();
        var (start, end) = (query.FromUtc, query.ToUtc);

        // Mastery: points earned over points available in graded answers of attempts finished in the period.
        var answers = await (from a in db.Attempts.AsNoTracking()
                             where userIds.Contains(a.UserId) && a.FinishedUtc >= start && a.FinishedUtc < end
                                   && (a.State == AttemptState.Submitted || a.State == AttemptState.Overdue)
                             join q in db.AttemptQuestions.AsNoTracking() on a.Id equals q.AttemptId
                             where q.Fraction != null
                             select new { a.UserId, AttemptId = a.Id, q.QuestionItemId, q.Points, Fraction = q.Fraction!.Value })
            .ToListAsync(ct);
        foreach (var byUser in answers.GroupBy(a => a.UserId))
        {
            var sums = new Dictionary<string, (double Earned, double Possible, HashSet<long> Attempts)>(StringComparer.Ordinal);
            foreach (var answer in byUser)
                foreach (var tag in TagsWithAll(tagsOf, answer.QuestionItemId))
                {
                    var s = sums.TryGetValue(tag, out var found) ? found : (Earned: 0d, Possible: 0d, Attempts: new HashSet<long>());
                    s.Attempts.Add(answer.AttemptId);
                    sums[tag] = (s.Earned + answer.Points * answer.Fraction, s.Possible + answer.Points, s.Attempts);
                }
            foreach (var team in teamsOf[byUser.Key])
                foreach (var (tag, s) in sums)
                    if (s.Possible > 0) records.Add(new(team, InsightMeasureKeys.Mastery, tag, byUser.Key, s.Earned, s.Possible, s.Attempts.Count));
        }

        // Retention: each card's last review before the period's end gives its stability then; R = FSRS retrievability at the end.
        var lastReviews = await db.ReviewLog.AsNoTracking()
            .Where(l => userIds.Contains(l.UserId) && l.ReviewedUtc < end)
            .GroupBy(l => l.CardId)
            .Select(g => g.OrderByDescending(l => l.ReviewedUtc).ThenByDescending(l => l.Id).First())
            .ToListAsync(ct);
        if (lastReviews.Count > 0)
        {
            var cardIds = lastReviews.Select(l => l.CardId).ToList();
            var cards = await db.ReviewCards.AsNoTracking().Where(c => cardIds.Contains(c.Id) && c.State != CardState.Suspended)
                .Select(c => new { c.Id, c.QuestionItemId }).ToDictionaryAsync(c => c.Id, c => c.QuestionItemId, ct);
            foreach (var byUser in lastReviews.Where(l => cards.ContainsKey(l.CardId) && l.Stability > 0).GroupBy(l => l.UserId))
            {
                var sums = new Dictionary<string, (double R, int Cards)>(StringComparer.Ordinal);
                foreach (var review in byUser)
                {
                    var r = Fsrs.Retrievability(Fsrs.ElapsedDays(review.ReviewedUtc, end), review.Stability);
                    foreach (var tag in TagsWithAll(tagsOf, cards[review.CardId]))
                        sums[tag] = sums.TryGetValue(tag, out var s) ? (s.R + r, s.Cards + 1) : (r, 1);
                }
                foreach (var team in teamsOf[byUser.Key])
                    foreach (var (tag, s) in sums)
                        records.Add(new(team, InsightMeasureKeys.Retention, tag, byUser.Key, s.R, s.Cards, s.Cards));
            }
        }

        // Quiz-round participation: every assignment due in the period (or assigned in it, for a round without a close time).
        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => userIds.Contains(a.UserId) && ((a.DueUtc >= start && a.DueUtc < end) || (a.DueUtc == null && a.AssignedUtc >= start && a.AssignedUtc < end)))
            .Select(a => new { a.UserId, a.State })
            .ToListAsync(ct);
        foreach (var byUser in assignments.GroupBy(a => a.UserId))
        {
            var done = byUser.Count(a => a.State == AssignmentState.Completed);
            foreach (var team in teamsOf[byUser.Key])
                records.Add(new(team, InsightMeasureKeys.ParticipationQuiz, "", byUser.Key, done, byUser.Count(), byUser.Count()));
        }
        return records;
    }

    /// <summary>The question's tags and "" (all tags), so the overall figure counts every answer once.</summary>
    private static IEnumerable<string> TagsWithAll(Dictionary<string, IReadOnlyList<string>> tagsOf, string questionItemId)
    {
        yield return "";
        if (tagsOf.TryGetValue(questionItemId, out var tags))
            foreach (var tag in tags.Distinct(StringComparer.Ordinal)) yield return tag;
    }
}
