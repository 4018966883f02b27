using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Pages.Questions;

/// <summary>The question bank (quizzes.manage): every question's latest version, filtered by tag, kind, source, status and title.</summary>
[Authorize(Policy = "perm:" + QuizPermissions.Manage)]
public sealed class IndexModel(QuestionBank bank, ContentManager manager, PublishedContent published, ContentDefinitions definitions,
    QuestionBankAccess access, IStringLocalizer<IndexModel> localizer) : PageModel
{
    public const int PageSize = 25;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "page", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<QuestionRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; } = 1;
    public IReadOnlyList<ListFilter> Filters { get; private set; } = [];
    /// <summary>Source items by id.</summary>
    public IReadOnlyDictionary<string, SourceLink> Sources { get; private set; } = new Dictionary<string, SourceLink>();
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;
    public bool CanImport { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var T = localizer;
        var all = await bank.ListAsync(new QuestionFilter(), ct);
        Taxonomy = await published.TaxonomyAsync();
        var items = all.Select(r => r.Item).ToList();
        Sources = await SourcesAsync(all.Select(r => r.Part.Source), manager, published, definitions, ct);
        var status = Status is "published" or "drafts" ? Status : null;
        Filters =
        [
            ContentListing.TagFilter(items, Taxonomy, T["Tag"], Tag),
            ContentListing.Filter("kind", T["Kind"], items, i => [i.As<QuestionPart>().Kind], k => QuestionKindText.Label(T, k), Kind),
            ContentListing.Filter("source", T["Source"], items, i => i.As<QuestionPart>().Source is { } s ? [s] : [],
                s => Sources.TryGetValue(s, out var source) ? source.Title : s, Source),
            ContentListing.Filter("status", T["Status"], items, i => [i.Published ? "published" : "drafts"],
                s => s == "published" ? T["Published"] : T["Draft"], status),
        ];
        var rows = await bank.ListAsync(new QuestionFilter(Tag, Kind, Source, status, Q), ct);
        Total = rows.Count;
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        CanImport = await access.CanImportAsync(User);
    }

    /// <summary>
    /// The quiz editor's question search (htmx): the newest <see cref="QuestionBank.PickerListed"/> questions of the whole bank whose
    /// title, state, owner or id hold every word of <paramref name="q"/>, as picker options.
    /// </summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetPickerAsync(string? q, CancellationToken ct)
    {
        var T = localizer;
        var words = (q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var found = (await bank.ListAsync(new QuestionFilter(), ct))
            .Where(r => words.All(w => $"{r.Item.DisplayText} {(r.Item.Published ? T["published"] : T["draft"])} {r.Item.Owner} {r.Item.ContentItemId}"
                .Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Take(QuestionBank.PickerListed).Select(r => r.Item).ToList();
        return Partial("_QuestionPickerOptions", found);
    }

    /// <summary>Title and page of each named source (a case, playbook or drill).</summary>
    internal static async Task<IReadOnlyDictionary<string, SourceLink>> SourcesAsync(IEnumerable<string?> ids,
        ContentManager manager, PublishedContent published, ContentDefinitions definitions, CancellationToken ct)
    {
        var result = new Dictionary<string, SourceLink>(StringComparer.Ordinal);
        foreach (var id in ids.OfType<string>().Distinct())
        {
            if (await published.ByIdAsync(id) is { } live) result[id] = new(live.DisplayText, definitions.UrlFor(live), live.ContentType);
            else if (await manager.GetAsync(id, VersionOptions.Latest, ct) is { } draft) result[id] = new(draft.DisplayText, null, draft.ContentType);
        }
        return result;
    }
}

/// <summary>A question's source: its title, its page (null when not published) and type.</summary>
public sealed record SourceLink(string Title, string? Url, string Type)
{
    /// <summary>The page, at the playbook stage when the question names one.</summary>
    public string? Href(string? section) => Url is null ? null : Type == "Playbook" && !string.IsNullOrEmpty(section) ? $"{Url}#stage-{section}" : Url;
}
