using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.CaseLibrary.Pages.Cases;

public sealed class IndexModel(PublishedContent published, IStringLocalizer<IndexModel> T) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Culture { get; set; }
    [BindProperty(Name = "page", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public ContentListPage Results { get; private set; } = null!;
    public IReadOnlyList<ListFilter> Filters { get; private set; } = [];
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var all = await published.ListAsync(CaseLibraryModule.ContentType);
        Taxonomy = await published.TaxonomyAsync();
        Filters =
        [
            ContentListing.TagFilter(all, Taxonomy, T["Tag"], Tag),
            ContentListing.Filter("industry", T["Industry"], all, i => [i.As<CaseStudyPart>().Industry], v => v, Industry),
            ContentListing.Filter("outcome", T["Outcome"], all, i => [i.As<CaseStudyPart>().Outcome], CaseLabels.Outcome, Outcome),
            ContentListing.CultureFilter(all, T["Language"], Culture),
        ];
        Results = all.WithTag(Tag).InCulture(Culture)
            .Where(i => string.IsNullOrEmpty(Industry) || i.As<CaseStudyPart>().Industry == Industry)
            .Where(i => string.IsNullOrEmpty(Outcome) || i.As<CaseStudyPart>().Outcome == Outcome)
            .ToPage(PageNumber);
    }
}
