using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Insights;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes;

/// <summary>
/// The Quizzes module's answer to <see cref="IWeakQuestions"/>: the graded answers of the users' finished attempts started in
/// the period, per question the mean fraction earned; each published question counts under each of its tags.
/// </summary>
internal sealed class WeakQuestions(QuizzesDbContext db, PublishedContent published) : IWeakQuestions
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<WeakQuestion>>> LowestByTagAsync(IReadOnlyCollection<string> userIds, DateTime fromUtc,
        DateTime toUtc, int perTag, CancellationToken ct = default)
    {
        var result = new Dictionary<string, IReadOnlyList<WeakQuestion>>(StringComparer.Ordinal);
        if (userIds.Count == 0 || perTag < 1) return result;
        var ids = userIds.Distinct().ToList();
        var answers = await (
            from q in db.AttemptQuestions.AsNoTracking()
            join a in db.Attempts.AsNoTracking() on q.AttemptId equals a.Id
            where ids.Contains(a.UserId) && a.StartedUtc >= fromUtc && a.StartedUtc < toUtc
                  && (a.State == AttemptState.Submitted || a.State == AttemptState.Overdue) && q.Fraction != null
            group q by q.QuestionItemId into g
            select new { QuestionItemId = g.Key, Answers = g.Count(), Mean = g.Average(x => x.Fraction!.Value) })
            .ToListAsync(ct);
        var byTag = new Dictionary<string, List<WeakQuestion>>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            if (await published.ByIdAsync(answer.QuestionItemId) is not { ContentType: QuizzesModule.QuestionType } question) continue;
            var tags = question.As<TagsPart>().Tags;
            var weak = new WeakQuestion(question.ContentItemId, question.DisplayText, TextOf(question), tags, answer.Answers, answer.Mean);
            foreach (var tag in tags.Distinct(StringComparer.Ordinal))
            {
                if (!byTag.TryGetValue(tag, out var list)) byTag[tag] = list = [];
                list.Add(weak);
            }
        }
        foreach (var (tag, list) in byTag)
            result[tag] = list.OrderBy(q => q.MeanFraction).ThenByDescending(q => q.Answers).ThenBy(q => q.QuestionItemId, StringComparer.Ordinal).Take(perTag).ToList();
        return result;
    }

    // What the question asks and the answers it offers: the words a related case or playbook would share.
    private static string TextOf(ContentItem question)
    {
        var part = question.As<QuestionPart>();
        return string.Join('\n', new[] { question.DisplayText, question.As<MarkdownBodyPart>().Markdown, part.Explanation }
            .Concat(part.Choices.Select(c => c.Text)).Where(t => !string.IsNullOrWhiteSpace(t)));
    }
}
