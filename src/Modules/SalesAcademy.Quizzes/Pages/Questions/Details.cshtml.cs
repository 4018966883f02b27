using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Pages.Questions;

/// <summary>One question for trainers (quizzes.manage): the latest version's stem, options with the right answer marked, explanation and source.</summary>
[Authorize(Policy = "perm:" + QuizPermissions.Manage)]
public sealed class DetailsModel(ContentManager manager, PublishedContent published, ContentDefinitions definitions) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public QuestionPart Part { get; private set; } = null!;
    public bool HasPublishedVersion { get; private set; }
    public SourceLink? SourceItem { get; private set; }
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var item = await manager.GetLatestBySlugAsync(QuizzesModule.QuestionType, slug, ct);
        if (item is null) return NotFound();
        Item = item;
        Part = item.As<QuestionPart>();
        HasPublishedVersion = item.Published || await manager.GetAsync(item.ContentItemId, VersionOptions.Published, ct) is not null;
        var sources = await IndexModel.SourcesAsync([Part.Source], manager, published, definitions, ct);
        if (Part.Source is { } source && sources.TryGetValue(source, out var found)) SourceItem = found;
        Taxonomy = await published.TaxonomyAsync();
        Response.Headers.CacheControl = "no-store"; // it shows the answers
        return Page();
    }
}
