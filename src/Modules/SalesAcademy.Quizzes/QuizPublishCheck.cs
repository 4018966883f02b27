using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Quizzes;

/// <summary>
/// A quiz with a fixed list is published only when every question on it is published: a draft on the list is skipped
/// when an attempt starts, so a quiz of drafts tells reps "This quiz has no published questions". The studio and the API
/// both publish through <see cref="ContentManager"/>, so both refuse it, naming the questions. (A question that does not
/// exist yet is the reference check's business, not this one's.)
/// </summary>
internal sealed class QuizPublishCheck(ContentDbContext db) : IContentPublishCheck
{
    public async Task<IReadOnlyList<ContentFieldError>> CheckAsync(ContentItem item, CancellationToken ct)
    {
        if (item.ContentType != QuizzesModule.QuizType) return [];
        var ids = item.As<QuizPart>().Questions;
        if (ids.Count == 0) return [];
        var rows = await db.Items.AsNoTracking().Where(i => ids.Contains(i.ContentItemId) && (i.Latest || i.Published))
            .Select(i => new { i.ContentItemId, i.Published, i.Latest, i.DisplayText }).ToListAsync(ct);
        var errors = new List<ContentFieldError>();
        for (var i = 0; i < ids.Count; i++)
        {
            var versions = rows.Where(r => r.ContentItemId == ids[i]).ToList();
            if (versions.Count == 0 || versions.Any(r => r.Published)) continue;
            var title = versions.FirstOrDefault(r => r.Latest)?.DisplayText ?? ids[i];
            errors.Add(new($"questions[{i}]", $"'{title}' is not published; publish it first or pick its published copy"));
        }
        return errors;
    }
}
