using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;
using static SalesAcademy.Search.Tests.SearchJson;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// Taxonomy changes go through the content change log: a relabelled tag reaches every node's published snapshot and
/// search index without waiting for a content write — on the node that made the change and on another node that only
/// shares the database.
/// </summary>
public sealed class TaxonomyFollowingTests : IAsyncLifetime
{
    private const string Tag = "iron-triangle";
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    // A long search poll on the writing node: its index must follow the local signal, not the safety poll.
    private PortalFactory NewPortal(string node, bool importContent, double searchPollSeconds) => new(_database, importContent, overrides: new Dictionary<string, string?>
    {
        ["Search:NodeName"] = node,
        ["Search:PollSeconds"] = searchPollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Content:ChangePollSeconds"] = "1",
    });

    [Fact]
    public async Task A_relabelled_tag_reaches_both_nodes_snapshot_and_search_index_without_a_content_save()
    {
        await using var writer = NewPortal("node-a", importContent: true, searchPollSeconds: 60);
        await using var other = NewPortal("node-b", importContent: false, searchPollSeconds: 1);
        await CurrentAsync(writer);
        await CurrentAsync(other);
        var tagged = (await SearchableContent.AllAsync(writer.Services)).Where(i => i.As<TagsPart>().Tags.Contains(Tag)).Select(i => i.ContentItemId).Order().ToList();
        Assert.True(tagged.Count >= 3, $"the seed tags {tagged.Count} searchable items with {Tag}");
        foreach (var node in new[] { writer, other }) Assert.Empty(await HitsAsync(node, "zebrafinch"));

        long head;
        await using (var scope = writer.Services.CreateAsyncScope())
        {
            head = await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync();
            var term = (await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().TaxonomyAsync()).Find(Tag)!;
            var relabelled = new TaxonomyTerm { Key = Tag, Group = term.Group, NameZh = "斑胸草雀协作", NameEn = "Zebrafinch collaboration", SortOrder = term.SortOrder };
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ContentManager>().SaveTaxonomyAsync([], [relabelled], relabel: true));
            // The change log carries it, and nothing else was written: no content save.
            var changes = await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().ReadAfterAsync(head, 100);
            var change = Assert.Single(changes);
            Assert.Equal((ContentChangeKind.Taxonomy, Tag), (change.Kind, change.ContentItemId));
        }

        foreach (var node in new[] { writer, other })
        {
            await Eventually.TrueAsync(async () => (await node.Services.GetRequiredService<PublishedContent>().TaxonomyAsync()).Find(Tag)?.NameEn == "Zebrafinch collaboration",
                "the published snapshot has the new label");
            await Eventually.TrueAsync(async () => (await HitsAsync(node, "zebrafinch")).SequenceEqual(tagged), "the index finds every tagged item by its new English label");
            Assert.Equal(tagged, await HitsAsync(node, "斑胸草雀"));
        }
        await using (var scope = writer.Services.CreateAsyncScope())
            Assert.Single(await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().ReadAfterAsync(head, 100));
    }

    private static async Task<List<string>> HitsAsync(PortalFactory node, string query) =>
        (await node.CreateClient().GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}&pageSize=50")).HitIds().Order().ToList();

    private static async Task CurrentAsync(PortalFactory node) =>
        await Eventually.TrueAsync(async () =>
        {
            var host = node.Services.GetRequiredService<Services.SearchIndexHost>();
            return host.Status.State == "ready" && host.Index is { } index && index.Cursor >= await host.HeadAsync();
        }, "the index is current");
}
