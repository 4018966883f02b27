using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Search.Api;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Pages.Search;

[PortalRateLimit(PortalRateLimits.Search)]
public sealed class IndexModel(SearchService search, SearchVisibility visibility, SearchLog log, PublishedContent published, ContentDefinitions definitions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Culture { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>The page number ("page" is taken by Razor Pages routing).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public SearchResults Results { get; private set; } = null!;
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;
    public IReadOnlyList<SearchSuggestion> Suggestions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        SearchApi.TryParseSort(Sort, out var sort);
        Taxonomy = await published.TaxonomyAsync();
        Results = search.Search(new SearchRequest
        {
            Query = Q, Type = Type, Tag = Tag, Industry = Industry, Outcome = Outcome, Culture = Culture,
            Page = PageNumber, PageSize = 10, Sort = sort,
        }, await visibility.AudienceAsync(User), cancel: ct);
        log.Record(Q, Results.Total, CultureInfo.CurrentUICulture.Name, User.FindFirstValue(ClaimTypes.NameIdentifier), "page");
    }

    /// <summary>The type-ahead list under the search box (htmx).</summary>
    public async Task<IActionResult> OnGetSuggestAsync()
    {
        Suggestions = search.Suggest(Q, await visibility.AudienceAsync(User), await SearchApi.TagLabelsAsync(published));
        return Partial("_Suggestions", this);
    }

    public string TypeLabel(string type) => definitions.Find(type)?.DisplayName ?? type;

    /// <summary>This page's address with one parameter changed (a facet toggled, another page).</summary>
    public string Link(string? name = null, string? value = null, int? page = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q, ["type"] = Type, ["tag"] = Tag, ["industry"] = Industry, ["outcome"] = Outcome, ["culture"] = Culture, ["sort"] = Sort,
        };
        if (name is not null) query[name] = query[name] == value ? null : value;
        if (page is > 1) query["p"] = page.ToString();
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/search", query.Where(q => !string.IsNullOrWhiteSpace(q.Value)));
    }

    public string? Selected(string facet) => facet switch
    {
        "type" => Type, "tag" => Tag, "industry" => Industry, "outcome" => Outcome, "culture" => Culture, _ => null,
    };
}
