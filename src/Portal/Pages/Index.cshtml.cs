using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Security;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Portal.Pages;

[Authorize(Policy = PortalPolicies.ReadContent)]
public sealed class IndexModel(PublishedContent published, ContentDefinitions definitions, IEnumerable<HomeWidget> widgets) : PageModel
{
    /// <summary>The modules' home panels (e.g. today's review), in order.</summary>
    public IReadOnlyList<HomeWidget> Widgets { get; } = widgets.OrderBy(w => w.Order).ToList();

    public IReadOnlyList<ContentItem> Newest { get; private set; } = [];
    public IReadOnlyList<(ContentTypeDefinition Type, int Count)> Libraries { get; private set; } = [];
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;
    public IReadOnlyDictionary<string, int> TagCounts { get; private set; } = new Dictionary<string, int>();

    public async Task OnGetAsync()
    {
        var all = await published.AllAsync();
        Taxonomy = await published.TaxonomyAsync();
        Newest = all.Take(6).ToList();
        var libraries = new List<(ContentTypeDefinition, int)>();
        foreach (var type in definitions.Types.Where(t => t.ReaderVisible)) libraries.Add((type, (await published.ListAsync(type.Name)).Count));
        Libraries = libraries;
        TagCounts = await published.TagCountsAsync();
    }
}
