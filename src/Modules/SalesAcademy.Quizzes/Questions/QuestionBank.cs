using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>Filters of the question bank list (page and API alike). Status: <c>published</c>, <c>drafts</c> (latest version not published) or all.</summary>
public sealed record QuestionFilter(string? Tag = null, string? Kind = null, string? Source = null, string? Status = null, string? Search = null)
{
    public static readonly string[] Statuses = ["published", "drafts", "all"];
}

/// <summary>A question's latest version, its part, and whether some version of it is published.</summary>
public sealed record QuestionRow(ContentItem Item, QuestionPart Part, bool HasPublishedVersion);

/// <summary>The trainers' view of the bank: the latest version of every question, drafts included, last saved first.</summary>
public sealed class QuestionBank(ContentManager manager)
{
    /// <summary>How many questions the quiz editor's picker lists at once (newest first); its search reaches the whole bank.</summary>
    public const int PickerListed = 50;

    public async Task<IReadOnlyList<QuestionRow>> ListAsync(QuestionFilter filter, CancellationToken ct = default)
    {
        var latest = await manager.ListLatestAsync(QuizzesModule.QuestionType, ct);
        var publishedIds = await manager.PublishedIdsAsync(ct);
        IEnumerable<QuestionRow> rows = latest.Select(i => new QuestionRow(i, i.As<QuestionPart>(), publishedIds.Contains(i.ContentItemId)));
        if (!string.IsNullOrEmpty(filter.Tag)) rows = rows.Where(r => r.Item.As<TagsPart>().Tags.Contains(filter.Tag));
        if (!string.IsNullOrEmpty(filter.Kind)) rows = rows.Where(r => r.Part.Kind == filter.Kind);
        if (!string.IsNullOrEmpty(filter.Source)) rows = rows.Where(r => r.Part.Source == filter.Source);
        if (filter.Status == "published") rows = rows.Where(r => r.Item.Published);
        else if (filter.Status == "drafts") rows = rows.Where(r => !r.Item.Published);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var words = filter.Search.Trim();
            rows = rows.Where(r => r.Item.DisplayText.Contains(words, StringComparison.OrdinalIgnoreCase));
        }
        return rows.ToList(); // newest first
    }
}
