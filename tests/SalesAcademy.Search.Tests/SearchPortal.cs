using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Search.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// A portal with the seed content whose glossary is a copy of content/glossary.yaml in a temp folder
/// (tests edit it), and a long poll interval, so anything indexed quickly was triggered by the local write.
/// </summary>
public abstract class SearchPortal : PortalFixture, IAsyncLifetime
{
    private readonly string glossary;

    protected SearchPortal(DatabaseProvider provider) : this(provider, GlossaryCopy()) { }

    private SearchPortal(DatabaseProvider provider, string glossary) : base(provider, overrides: new Dictionary<string, string?>
    {
        ["Search:GlossaryPath"] = glossary,
        ["Search:PollSeconds"] = "60",
    }) => this.glossary = glossary;

    private static string GlossaryCopy()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory("sa-glossary"), "glossary.yaml");
        File.Copy(Path.Combine(TestPaths.SeedContent, "glossary.yaml"), path);
        return path;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(glossary)!, recursive: true);
    }

    public SearchIndexHost Host => Factory.Services.GetRequiredService<SearchIndexHost>();

    /// <summary>Waits until the index has caught up with the change log and is not rebuilding.</summary>
    public async Task WaitUntilCurrentAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var head = await Host.HeadAsync();
            if (Host.Status.State == "ready" && Host.Index is { } index && index.Cursor >= head) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Index not current: state {Host.Status.State}, cursor {Host.Index?.Cursor}, head {head}, error {Host.Status.LastError}");
            await Task.Delay(50);
        }
    }
}

public sealed class SqliteSearchPortal() : SearchPortal(DatabaseProvider.Sqlite);

public sealed class PostgresSearchPortal() : SearchPortal(DatabaseProvider.Postgres);

public static class SearchJson
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (url.StartsWith("/health", StringComparison.Ordinal)) request.Headers.Add("X-Health-Token", TestUsers.HealthToken); // the checks' details
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string[] HitIds(this JsonElement results) =>
        results.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToArray();

    public static Dictionary<string, int> Facet(this JsonElement results, string name) =>
        results.GetProperty("facets").GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    public static string Q(string text) => Uri.EscapeDataString(text);
}

public static class TestItems
{
    /// <summary>A case study built the way the content studio saves one.</summary>
    public static ContentItem NewCase(ContentManager manager, string id, string title, string body, string culture = "zh-CN", string outcome = "won", string industry = "ict", params string[] tags)
    {
        var item = manager.New("CaseStudy", id)
            .Apply(new TitlePart { Title = title, Summary = "A test case for search." })
            .Apply(new RoutePart { Slug = id })
            .Apply(new MarkdownBodyPart { Markdown = body })
            .Apply(new TagsPart { Tags = tags.Length > 0 ? [.. tags] : ["iron-triangle"] })
            .Apply(new OwnershipPart { Owner = "owner@example.com" })
            .Apply(new CaseLibrary.Models.CaseStudyPart
            {
                Company = "测试公司 Test Co", Industry = industry, DealSize = "medium", Outcome = outcome, Roles = ["AccountManager"],
            });
        item.Culture = culture;
        return item;
    }
}
