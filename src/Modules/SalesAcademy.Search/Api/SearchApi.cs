using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Localization;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Api;

/// <summary><c>/api/v1/search</c>: full-text search with facets and snippets, and type-ahead suggestions.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/search").RequirePortalRateLimit(PortalRateLimits.Search);
        api.MapGet("/", SearchAsync);
        api.MapGet("/suggest", SuggestAsync);
        return endpoints;
    }

    private static async Task<IResult> SearchAsync(
        HttpContext http, SearchService search, SearchVisibility visibility, SearchLog log,
        string? q, string? type, string? tag, string? industry, string? outcome, string? culture, string? sort, int? page, int? pageSize)
    {
        // 400 in the shape of every other API error (ApiResults.BadQuery: errors keyed by parameter).
        var errors = new List<ApiFieldError>();
        if (page is < 1 or > SearchService.MaxPage) errors.Add(new("page", $"must be between 1 and {SearchService.MaxPage}"));
        if (pageSize is < 1 or > SearchService.MaxPageSize) errors.Add(new("pageSize", $"must be between 1 and {SearchService.MaxPageSize}"));
        if (culture is { Length: > 0 } && !PortalCultures.IsSupported(culture)) errors.Add(new("culture", $"'{culture}' must be zh-CN or en"));
        if (!TryParseSort(sort, out var order)) errors.Add(new("sort", $"'{sort}' must be relevance or date"));
        if (errors.Count > 0) return ApiResults.BadQuery(errors);

        var request = new SearchRequest
        {
            Query = q, Type = type, Tag = tag, Industry = industry, Outcome = outcome, Culture = culture,
            Page = page ?? 1, PageSize = pageSize ?? 10, Sort = order,
        };
        var results = search.Search(request, await visibility.AudienceAsync(http.User), cancel: http.RequestAborted);
        log.Record(q, results.Total, CultureInfo.CurrentUICulture.Name, http.User.FindFirstValue(ClaimTypes.NameIdentifier), "api");
        return Results.Json(new
        {
            total = results.Total,
            page = results.Page,
            pageSize = results.PageSize,
            hits = results.Hits.Select(h => new { id = h.Id, type = h.Type, title = h.Title, url = h.Url, snippet = h.Snippet, score = h.Score, culture = h.Culture, date = h.DateUtc }),
            facets = results.Facets,
            hint = results.Hint == SearchHint.None ? null : results.Hint.ToString(),
            rebuilding = results.Rebuilding,
            cutShort = results.CutShort,
        });
    }

    private static async Task<IResult> SuggestAsync(HttpContext http, SearchService search, SearchVisibility visibility, PublishedContent published, string? q)
    {
        var suggestions = search.Suggest(q, await visibility.AudienceAsync(http.User), await TagLabelsAsync(published));
        return Results.Json(new { suggestions = suggestions.Select(s => new { kind = s.Kind, text = s.Text, url = s.Url, key = s.Key }) });
    }

    /// <summary>Every tag with its label in the reader's language first.</summary>
    public static async Task<IEnumerable<(string Key, string Label, string OtherLabel)>> TagLabelsAsync(PublishedContent published)
    {
        var taxonomy = await published.TaxonomyAsync();
        var chinese = PortalCultures.CurrentIsChinese;
        return taxonomy.Tags.Select(t => (t.Key, t.Label(chinese), t.Label(!chinese)));
    }

    public static bool TryParseSort(string? value, out SearchSort sort)
    {
        sort = SearchSort.Relevance;
        if (string.IsNullOrEmpty(value) || value.Equals("relevance", StringComparison.OrdinalIgnoreCase)) return true;
        if (!value.Equals("date", StringComparison.OrdinalIgnoreCase)) return false;
        sort = SearchSort.Date;
        return true;
    }
}
