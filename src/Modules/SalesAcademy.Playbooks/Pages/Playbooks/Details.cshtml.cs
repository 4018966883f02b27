using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Playbooks.Models;

namespace SalesAcademy.Playbooks.Pages.Playbooks;

public sealed class DetailsModel(PublishedContent published) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public PlaybookPart Playbook { get; private set; } = null!;
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await published.BySlugAsync(PlaybooksModule.ContentType, slug) is not { } item) return NotFound();
        Item = item;
        Playbook = item.As<PlaybookPart>();
        Taxonomy = await published.TaxonomyAsync();
        return Page();
    }
}
