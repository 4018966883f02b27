using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;
using Xunit.Abstractions;
using static SalesAcademy.Search.Tests.SearchJson;

namespace SalesAcademy.Search.Tests;

/// <summary>Relevance over the seed content (Chinese, English, mixed), facet counts and highlighted snippets, through the API.</summary>
public abstract class RelevanceTests(SearchPortal portal, ITestOutputHelper output)
{
    /// <summary>What a rep types, and the item that must be among the first three results.</summary>
    public static readonly (string Query, string Expected)[] Cases =
    [
        ("铁三角", "case-huawei-iron-triangle"),
        ("iron triangle", "case-huawei-iron-triangle"),
        ("\"iron triangle\"", "drill-iron-triangle-role-play"),
        ("iron triangle 交付", "case-huawei-iron-triangle"),
        ("铁三角 角色扮演", "drill-iron-triangle-role-play"),
        ("信息孤岛", "case-lost-deal-information-silos"),
        ("information silos", "drill-breaking-information-silos"),
        ("CRM 信息孤岛", "case-salesforce-shared-customer-data"),
        ("cross-department", "case-ibm-cross-department-project-groups"),
        ("跨部门", "playbook-cross-department-collaboration"),
        ("cross-department collaboration", "playbook-cross-department-collaboration"),
        ("绩效 主观", "drill-fair-performance-evaluation"),
        ("绩效评估", "drill-fair-performance-evaluation"),
        ("performance evaluation", "drill-fair-performance-evaluation"),
        ("客户经理 职责", "case-huawei-iron-triangle"),
        ("account manager", "case-huawei-iron-triangle"),
        ("AR SR FR", "case-huawei-iron-triangle"),
        ("目标不一致", "drill-aligning-conflicting-goals"),
        ("goal misalignment", "case-lost-deal-information-silos"),
        ("conflicting goals", "drill-aligning-conflicting-goals"),
        ("客户关系管理", "case-salesforce-shared-customer-data"),
        ("shared customer data", "case-salesforce-shared-customer-data"),
        ("Salesforce", "case-salesforce-shared-customer-data"),
        ("IBM 项目组", "case-ibm-cross-department-project-groups"),
        ("华为", "case-huawei-iron-triangle"),
        ("销售流程", "playbook-collaborative-sales-process"),
        ("sales process", "playbook-collaborative-sales-process"),
        ("沟通节奏", "playbook-goals-and-communication-rhythm"),
        ("lost deal warehouse", "case-lost-deal-information-silos"),
        ("角色扮演", "drill-iron-triangle-role-play"),
        ("delivery manager 交付风险", "case-huawei-iron-triangle"),
        ("triang*", "case-huawei-iron-triangle"),
        // Questions and phrases as a rep types them, some with words the library does not contain (every word is
        // required first; when that finds less than a page, items with the most of the words come first).
        ("客户总说价格太高怎么办", "drill-aligning-conflicting-goals"),
        ("how do we hand over to delivery after signing", "playbook-collaborative-sales-process"),
        ("签约后怎么移交给交付团队", "playbook-collaborative-sales-process"),
        ("销售和交付的目标冲突怎么解决", "drill-aligning-conflicting-goals"),
        ("quarter end discount and margin conflict", "drill-aligning-conflicting-goals"),
        ("绩效评估太主观怎么办", "drill-fair-performance-evaluation"),
        ("how to give fair feedback to a solution manager who worked overtime", "drill-fair-performance-evaluation"),
        ("赢单后怎么评价每个人的贡献", "drill-fair-performance-evaluation"),
        ("客户快要续约了但是对服务很不满意", "drill-breaking-information-silos"),
        ("customer service engineering and marketing each hold part of the story", "drill-breaking-information-silos"),
        ("how to run the weekly team meeting", "playbook-goals-and-communication-rhythm"),
        ("一对一 辅导", "playbook-goals-and-communication-rhythm"),
        ("marketing lead hand-off to sales", "playbook-cross-department-collaboration"),
        ("how can sales and R&D work together on one customer", "case-ibm-cross-department-project-groups"),
        ("Gerstner 为什么不拆分公司", "case-ibm-cross-department-project-groups"),
        ("V2MOM 目标", "case-salesforce-shared-customer-data"),
        ("让听得见炮声的人来呼唤炮火", "case-huawei-iron-triangle"),
        ("铁三角 怎么分工", "case-huawei-iron-triangle"),
        ("投标失利 复盘", "case-huawei-iron-triangle"),
        ("warehouse deal lost in the final round", "case-lost-deal-information-silos"),
        ("we lost a deal because delivery joined too late", "case-lost-deal-information-silos"),
        ("水务项目 演示 竞争对手", "drill-iron-triangle-role-play"),
        // Sales words reps type, through the glossary (丢单 ↔ lost deal, 回款 ↔ payment collection, …).
        ("丢单", "case-lost-deal-information-silos"),
        ("丢单 复盘 怎么做", "case-lost-deal-information-silos"),
        ("赢单", "drill-fair-performance-evaluation"),
        ("决策链", "playbook-collaborative-sales-process"),
        ("decision chain budget", "playbook-collaborative-sales-process"),
        ("报价 评审", "playbook-collaborative-sales-process"),
        // The lost-deal case says it in English ("a short joint deal review before every customer commitment"); the playbook says it in Chinese.
        ("quote review before commitments", "case-lost-deal-information-silos"),
        ("报价 承诺 评审", "playbook-collaborative-sales-process"),
        ("payment collection", "case-huawei-iron-triangle"),
        ("lost tender", "case-lost-deal-information-silos"),
        ("商机 评审会", "playbook-collaborative-sales-process"),
    ];

