using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Content.Pages.Shared.Components.RelatedContent;

/// <summary>Links an item to what it names and to what names it, across every content type.</summary>
public sealed class RelatedContentViewComponent(PublishedContent published, ContentDefinitions definitions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem item)
    {
        var outgoing = new List<ContentItem>();
        foreach (var reference in definitions.References(item).DistinctBy(r => r.ContentItemId))
        {
            if (await published.ByIdAsync(reference.ContentItemId) is { } target) outgoing.Add(target);
        }
        var incoming = (await published.ReferencingAsync(item.ContentItemId)).Where(i => outgoing.All(o => o.ContentItemId != i.ContentItemId));
        var related = outgoing.Concat(incoming).ToList();
        return View(new RelatedContentModel(related, await published.TaxonomyAsync()));
    }
}

public sealed record RelatedContentModel(IReadOnlyList<ContentItem> Items, TaxonomySnapshot Taxonomy);
