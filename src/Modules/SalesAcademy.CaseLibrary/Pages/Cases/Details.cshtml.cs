using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.CaseLibrary.Pages.Cases;

public sealed class DetailsModel(PublishedContent published) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public CaseStudyPart Case { get; private set; } = null!;
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await published.BySlugAsync(CaseLibraryModule.ContentType, slug) is not { } item) return NotFound();
        Item = item;
        Case = item.As<CaseStudyPart>();
        Taxonomy = await published.TaxonomyAsync();
        return Page();
    }
}
