using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Pages;

/// <summary>A library list page (<c>/cases</c>): tag and language filters, paging; a type adds its own filters.</summary>
[Authorize(Policy = PortalPolicies.ReadContent)]
[OutputCache(PolicyName = PublishedContent.AnonymousPagePolicy)]
public abstract class ContentListPageModel(PublishedContent published, IStringLocalizer localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Culture { get; set; }
    [BindProperty(Name = "page", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public ContentListPage Results { get; private set; } = null!;
    public IReadOnlyList<ListFilter> Filters { get; private set; } = [];
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;

    protected abstract string ContentType { get; }
    protected IStringLocalizer T => localizer;

    /// <summary>The type's own filters (shown between the tag and language filters) and how they narrow the list.</summary>
    protected virtual IEnumerable<ListFilter> TypeFilters(IReadOnlyList<ContentItem> all) => [];
    protected virtual IEnumerable<ContentItem> ApplyTypeFilters(IEnumerable<ContentItem> items) => items;

    public async Task OnGetAsync()
    {
        // The filters' options and counts depend only on the published items and the reader's language: built once per
        // content change (published.Version moves on every write, local or seen in the change log) and language.
        var version = published.Version;
        var all = await published.ListAsync(ContentType);
        Taxonomy = await published.TaxonomyAsync();
        var cache = HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>();
        var key = (nameof(ContentListPageModel), GetType(), version, System.Globalization.CultureInfo.CurrentUICulture.Name);
        if (!Microsoft.Extensions.Caching.Memory.CacheExtensions.TryGetValue(cache, key, out ListFilter[]? filters))
        {
            filters = [ContentListing.TagFilter(all, Taxonomy, T["Tag"], null), .. TypeFilters(all), ContentListing.CultureFilter(all, T["Language"], null)];
            filters = filters.Select(f => f with { Selected = null }).ToArray();
            Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(cache, key, filters, TimeSpan.FromMinutes(10));
        }
        // What this reader picked: each filter is bound from the query parameter of its name.
        Filters = filters!.Select(f => Request.Query[f.Name].FirstOrDefault() is { Length: > 0 } selected ? f with { Selected = selected } : f).ToList();
        Results = ApplyTypeFilters(all.WithTag(Tag).InCulture(Culture)).ToPage(PageNumber);
    }
}

/// <summary>A published item's page (<c>/cases/{slug}</c>); 404 when no published item has the slug.</summary>
[Authorize(Policy = PortalPolicies.ReadContent)]
[OutputCache(PolicyName = PublishedContent.AnonymousPagePolicy)]
public abstract class ContentDetailsPageModel<TPart>(PublishedContent published) : PageModel where TPart : class, new()
{
    public ContentItem Item { get; private set; } = null!;
    public TPart Part { get; private set; } = null!;
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;

    protected abstract string ContentType { get; }

    /// <summary>True when showing the latest (unpublished) version to someone who may see drafts.</summary>
    public bool IsPreview { get; private set; }

    /// <param name="preview"><c>latest</c>: the latest version, for its authors, owner and trainers (404 for anyone else).</param>
    public virtual async Task<IActionResult> OnGetAsync(string slug, string? preview)
    {
        ContentItem? item;
        if (preview == "latest")
        {
            var services = HttpContext.RequestServices;
            item = await services.GetRequiredService<ContentManager>().GetLatestBySlugAsync(ContentType, slug);
            var contribution = item is null ? null : await services.GetRequiredService<Contributions>().FindAsync(item.ContentItemId);
            if (item is null || !await services.GetRequiredService<ContentAccess>().CanSeeDraftAsync(User, item, contribution)) return NotFound();
            IsPreview = true;
            Response.Headers.CacheControl = "no-store";
        }
        else item = await published.BySlugAsync(ContentType, slug);
        if (item is null) return NotFound();
        // Counted in memory for the insights run (knowledge sharing); a preview is not a reader's view.
        if (!IsPreview) HttpContext.RequestServices.GetRequiredService<Core.Insights.IContentViews>().Viewed(item.ContentItemId, User.UserId());
        Item = item;
        Part = item.As<TPart>();
        Taxonomy = await published.TaxonomyAsync();
        return Page();
    }
}
