using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Services;

/// <summary>
/// What readers see: every published item and the taxonomy, held in memory as one immutable snapshot
/// per node. A local write drops it at once; <see cref="ContentChangePoller"/> drops it when another
/// node's write shows up in the change log. Library pages never query the database per request.
/// </summary>
public sealed class PublishedContent(IServiceScopeFactory scopes, ContentDefinitions definitions)
{
    private volatile Snapshot? _snapshot;
    private long _generation;
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Parsed parts of the snapshot's items: the pages being read, not the whole library (see ContentItem.Pack).
    private readonly PartCache _parts = new(4096);

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _snapshot = null;
    }

    /// <summary>
    /// Changes whenever what readers see may have changed: a key for caching rendered fragments
    /// (<c>&lt;cache vary-by="@Published.Version"&gt;</c>).
    /// </summary>
    public long Version => Interlocked.Read(ref _generation);

    /// <summary>
    /// The output-cache policy of the library's pages for anonymous readers (<see cref="Core.Hosting.AnonymousPages"/>),
    /// per <see cref="Version"/>: a publish shows at once on the node that writes it and on every node that follows it.
    /// </summary>
    public const string AnonymousPagePolicy = "library-anonymous";

    /// <summary>The change-log sequence the current snapshot reflects (null when none is built).</summary>
    internal long? SnapshotHead => _snapshot?.Head;

    public async ValueTask<ContentItem?> BySlugAsync(string contentType, string slug) =>
        (await GetAsync()).BySlug.GetValueOrDefault((contentType, slug));

    public async ValueTask<ContentItem?> ByIdAsync(string contentItemId) =>
        (await GetAsync()).ById.GetValueOrDefault(contentItemId);

    /// <summary>Published items of a type, newest first.</summary>
    public async ValueTask<IReadOnlyList<ContentItem>> ListAsync(string contentType) =>
        (await GetAsync()).ByType.GetValueOrDefault(contentType) ?? [];

    /// <summary>Published items of every type readers see (<see cref="ContentTypeDefinition.ReaderVisible"/>), newest first.</summary>
    public async ValueTask<IReadOnlyList<ContentItem>> AllAsync() => (await GetAsync()).All;

    /// <summary>Published items readers see whose parts link to the given item (the other direction of "related").</summary>
    public async ValueTask<IReadOnlyList<ContentItem>> ReferencingAsync(string contentItemId) =>
        (await GetAsync()).ReferencedBy.GetValueOrDefault(contentItemId) ?? [];

    public async ValueTask<TaxonomySnapshot> TaxonomyAsync() => (await GetAsync()).Taxonomy;

    /// <summary>
    /// How many published items readers see carry each tag: counted once per snapshot, not per request (the home page
    /// counted 10,000 items' tags on every view).
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<string, int>> TagCountsAsync() => (await GetAsync()).TagCounts;

    private async ValueTask<Snapshot> GetAsync()
    {
        if (_snapshot is { } current) return current;
        await _gate.WaitAsync();
        try
        {
            if (_snapshot is { } built) return built;
            var generation = Interlocked.Read(ref _generation);
            var snapshot = await BuildAsync();
            if (generation == Interlocked.Read(ref _generation)) _snapshot = snapshot; // else a write raced the build
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Snapshot> BuildAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        // Read the head first: a write committed after this point leaves the snapshot behind the log,
        // so the poller drops it.
        var head = await db.Changes.MaxAsync(c => (long?)c.Sequence) ?? 0;
        var items = await db.Items.AsNoTracking().Where(i => i.Published)
            .OrderByDescending(i => i.PublishedUtc).ThenBy(i => i.ContentItemId).ToListAsync();
        var terms = await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Key).ToListAsync();
        var groups = await db.TaxonomyGroups.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Key).ToListAsync();

        var visible = items.Where(i => definitions.Find(i.ContentType)?.ReaderVisible == true).ToList();
        var referencedBy = new Dictionary<string, List<ContentItem>>(StringComparer.Ordinal);
        foreach (var item in visible)
        foreach (var reference in definitions.References(item).DistinctBy(r => r.ContentItemId))
        {
            if (!referencedBy.TryGetValue(reference.ContentItemId, out var list)) referencedBy[reference.ContentItemId] = list = [];
            list.Add(item);
        }
        foreach (var item in items) item.Pack(_parts, Facets(item)); // after the references: those parse every item once

        return new Snapshot(
            head,
            visible,
            items.GroupBy(i => i.ContentType).ToDictionary(g => g.Key, g => (IReadOnlyList<ContentItem>)g.ToList()),
            items.ToDictionary(i => (i.ContentType, i.Slug)),
            items.ToDictionary(i => i.ContentItemId, StringComparer.Ordinal),
            referencedBy.ToDictionary(p => p.Key, p => (IReadOnlyList<ContentItem>)p.Value, StringComparer.Ordinal),
            new TaxonomySnapshot(terms, groups, definitions.TermGroups),
            visible.SelectMany(i => i.FacetValues("tag")).CountBy(t => t, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal));
    }

    private Dictionary<string, string[]> Facets(ContentItem item)
    {
        var facets = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["tag"] = [.. item.As<TagsPart>().Tags] };
        if (definitions.Find(item.ContentType)?.OwnPart is { } own && item.Get(own) is IContentIndexed indexed)
            foreach (var facet in IndexedFacet.Of(indexed).GroupBy(f => f.Facet))
                facets[facet.Key] = [.. facet.Select(f => f.Value)];
        return facets;
    }

    private sealed record Snapshot(
        long Head,
        IReadOnlyList<ContentItem> All,
        Dictionary<string, IReadOnlyList<ContentItem>> ByType,
        Dictionary<(string Type, string Slug), ContentItem> BySlug,
        Dictionary<string, ContentItem> ById,
        Dictionary<string, IReadOnlyList<ContentItem>> ReferencedBy,
        TaxonomySnapshot Taxonomy,
        IReadOnlyDictionary<string, int> TagCounts);
}

/// <summary>The taxonomy with labels per language: tags, and the terms of groups that are a field's values (industries).</summary>
/// <param name="fieldGroups">Groups whose terms are field values, not tags (<see cref="ContentDefinitions.TermGroups"/>).</param>
public sealed class TaxonomySnapshot(IReadOnlyList<TaxonomyTerm> terms, IReadOnlyList<TaxonomyGroup> groups, IReadOnlySet<string>? fieldGroups = null)
{
    private readonly Dictionary<string, TaxonomyTerm> _byKey = terms.ToDictionary(t => t.Key, StringComparer.Ordinal);

    public IReadOnlyList<TaxonomyTerm> Terms { get; } = terms;
    public IReadOnlyList<TaxonomyGroup> Groups { get; } = groups;
    /// <summary>The terms an item may be tagged with (every term but the field groups').</summary>
    public IReadOnlyList<TaxonomyTerm> Tags { get; } = terms.Where(t => fieldGroups?.Contains(t.Group) != true).ToList();
    /// <summary>The groups of <see cref="Tags"/>.</summary>
    public IReadOnlyList<TaxonomyGroup> TagGroups { get; } = groups.Where(g => fieldGroups?.Contains(g.Key) != true).ToList();
    public TaxonomyTerm? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The terms of one group (e.g. the industries a case's industry field takes), in their order.</summary>
    public IEnumerable<TaxonomyTerm> InGroup(string group) => Terms.Where(t => t.Group == group);

    /// <summary>The tag's label in the reader's language; an unknown key is shown as written.</summary>
    public string Label(string key) => Find(key)?.Label(Core.Localization.PortalCultures.CurrentIsChinese) ?? key;
}
