using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using SalesAcademy.Content.Models;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Pages.Shared.Components.SimilarContent;

/// <summary>
/// "More like this" under an item: MoreLikeThis over the item's stored text, title and tags, limited to what the reader may see.
/// Invoked outside the page's cached body (it depends on the reader); cached per item, index generation and audience.
/// </summary>
public sealed class SimilarContentViewComponent(SearchService search, SearchIndexHost host, SearchVisibility visibility, IMemoryCache cache) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem item)
    {
        var audience = await visibility.AudienceAsync(HttpContext.User);
        var generation = host.Index?.Generation ?? -1;
        var similar = await cache.GetOrCreateAsync(("similar", item.ContentItemId, generation, audience.Key), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return Task.FromResult(search.Similar(item.ContentItemId, audience, 5));
        });
        return View(similar ?? (IReadOnlyList<SearchHit>)[]);
    }
}
