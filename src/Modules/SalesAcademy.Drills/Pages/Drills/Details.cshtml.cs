using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Drills.Models;

namespace SalesAcademy.Drills.Pages.Drills;

public sealed class DetailsModel(PublishedContent published) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public DrillPart Drill { get; private set; } = null!;
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await published.BySlugAsync(DrillsModule.ContentType, slug) is not { } item) return NotFound();
        Item = item;
        Drill = item.As<DrillPart>();
        Taxonomy = await published.TaxonomyAsync();
        return Page();
    }
}
