using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Pages;
using SalesAcademy.Content.Services;

namespace SalesAcademy.CaseLibrary.Pages.Cases;

public sealed class IndexModel(PublishedContent published, IStringLocalizer<IndexModel> localizer) : ContentListPageModel(published, localizer)
{
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }

    protected override string ContentType => CaseLibraryModule.ContentType;

    protected override IEnumerable<ListFilter> TypeFilters(IReadOnlyList<ContentItem> all) =>
    [
        ContentListing.Filter("industry", T["Industry"], all, i => i.FacetValues("industry"), Taxonomy.Label, Industry),
        ContentListing.Filter("outcome", T["Outcome"], all, i => i.FacetValues("outcome"), CaseLabels.Outcome, Outcome),
    ];

    protected override IEnumerable<ContentItem> ApplyTypeFilters(IEnumerable<ContentItem> items)
    {
        if (!string.IsNullOrEmpty(Industry)) items = items.Where(i => i.FacetValues("industry").Contains(Industry));
        if (!string.IsNullOrEmpty(Outcome)) items = items.Where(i => i.FacetValues("outcome").Contains(Outcome));
        return items;
    }
}
