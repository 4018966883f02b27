using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Playbooks.Pages.Playbooks;

public sealed class IndexModel(PublishedContent published, IStringLocalizer<IndexModel> T) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Culture { get; set; }
    [BindProperty(Name = "page", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public ContentListPage Results { get; private set; } = null!;
    public IReadOnlyList<ListFilter> Filters { get; private set; } = [];
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var all = await published.ListAsync(PlaybooksModule.ContentType);
        Taxonomy = await published.TaxonomyAsync();
        Filters = [ContentListing.TagFilter(all, Taxonomy, T["Tag"], Tag), ContentListing.CultureFilter(all, T["Language"], Culture)];
        Results = all.WithTag(Tag).InCulture(Culture).ToPage(PageNumber);
    }
}