    /// <summary>How many of <see cref="Cases"/> must have their item in the top 3.</summary>
    private const int MustPass = 62;

    [Fact]
    public async Task Each_query_finds_its_item_in_the_top_three()
    {
        await portal.WaitUntilCurrentAsync();
        var client = portal.Factory.CreateClient();
        var failures = new List<string>();
        output.WriteLine($"{"query",-40} rank  top 3");
        foreach (var (query, expected) in Cases)
        {
            var ids = (await client.GetJsonAsync($"/api/v1/search?q={Q(query)}")).HitIds();
            var rank = Array.IndexOf(ids, expected) + 1;
            output.WriteLine($"{query,-40} {(rank == 0 ? "-" : rank.ToString()),4}  {string.Join(", ", ids.Take(3))}");
            if (rank is 0 or > 3) failures.Add($"'{query}': expected {expected} in the top 3, got [{string.Join(", ", ids.Take(5))}]");
        }
        var passed = Cases.Length - failures.Count;
        output.WriteLine($"{passed} of {Cases.Length} queries have the expected item in the top 3");
        foreach (var failure in failures) output.WriteLine("miss: " + failure);
        Assert.True(Cases.Length >= 40);
        // A ratchet, not a wish: the count measured when the set was written (45 of these 65 with every word required;
        // 62 with the fallback to items holding the most words). Raise it when ranking improves; never lower it.
        Assert.True(passed >= MustPass, $"{passed} of {Cases.Length} (at least {MustPass} expected):\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task Facet_counts_match_the_published_items_and_the_filters()
    {
        await portal.WaitUntilCurrentAsync();
        var client = portal.Factory.CreateClient();
        var published = await SearchableContent.AllAsync(portal.Factory.Services);

        // No text: every published item, with counts per type, tag, culture, industry and outcome.
        var all = await client.GetJsonAsync("/api/v1/search?pageSize=50");
        Assert.Equal(published.Count, all.GetProperty("total").GetInt32());
        Assert.Equal(published.GroupBy(i => i.ContentType).ToDictionary(g => g.Key, g => g.Count()), all.Facet("type"));
        Assert.Equal(published.GroupBy(i => i.Culture).ToDictionary(g => g.Key, g => g.Count()), all.Facet("culture"));
        var tagCounts = published.SelectMany(i => i.As<TagsPart>().Tags.Distinct()).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(tagCounts, all.Facet("tag"));
        var outcomes = published.Where(i => i.ContentType == "CaseStudy").GroupBy(i => i.As<CaseLibrary.Models.CaseStudyPart>().Outcome).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(outcomes, all.Facet("outcome"));
        var industries = published.Where(i => i.ContentType == "CaseStudy").GroupBy(i => i.As<CaseLibrary.Models.CaseStudyPart>().Industry).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(industries, all.Facet("industry"));

        // A query: the facets count exactly the matching documents.
        var iron = await client.GetJsonAsync($"/api/v1/search?q={Q("铁三角")}&pageSize=50");
        var ironIds = iron.HitIds();
        Assert.Equal(iron.GetProperty("total").GetInt32(), iron.Facet("type").Values.Sum());
        Assert.Equal(ironIds.Length, iron.GetProperty("total").GetInt32());
        foreach (var (type, count) in iron.Facet("type"))
            Assert.Equal(count, ironIds.Count(id => published.Single(p => p.ContentItemId == id).ContentType == type));

        // Filters narrow the hits and the facets together.
        var drills = await client.GetJsonAsync($"/api/v1/search?q={Q("铁三角")}&type=Drill&pageSize=50");
        Assert.All(drills.GetProperty("hits").EnumerateArray(), h => Assert.Equal("Drill", h.GetProperty("type").GetString()));
        Assert.Equal(iron.Facet("type")["Drill"], drills.GetProperty("total").GetInt32());
        Assert.Equal(["Drill"], drills.Facet("type").Keys);
        var english = await client.GetJsonAsync("/api/v1/search?culture=en&pageSize=50");
        Assert.Equal(published.Count(p => p.Culture == "en"), english.GetProperty("total").GetInt32());
        var lost = await client.GetJsonAsync("/api/v1/search?outcome=lost");
        Assert.Equal(["case-lost-deal-information-silos"], lost.HitIds());
        var tagged = await client.GetJsonAsync("/api/v1/search?tag=information-silos&pageSize=50");
        Assert.Equal(tagCounts["information-silos"], tagged.GetProperty("total").GetInt32());
        const string ict = "ict"; // the Huawei case's industry: a key of the taxonomy's industry group
        var ictHits = await client.GetJsonAsync($"/api/v1/search?industry={Q(ict)}");
        Assert.Equal(industries[ict], ictHits.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("en", "Information and communications technology (ICT)")]
    [InlineData("zh-CN", "信息与通信技术（ICT）")]
    public async Task The_industry_facet_shows_the_industrys_label_in_the_readers_language_and_the_labels_are_searchable(string language, string ictLabel)
    {
        await portal.WaitUntilCurrentAsync();
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/search?type=CaseStudy"));
        var ict = page.QuerySelector(".sa-facet[data-facet='industry'] a[data-value='ict'] span");
        Assert.Equal(ictLabel, ict?.TextContent.Trim());
        Assert.DoesNotContain(page.QuerySelectorAll(".sa-facet[data-facet='industry'] a span:first-child"), s => s.TextContent.Trim() == "ict");

        // The English lost deal's industry is "logistics": its Chinese label finds it, though the case is written in English.
        Assert.Contains("case-lost-deal-information-silos", (await client.GetJsonAsync($"/api/v1/search?q={Q("物流")}")).HitIds());
    }

    [Fact]
    public async Task Snippets_highlight_Chinese_and_English_words_and_escape_everything_else()
    {
        await portal.WaitUntilCurrentAsync();
        var client = portal.Factory.CreateClient();

        var zh = await client.GetJsonAsync($"/api/v1/search?q={Q("铁三角")}");
        var huawei = Hit(zh, "case-huawei-iron-triangle");
        Assert.Contains("<mark>铁三角</mark>", huawei.GetProperty("snippet").GetString());

        var en = await client.GetJsonAsync($"/api/v1/search?q={Q("information silos")}");
        var snippet = Hit(en, "case-lost-deal-information-silos").GetProperty("snippet").GetString()!;
        Assert.Matches("<mark>[Ii]nformation</mark>|<mark>[Ii]nformation silos</mark>|<mark>silos</mark>", snippet);

        var mixed = await client.GetJsonAsync($"/api/v1/search?q={Q("CRM 信息孤岛")}");
        var mixedSnippets = string.Join(" ", mixed.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("snippet").GetString()));
        Assert.Contains("<mark>CRM</mark>", mixedSnippets);
        Assert.Contains("<mark>信息孤岛</mark>", mixedSnippets);

        // Markup in content is text: only the highlight marks are HTML.
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            await manager.CreateAsync(TestItems.NewCase(manager, "case-escape-check", "转义检查 escape check",
                "报价 a < b && c > \"d\"，<b>粗体</b> 关于 zebracorn 的事。", tags: "feedback"), "tester@example.com", publish: true);
        }
        await portal.WaitUntilCurrentAsync();
        var escaped = Hit(await client.GetJsonAsync("/api/v1/search?q=zebracorn"), "case-escape-check").GetProperty("snippet").GetString()!;
        Assert.Contains("<mark>zebracorn</mark>", escaped);
        Assert.Contains("a &lt; b &amp;&amp; c &gt; &quot;d&quot;", escaped);
        Assert.DoesNotContain("<b>", escaped);
        Assert.Equal(2, escaped.Split('<').Length - 1); // <mark> and </mark>, nothing else
    }

    private static JsonElement Hit(JsonElement results, string id) =>
        results.GetProperty("hits").EnumerateArray().FirstOrDefault(h => h.GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } hit
            ? hit : throw new Xunit.Sdk.XunitException($"{id} not among the hits: {string.Join(", ", results.HitIds())}");
}

public sealed class RelevanceTests_Sqlite(SqliteSearchPortal portal, ITestOutputHelper output) : RelevanceTests(portal, output), IClassFixture<SqliteSearchPortal>;

public sealed class RelevanceTests_Postgres(PostgresSearchPortal portal, ITestOutputHelper output) : RelevanceTests(portal, output), IClassFixture<PostgresSearchPortal>;
