using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Pages;

/// <summary>A library list page (<c>/cases</c>): tag and language filters, paging; a type adds its own filters.</summary>
[Authorize(Policy = PortalPolicies.ReadContent)]
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
        var all = await published.ListAsync(ContentType);
        Taxonomy = await published.TaxonomyAsync();
        Filters = [ContentListing.TagFilter(all, Taxonomy, T["Tag"], Tag), .. TypeFilters(all), ContentListing.CultureFilter(all, T["Language"], Culture)];
        Results = ApplyTypeFilters(all.WithTag(Tag).InCulture(Culture)).ToPage(PageNumber);
    }
}

/// <summary>A published item's page (<c>/cases/{slug}</c>); 404 when no published item has the slug.</summary>
[Authorize(Policy = PortalPolicies.ReadContent)]
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
        Item = item;
        Part = item.As<TPart>();
        Taxonomy = await published.TaxonomyAsync();
        return Page();
    }
}
