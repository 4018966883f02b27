using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Services;
using SalesAcademy.Search.Data;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;
using SalesAcademy.Testing;
using static SalesAcademy.Search.Tests.SearchJson;

namespace SalesAcademy.Search.Tests;

/// <summary>The index following content writes, what readers may see, bad input, the pages, the log, the admin and the glossary.</summary>
public abstract class SearchBehaviourTests(SearchPortal portal)
{
    private const string Password = "Iron triangle at the customer 9";

    /// <summary>An English-speaking anonymous reader that sees redirects as they are.</summary>
    private HttpClient Client
    {
        get
        {
            var client = portal.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
            return client;
        }
    }

    private Task<string> NewUserAsync(string role) => TestUsers.CreateAsync(portal.Factory, role);

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>
    /// Polls the API until the condition holds (the index refreshes in the background). The timeout is generous (a busy
    /// machine is slow); what proves "at once" is the portal's 60 s poll interval, not this wait.
    /// </summary>
    private async Task<JsonElement> EventuallyAsync(string url, Func<JsonElement, bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var json = await Client.GetJsonAsync(url);
            if (condition(json)) return json;
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"{what}: still not true after 30 s; last answer {json}");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Published_versions_are_indexed_at_once_and_drafts_unpublish_and_delete_never_show()
    {
        await portal.WaitUntilCurrentAsync();
        var id = "case-sync-" + Guid.NewGuid().ToString("N")[..8];
        var created = await WithAsync(sp =>
        {
            var manager = sp.GetRequiredService<ContentManager>();
            return manager.CreateAsync(TestItems.NewCase(manager, id, "同步测试 quokkaword", "正文提到 quokkaword 和铁三角。"), "tester@example.com", publish: true);
        });
        // The poll interval is 60 s in this portal: found within seconds means the local write triggered indexing.
        await EventuallyAsync("/api/v1/search?q=quokkaword", j => j.HitIds().Contains(id), "a published item is found");

        // A draft with a new word: the published version stays what readers find.
        await WithAsync(async sp =>
        {
            var manager = sp.GetRequiredService<ContentManager>();
            var edited = created.CloneForEdit().Apply(new Content.Models.MarkdownBodyPart { Markdown = "草稿里才有 wombatdraft 这个词。" });
            return await manager.SaveDraftAsync(edited, created.ContentItemVersionId, "tester@example.com");
        });
        await portal.WaitUntilCurrentAsync();
        Assert.Equal(0, (await Client.GetJsonAsync("/api/v1/search?q=wombatdraft")).GetProperty("total").GetInt32());
        Assert.Contains(id, (await Client.GetJsonAsync("/api/v1/search?q=quokkaword")).HitIds());

        // A new item saved only as a draft never appears, not even in facet counts.
        var draftId = "case-draft-" + Guid.NewGuid().ToString("N")[..8];
        await WithAsync(sp =>
        {
            var manager = sp.GetRequiredService<ContentManager>();
            return manager.CreateAsync(TestItems.NewCase(manager, draftId, "草稿 wombatdraft", "wombatdraft", industry: "DraftIndustry"), "tester@example.com", publish: false);
        });
        await portal.WaitUntilCurrentAsync();
        var all = await Client.GetJsonAsync("/api/v1/search?pageSize=50");
        Assert.DoesNotContain(draftId, all.HitIds());
        Assert.False(all.Facet("industry").ContainsKey("DraftIndustry"));

        // Unpublish removes the item; publishing the draft brings back the new text; delete removes it for good.
        await WithAsync(sp => sp.GetRequiredService<ContentManager>().UnpublishAsync(id, "tester@example.com"));
        await EventuallyAsync("/api/v1/search?q=quokkaword", j => !j.HitIds().Contains(id), "an unpublished item is gone");
        await WithAsync(sp => sp.GetRequiredService<ContentManager>().PublishAsync(id, null, "tester@example.com"));
        await EventuallyAsync("/api/v1/search?q=wombatdraft", j => j.HitIds().Contains(id), "the published draft is found");
        await WithAsync(sp => sp.GetRequiredService<ContentManager>().DeleteAsync(id, "tester@example.com"));
        await EventuallyAsync("/api/v1/search?q=wombatdraft", j => j.GetProperty("total").GetInt32() == 0, "a deleted item is gone");
        var facets = (await Client.GetJsonAsync("/api/v1/search?pageSize=50")).Facet("type");
        Assert.Equal((await SearchableContent.AllAsync(portal.Factory.Services)).Count, facets.Values.Sum());
    }

    [Fact]
    public async Task Another_teams_documents_count_nowhere_for_readers_outside_the_team()
    {
        await portal.WaitUntilCurrentAsync();
        var index = portal.Host.Index!;
        var teamDoc = new SearchDocument
        {
            Id = "team-notes-" + Guid.NewGuid().ToString("N")[..8], Type = "TeamNote", Title = "团队内部复盘 platypusnote", Url = "/teams/x/notes",
            Culture = "zh-CN", Text = "只给本团队看的 platypusnote 复盘记录。", Tags = ["iron-triangle"], Facets = [("industry", "SecretIndustry")],
            Audience = [SearchAudience.Team("team-a")],
        };
        index.Apply([teamDoc], [], index.Cursor);
        try
        {
            var search = portal.Factory.Services.GetRequiredService<SearchService>();
            var request = new SearchRequest { Query = "platypusnote" };
            Assert.Equal(0, search.Search(request, SearchAudience.PublicOnly).Total);
            Assert.Equal(0, search.Search(request, new SearchAudience(new HashSet<string> { SearchAudience.Public, SearchAudience.Team("team-b") })).Total);
            Assert.Equal(1, search.Search(request, new SearchAudience(new HashSet<string> { SearchAudience.Public, SearchAudience.Team("team-a") })).Total);
            Assert.Equal(1, search.Search(request, SearchAudience.Everything).Total);

            // Not in facet counts, suggestions or related content either.
            var browse = search.Search(new SearchRequest(), SearchAudience.PublicOnly);
            Assert.False(browse.Facets["type"].ContainsKey("TeamNote"));
            Assert.False(browse.Facets["industry"].ContainsKey("SecretIndustry"));
            Assert.True(search.Search(new SearchRequest(), SearchAudience.Everything).Facets["type"].ContainsKey("TeamNote"));
            Assert.DoesNotContain(search.Suggest("platypus", SearchAudience.PublicOnly, []), s => s.Key == teamDoc.Id);
            Assert.Contains(search.Suggest("platypus", SearchAudience.Everything, []), s => s.Key == teamDoc.Id);
            Assert.DoesNotContain(search.Similar("case-huawei-iron-triangle", SearchAudience.PublicOnly, 50), h => h.Id == teamDoc.Id);

            // Through HTTP, an anonymous reader gets the public audience.
            Assert.Equal(0, (await Client.GetJsonAsync("/api/v1/search?q=platypusnote")).GetProperty("total").GetInt32());
            var page = await Client.GetStringAsync("/search?q=platypusnote");
            Assert.DoesNotContain("platypusnote</a>", page);
        }
        finally
        {
            index.Apply([], [teamDoc.Id], index.Cursor);
        }
    }

    [Fact]
    public async Task Over_HTTP_a_team_member_and_a_trainer_find_the_teams_document_and_a_rep_outside_the_team_does_not()
    {
        await portal.WaitUntilCurrentAsync();
        var member = await NewUserAsync(PortalRoles.Rep);
        var outsider = await NewUserAsync(PortalRoles.Rep);
        var trainer = await NewUserAsync(PortalRoles.Trainer);
        string teamId, otherTeamId;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var roster = scope.ServiceProvider.GetRequiredService<Teams.Services.TeamRoster>();
            teamId = (await roster.CreateAsync("搜索团队 " + Guid.NewGuid().ToString("N")[..6], null, "test")).Team!.Id;
            otherTeamId = (await roster.CreateAsync("Other search team " + Guid.NewGuid().ToString("N")[..6], null, "test")).Team!.Id;
            Assert.Null(await roster.AddMemberAsync(teamId, member, "AccountManager"));
            Assert.Null(await roster.AddMemberAsync(otherTeamId, outsider, "AccountManager")); // in a team, just not this one
        }
        var index = portal.Host.Index!;
        var word = "echidnanote" + Guid.NewGuid().ToString("N")[..6];
        var teamDoc = new SearchDocument
        {
            Id = "team-notes-" + Guid.NewGuid().ToString("N")[..8], Type = "TeamNote", Title = "团队复盘 " + word, Url = "/teams/x/notes",
            Culture = "zh-CN", Text = $"只给本团队看的 {word} 复盘记录。", Facets = [("industry", "TeamOnlyIndustry")], Audience = [SearchAudience.Team(teamId)],
        };
        index.Apply([teamDoc], [], index.Cursor);
        try
        {
            async Task<(string[] Ids, Dictionary<string, int> Industries, string Page)> SearchAsAsync(string email, string query)
            {
                using var browser = await TestUsers.SignedInAsync(portal.Factory, email, Password);
                var response = await browser.GetAsync($"/api/v1/search?q={Q(query)}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                var page = await (await browser.GetAsync($"/search?q={Q(query)}")).Content.ReadAsStringAsync();
                return (json.HitIds(), json.Facet("industry"), page);
            }

            var seenByMember = await SearchAsAsync(member, word);
            Assert.Equal([teamDoc.Id], seenByMember.Ids);
            Assert.True(seenByMember.Industries.ContainsKey("TeamOnlyIndustry"));
            Assert.Contains("/teams/x/notes", seenByMember.Page);

            var seenByOutsider = await SearchAsAsync(outsider, word);
            Assert.Empty(seenByOutsider.Ids);
            Assert.False(seenByOutsider.Industries.ContainsKey("TeamOnlyIndustry"));
            Assert.DoesNotContain("/teams/x/notes", seenByOutsider.Page);
            // Nor when too few items hold every word and items holding some of them are listed.
            Assert.DoesNotContain(teamDoc.Id, (await SearchAsAsync(outsider, word + " 复盘 铁三角")).Ids);
            Assert.Contains(teamDoc.Id, (await SearchAsAsync(member, word + " 复盘 铁三角")).Ids);

            var seenByTrainer = await SearchAsAsync(trainer, word);
            Assert.Equal([teamDoc.Id], seenByTrainer.Ids);
            Assert.Contains("/teams/x/notes", seenByTrainer.Page);
        }
        finally
        {
            index.Apply([], [teamDoc.Id], index.Cursor);
        }
    }

    [Fact]
    public async Task When_no_item_holds_every_word_items_with_the_most_words_come_first_and_the_page_says_so()
    {
        await portal.WaitUntilCurrentAsync();
        // "zzyzxword" is in no item: every word required finds nothing. 华为 and 回款 are in the Huawei case, V2MOM in Salesforce's.
        var json = await Client.GetJsonAsync($"/api/v1/search?q={Q("V2MOM 华为 回款 zzyzxword")}&pageSize=50");
        Assert.Equal("SomeWords", json.GetProperty("hint").GetString());
        Assert.Equal(["case-huawei-iron-triangle", "case-salesforce-shared-customer-data"], json.HitIds());
        // The score's whole part is the number of words an item holds: more words first.
        Assert.Equal([2, 1], json.GetProperty("hits").EnumerateArray().Select(h => (int)h.GetProperty("score").GetSingle()).ToArray());
        Assert.Equal(2, json.GetProperty("total").GetInt32());
        Assert.Equal(2, json.Facet("type").Values.Sum());

        // A rep's question with words the library does not have.
        var question = await Client.GetJsonAsync($"/api/v1/search?q={Q("客户快要续约了但是对服务很不满意")}");
        Assert.Equal("SomeWords", question.GetProperty("hint").GetString());
        Assert.Contains("drill-breaking-information-silos", question.HitIds().Take(3)); // the relevance set's measure: in the top three

        // Enough items with every word: no fallback, no hint.
        var plain = await Client.GetJsonAsync($"/api/v1/search?q={Q("铁三角")}&pageSize=3");
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("hint").ValueKind);

        var en = await Client.GetStringAsync($"/search?q={Q("铁三角 交付 zzyzxword")}");
        Assert.Contains("Few items contain all of your words", en);
        var zhClient = portal.Factory.CreateClient();
        zhClient.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var zh = new HtmlParser().ParseDocument(await zhClient.GetStringAsync($"/search?q={Q("铁三角 交付 zzyzxword")}"));
        Assert.Equal("包含你全部关键词的内容很少，因此也列出了包含部分关键词的内容，包含关键词最多的排在前面。", zh.QuerySelector("[data-some-words]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Required_words_phrases_and_exclusions_keep_their_meaning_when_items_with_some_words_are_listed()
    {
        await portal.WaitUntilCurrentAsync();
        async Task<JsonElement> SearchAsync(string q) => await Client.GetJsonAsync($"/api/v1/search?q={Q(q)}&pageSize=50");

        // A required word no item holds: nothing, however many other words match.
        foreach (var q in new[] { "+zzyzxword 铁三角 交付", "铁三角 AND zzyzxword 交付", "铁三角 && zzyzxword", "\"zzyzxword triangle\" 交付" })
        {
            var none = await SearchAsync(q);
            Assert.True(none.GetProperty("total").GetInt32() == 0, $"{q}: {none}");
            Assert.NotEqual("SomeWords", none.GetProperty("hint").GetString());
        }

        // A phrase stays required: every item listed holds it.
        var phrase = (await SearchAsync("\"iron triangle\"")).HitIds();
        var withPhrase = await SearchAsync("\"iron triangle\" 交付 zzyzxword");
        Assert.Equal("SomeWords", withPhrase.GetProperty("hint").GetString());
        Assert.NotEmpty(withPhrase.HitIds());
        Assert.Subset(phrase.ToHashSet(), withPhrase.HitIds().ToHashSet());

        // +word stays required.
        var required = await SearchAsync("+华为 交付 zzyzxword");
        Assert.Equal(["case-huawei-iron-triangle"], required.HitIds());

        // An exclusion stays an exclusion.
        var excluded = await SearchAsync("铁三角 交付 zzyzxword NOT 华为");
        Assert.Equal("SomeWords", excluded.GetProperty("hint").GetString());
        Assert.NotEmpty(excluded.HitIds());
        Assert.DoesNotContain("case-huawei-iron-triangle", excluded.HitIds());
        Assert.DoesNotContain("case-huawei-iron-triangle", (await SearchAsync("铁三角 交付 zzyzxword -华为")).HitIds());

        // The reader's own OR: they already said which words may be missing.
        Assert.NotEqual("SomeWords", (await SearchAsync("zzyzxword OR 华为")).GetProperty("hint").GetString());
    }

    [Fact]
    public async Task Sales_words_reps_type_find_their_items_through_the_glossary()
    {
        await portal.WaitUntilCurrentAsync();
        Assert.Equal("case-lost-deal-information-silos", (await Client.GetJsonAsync($"/api/v1/search?q={Q("丢单")}")).HitIds().First());
        Assert.Equal("case-lost-deal-information-silos", (await Client.GetJsonAsync($"/api/v1/search?q={Q("lost deal")}")).HitIds().First());
        Assert.Contains("case-huawei-iron-triangle", (await Client.GetJsonAsync($"/api/v1/search?q={Q("payment collection")}")).HitIds());
        Assert.Contains("playbook-collaborative-sales-process", (await Client.GetJsonAsync($"/api/v1/search?q={Q("decision chain")}")).HitIds());
        Assert.Contains("drill-fair-performance-evaluation", (await Client.GetJsonAsync($"/api/v1/search?q={Q("won deal")}")).HitIds().Take(3));
    }

    [Fact]
    public async Task Snippets_are_the_rendered_text_without_Markdown_or_stripped_scripts_and_roles_read_in_the_readers_language()
    {
        await portal.WaitUntilCurrentAsync();
        var id = "case-snippet-" + Guid.NewGuid().ToString("N")[..8];
        await WithAsync(sp =>
        {
            var manager = sp.GetRequiredService<ContentManager>();
            var item = TestItems.NewCase(manager, id, "渲染检查", "## 背景\n\n**kakapoword** 见 [链接](https://example.com/x)。\n\n<script>\nalert('blockleak')\n</script>\n\n行内 <script>var inlineleak = 1;</script> `代码` 结束", tags: "feedback")
                .Apply(new CaseLibrary.Models.CaseStudyPart
                {
                    Company = "测试公司", Industry = "ict", DealSize = "medium", Outcome = "won", Roles = ["AccountManager", "SolutionManager"],
                });
            return manager.CreateAsync(item, "tester@example.com", publish: true);
        });
        await EventuallyAsync("/api/v1/search?q=kakapoword", j => j.HitIds().Contains(id), "the item is indexed");

        var zhClient = portal.Factory.CreateClient();
        zhClient.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var enSnippet = Hit(await Client.GetJsonAsync("/api/v1/search?q=kakapoword"), id);
        var zhSnippet = Hit(await zhClient.GetJsonAsync("/api/v1/search?q=kakapoword"), id);
        foreach (var snippet in new[] { enSnippet, zhSnippet })
        {
            Assert.Contains("<mark>kakapoword</mark>", snippet);
            Assert.Contains("背景", snippet);
            foreach (var markup in new[] { "##", "**", "](", "`", "blockleak", "inlineleak", "script", "AccountManager", "SolutionManager" })
                Assert.DoesNotContain(markup, snippet);
        }
        Assert.Contains("Account manager", enSnippet);
        Assert.Contains("Solution manager", enSnippet);
        Assert.DoesNotContain("客户经理", enSnippet);
        Assert.Contains("客户经理", zhSnippet);
        Assert.Contains("解决方案经理", zhSnippet);
        Assert.DoesNotContain("Account manager", zhSnippet);
        // A role searched in either language is marked as the reader's label.
        Assert.Contains("<mark>Solution manager</mark>", Hit(await Client.GetJsonAsync($"/api/v1/search?q={Q("kakapoword solution manager")}"), id));
        Assert.Contains("<mark>解决方案经理</mark>", Hit(await zhClient.GetJsonAsync($"/api/v1/search?q={Q("kakapoword 解决方案经理")}"), id));

        // No seed item's searchable text holds Markdown syntax or role keys.
        var texts = portal.Host.Index!.Read(searcher =>
            Enumerable.Range(0, searcher.IndexReader.MaxDoc).Select(d => searcher.Doc(d).Get("text_zh") ?? "").ToList());
        Assert.All(texts, text =>
        {
            foreach (var markup in new[] { "**", "](", "|---", "<script", "AccountManager", "DeliveryManager" })
                Assert.False(text.Contains(markup, StringComparison.Ordinal), $"'{markup}' in: {text[..Math.Min(200, text.Length)]}");
        });
        await WithAsync(sp => sp.GetRequiredService<ContentManager>().DeleteAsync(id, "tester@example.com"));
    }

    private static string Hit(JsonElement results, string id) =>
        results.GetProperty("hits").EnumerateArray().FirstOrDefault(h => h.GetProperty("id").GetString() == id) is { ValueKind: JsonValueKind.Object } hit
            ? hit.GetProperty("snippet").GetString()! : throw new Xunit.Sdk.XunitException($"{id} not among the hits: {string.Join(", ", results.HitIds())}");

    [Theory]
    [InlineData("\"unclosed", "ReadAsPlainText", null)]
    [InlineData("AND OR", "NothingToSearch", null)]
    [InlineData("*", "NothingToSearch", null)]
    [InlineData(":", "NothingToSearch", null)]
    [InlineData("title:(铁三角", "ReadAsPlainText", "case-huawei-iron-triangle")]
    [InlineData("铁三角 AND", "ReadAsPlainText", "case-huawei-iron-triangle")]
    [InlineData("[a TO", "NothingToSearch", null)]
    [InlineData("\\", "NothingToSearch", null)]
    [InlineData("~~~ ^^^ !!!", "NothingToSearch", null)]
    public async Task Malformed_queries_are_read_as_plain_words_or_answered_with_a_hint(string query, string hint, string? finds)
    {
        await portal.WaitUntilCurrentAsync();
        var json = await Client.GetJsonAsync($"/api/v1/search?q={Q(query)}");
        // Never an error: the words are searched as plain text, or nothing is searched and the hint says why.
        Assert.Equal(hint, json.GetProperty("hint").GetString());
        if (hint == "NothingToSearch") Assert.Equal(0, json.GetProperty("total").GetInt32());
        if (finds is not null) Assert.Contains(finds, json.HitIds());
        var response = await Client.GetAsync($"/search?q={Q(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector(".alert-info"));
    }

    [Fact]
    public async Task A_long_query_is_shortened_with_a_hint_and_literal_fallback_still_finds()
    {
        await portal.WaitUntilCurrentAsync();
        var json = await Client.GetJsonAsync($"/api/v1/search?q={Q(string.Concat(Enumerable.Repeat("铁三角 iron ", 200)))}");
        Assert.Equal("Shortened", json.GetProperty("hint").GetString());
        var unclosed = await Client.GetJsonAsync($"/api/v1/search?q={Q("\"铁三角 交付")}");
        Assert.Equal("ReadAsPlainText", unclosed.GetProperty("hint").GetString());
        Assert.Contains("case-huawei-iron-triangle", unclosed.HitIds());
        var nothing = await Client.GetJsonAsync($"/api/v1/search?q={Q("*")}");
        Assert.Equal("NothingToSearch", nothing.GetProperty("hint").GetString());
        var page = await Client.GetStringAsync($"/search?q={Q("*")}");
        Assert.Contains("There is nothing to search for", page);
    }

    [Fact]
    public async Task Syntax_phrases_boolean_operators_and_prefixes_work()
    {
        await portal.WaitUntilCurrentAsync();
        var huaweiOnly = await Client.GetJsonAsync($"/api/v1/search?q={Q("华为")}");
        Assert.Equal(["case-huawei-iron-triangle"], huaweiOnly.HitIds());
        var without = await Client.GetJsonAsync($"/api/v1/search?q={Q("铁三角 NOT 华为")}&pageSize=50");
        Assert.DoesNotContain("case-huawei-iron-triangle", without.HitIds());
        Assert.NotEmpty(without.HitIds());
        var either = await Client.GetJsonAsync($"/api/v1/search?q={Q("Salesforce OR IBM")}");
        Assert.Equal(["case-ibm-cross-department-project-groups", "case-salesforce-shared-customer-data"], either.HitIds().Order());
        var both = await Client.GetJsonAsync($"/api/v1/search?q={Q("Salesforce AND IBM")}");
        Assert.Equal(0, both.GetProperty("total").GetInt32());
        var prefix = await Client.GetJsonAsync($"/api/v1/search?q={Q("Salesfor*")}");
        Assert.Contains("case-salesforce-shared-customer-data", prefix.HitIds());
        var negativeOnly = await Client.GetJsonAsync($"/api/v1/search?q={Q("NOT 华为")}&pageSize=50");
        Assert.Equal((await SearchableContent.AllAsync(portal.Factory.Services)).Count - 1, negativeOnly.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Pages_do_not_overlap_and_date_order_is_newest_first()
    {
        await portal.WaitUntilCurrentAsync();
        var first = await Client.GetJsonAsync("/api/v1/search?q=CRM&pageSize=2&page=1");
        var second = await Client.GetJsonAsync("/api/v1/search?q=CRM&pageSize=2&page=2");
        Assert.Equal(first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
        Assert.True(first.GetProperty("total").GetInt32() > 2);
        Assert.Equal(2, first.HitIds().Length);
        Assert.Empty(first.HitIds().Intersect(second.HitIds()));
        var byDate = await Client.GetJsonAsync("/api/v1/search?q=CRM&sort=date&pageSize=50");
        var dates = byDate.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("date").GetDateTime()).ToList();
        Assert.Equal(dates.OrderByDescending(d => d).ToList(), dates);
        var scores = first.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("score").GetSingle()).ToList();
        Assert.True(scores[0] >= scores[1]);
    }

    [Fact]
    public async Task A_facet_link_keeps_the_query_and_other_filters_and_toggles_its_own_value_and_the_pager_adds_the_page()
    {
        await portal.WaitUntilCurrentAsync();
        var kind = new HtmlParser().ParseDocument(await Client.GetStringAsync($"/search?q={Q("CRM & 协同")}"))
            .QuerySelector("section.sa-facet[data-facet='type'] a[data-value]")!.GetAttribute("data-value")!;
        var page = new HtmlParser().ParseDocument(await Client.GetStringAsync($"/search?q={Q("CRM & 协同")}&type={kind}&sort=date"));
        var type = page.QuerySelector($"section.sa-facet[data-facet='type'] a[data-value='{kind}']")!;
        Assert.Equal("true", type.GetAttribute("aria-current"));
        // The selected value's link turns it off; the others keep it.
        Assert.Equal($"/search?q={Q("CRM & 协同")}&sort=date", type.GetAttribute("href"));
        var tag = page.QuerySelector("section.sa-facet[data-facet='tag'] a[data-value]")!;
        Assert.Equal($"/search?q={Q("CRM & 协同")}&type={kind}&tag={Q(tag.GetAttribute("data-value")!)}&sort=date", tag.GetAttribute("href"));

        // The seed library fits on one page: the pager's links are asked of the page model.
        var model = new SalesAcademy.Search.Pages.Search.IndexModel(null!, null!, null!, null!, null!) { Q = "CRM & 协同", Tag = "t1", Sort = "date" };
        Assert.Equal($"/search?q={Q("CRM & 协同")}&tag=t1&sort=date", model.Link(page: 1));
        Assert.Equal($"/search?q={Q("CRM & 协同")}&tag=t1&sort=date&p=3", model.Link(page: 3));
        Assert.Equal("/search?q=CRM%20%26%20%E5%8D%8F%E5%90%8C&sort=date&p=2", model.Link("tag", "t1", 2));
    }

    [Fact]
    public async Task A_regular_expression_in_the_api_and_the_page_is_refused_with_a_hint()
    {
        // The probe of the review: this one ran for more than 30 s and kept a core busy after the client had gone.
        var json = await Client.GetJsonAsync("/api/v1/search?q=" + Uri.EscapeDataString("/[xy]*x[xy]{18}/"));
        Assert.Equal("PatternRefused", json.GetProperty("hint").GetString());
        Assert.False(json.GetProperty("cutShort").GetBoolean());

        var page = new HtmlParser().ParseDocument(await Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("/CR./")));
        Assert.Contains("Regular expressions", page.QuerySelector(".alert-info")?.TextContent);
    }

    [Theory]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("culture=fr", "culture")]
    [InlineData("sort=title", "sort")]
    public async Task Bad_parameters_get_a_message_naming_the_parameter(string query, string parameter)
    {
        var response = await Client.GetAsync($"/api/v1/search?q=CRM&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Suggestions_offer_titles_and_tags_in_both_languages()
    {
        await portal.WaitUntilCurrentAsync();
        var zh = await Client.GetJsonAsync($"/api/v1/search/suggest?q={Q("铁三")}");
        var zhItems = zh.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Contains(zhItems, s => s.GetProperty("kind").GetString() == "title" && s.GetProperty("url").GetString() == "/drills/iron-triangle-role-play");
        Assert.Contains(zhItems, s => s.GetProperty("kind").GetString() == "tag" && s.GetProperty("key").GetString() == "iron-triangle");
        var en = await Client.GetJsonAsync("/api/v1/search/suggest?q=sales");
        var enItems = en.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Contains(enItems, s => s.GetProperty("kind").GetString() == "title" && s.GetProperty("url").GetString() == "/cases/salesforce-shared-customer-data");
        Assert.Contains(enItems, s => s.GetProperty("key").GetString() == "sales-process");
        Assert.Empty((await Client.GetJsonAsync("/api/v1/search/suggest?q=")).GetProperty("suggestions").EnumerateArray());
        var html = await Client.GetStringAsync($"/search?handler=Suggest&q={Q("协同")}");
        Assert.Contains("/playbooks/collaborative-sales-process", html);
    }

    [Fact]
    public async Task Every_item_page_shows_related_content_from_more_like_this()
    {
        await portal.WaitUntilCurrentAsync();
        foreach (var url in new[] { "/cases/huawei-iron-triangle", "/playbooks/collaborative-sales-process", "/drills/breaking-information-silos" })
        {
            var document = new HtmlParser().ParseDocument(await Client.GetStringAsync(url));
            var links = document.QuerySelectorAll("section.sa-similar a").Select(a => a.GetAttribute("href")).ToList();
            Assert.NotEmpty(links);
            Assert.DoesNotContain(url, links);
        }
        // The iron-triangle drill lists the Huawei case it is built on; the case (now written in Chinese, like the drill)
        // lists the playbook of the same collaborative sales process.
        async Task<List<string?>> RelatedAsync(string url) =>
            new HtmlParser().ParseDocument(await Client.GetStringAsync(url)).QuerySelectorAll("section.sa-similar a").Select(a => a.GetAttribute("href")).ToList();
        var drill = await RelatedAsync("/drills/iron-triangle-role-play");
        Assert.True(drill.Contains("/cases/huawei-iron-triangle"), string.Join(", ", drill));
        var huawei = await RelatedAsync("/cases/huawei-iron-triangle");
        Assert.True(huawei.Contains("/playbooks/collaborative-sales-process"), string.Join(", ", huawei));
    }

    [Fact]
    public async Task Every_search_is_logged_and_searches_that_found_nothing_reach_the_admin_page()
    {
        await portal.WaitUntilCurrentAsync();
        var before = DateTime.UtcNow.AddSeconds(-1);
        var word = "nothingword" + Guid.NewGuid().ToString("N")[..6];
        var zhClient = portal.Factory.CreateClient();
        zhClient.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        await zhClient.GetStringAsync($"/search?q={word}");
        await Client.GetJsonAsync($"/api/v1/search?q={Q("铁三角")}");
        var rep = await TestUsers.NewAsync(portal.Factory, PortalRoles.Rep);
        var repWord = "repword" + Guid.NewGuid().ToString("N")[..6];
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, rep.Email!)) await browser.GetAsync($"/search?q={repWord}");
        // Written in the background within about a second of the search (SearchLog.Coalesce), not by the request.
        List<SearchQueryRecord> rows = [];
        await Eventually.TrueAsync(async () =>
        {
            rows = await WithAsync(sp => sp.GetRequiredService<SearchDbContext>().Queries.AsNoTracking().OrderByDescending(q => q.Id).Take(10).ToListAsync());
            return rows.Any(r => r.Query == word) && rows.Any(r => r.Query == "铁三角" && r.Source == "api") && rows.Any(r => r.Query == repWord);
        }, "the three searches are in the log");
        var missed = rows.Single(r => r.Query == word);
        Assert.Equal(0, missed.ResultCount);
        Assert.Equal("zh-CN", missed.Culture);
        Assert.Equal("page", missed.Source);
        Assert.Null(missed.UserId); // anonymous
        Assert.Equal(DateTimeKind.Utc, missed.AtUtc.Kind);
        Assert.InRange(missed.AtUtc, before, DateTime.UtcNow);
        Assert.Contains(rows, r => r.Query == "铁三角" && r.ResultCount > 0 && r.Source == "api");
        Assert.Equal(rep.Id, rows.Single(r => r.Query == repWord).UserId);

        using var admin = new Browser(portal.Factory);
        await admin.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        Assert.Contains(word, await (await admin.GetAsync("/admin/search")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_reports_the_index()
    {
        await portal.WaitUntilCurrentAsync();
        var health = await Client.GetJsonAsync("/health");
        var search = health.GetProperty("checks").GetProperty("search");
        Assert.Equal("Healthy", search.GetProperty("status").GetString());
        var data = search.GetProperty("data");
        Assert.Equal(data.GetProperty("published").GetInt32(), data.GetProperty("documents").GetInt32());
        Assert.Equal(0, data.GetProperty("lag").GetInt64());
    }

    [Fact]
    public async Task The_admin_page_is_for_search_managers_and_rebuilds_on_request()
    {
        await portal.WaitUntilCurrentAsync();
        // Anonymous readers are sent to sign in; a rep (no search.manage) is told the page does not exist.
        Assert.Equal(HttpStatusCode.Redirect, (await Client.GetAsync("/admin/search")).StatusCode);
        var rep = await NewUserAsync(PortalRoles.Rep);
        using (var repBrowser = new Browser(portal.Factory))
        {
            await repBrowser.SignInAsync(rep, Password);
            Assert.True(repBrowser.HasAuthCookie);
            Assert.Equal(HttpStatusCode.NotFound, (await repBrowser.GetAsync("/admin/search")).StatusCode);
        }
        // A trainer holds search.manage by default.
        var trainer = await NewUserAsync(PortalRoles.Trainer);
        using (var trainerBrowser = new Browser(portal.Factory))
        {
            await trainerBrowser.SignInAsync(trainer, Password);
            Assert.Equal(HttpStatusCode.OK, (await trainerBrowser.GetAsync("/admin/search")).StatusCode);
        }

        using var admin = new Browser(portal.Factory);
        await admin.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        // A post without the form's antiforgery token is refused.
        using (var noToken = await SignedInClient.AdministratorAsync(portal.Factory))
            Assert.Equal(HttpStatusCode.BadRequest, (await noToken.PostAsync("/admin/search?handler=Rebuild", new FormUrlEncodedContent([]))).StatusCode);
        var page = new HtmlParser().ParseDocument(await (await admin.GetAsync("/admin/search")).Content.ReadAsStringAsync());
        var published = (await SearchableContent.AllAsync(portal.Factory.Services)).Count;
        Assert.Equal(published.ToString(), page.QuerySelector("#index-documents")!.TextContent.Trim());
        Assert.Equal(published.ToString(), page.QuerySelector("#index-published")!.TextContent.Trim());
        Assert.Equal("0", page.QuerySelector("#index-lag")!.TextContent.Trim());

        var before = portal.Host.Status.LastRebuildUtc;
        var response = await admin.SubmitAsync("/admin/search", new Dictionary<string, string>(), handler: "Rebuild");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (portal.Host.Status.LastRebuildUtc == before || portal.Host.Status.State != "ready")
        {
            Assert.True(DateTime.UtcNow < until, "the rebuild did not finish");
            await Task.Delay(50);
        }
        Assert.Equal(published, portal.Host.Index!.DocumentCount);
        Assert.Contains("case-huawei-iron-triangle", (await Client.GetJsonAsync($"/api/v1/search?q={Q("铁三角")}")).HitIds());
    }

    [Fact]
    public async Task Trainers_edit_the_glossary_bad_files_are_reported_by_line_and_field_and_changes_apply_without_restart()
    {
        await portal.WaitUntilCurrentAsync();
        var glossary = portal.Factory.Services.GetRequiredService<SearchGlossary>();
        var original = glossary.ReadText();
        using var admin = new Browser(portal.Factory);
        await admin.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        try
        {
            // "lynxterm" means nothing in the seed content until the glossary says it means 铁三角.
            Assert.Equal(0, (await Client.GetJsonAsync("/api/v1/search?q=lynxterm")).GetProperty("total").GetInt32());

            var bad = "groups:\n  - [铁三角, iron triangle]\n  - [lynxterm]\n";
            var response = await admin.SubmitAsync("/admin/search", new Dictionary<string, string> { ["GlossaryText"] = bad }, handler: "Glossary");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal($"{glossary.Path}:3: field 'groups[1]': needs at least two terms that mean the same thing", html.QuerySelector("#glossary-errors li")!.TextContent.Trim());
            Assert.Equal(original, glossary.ReadText()); // nothing written

            var good = original.TrimEnd() + "\n  - [lynxterm, 铁三角角色扮演]\n";
            response = await admin.SubmitAsync("/admin/search", new Dictionary<string, string> { ["GlossaryText"] = good }, handler: "Glossary");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("drill-iron-triangle-role-play", (await Client.GetJsonAsync("/api/v1/search?q=lynxterm")).HitIds());

            // An edit of the file itself is picked up too (no restart).
            File.WriteAllText(glossary.Path, original.TrimEnd() + "\n  - [ocelotterm, 定量与定性]\n");
            await EventuallyAsync("/api/v1/search?q=ocelotterm", j => j.HitIds().Contains("drill-fair-performance-evaluation"), "a file edit is reloaded");
        }
        finally
        {
            Assert.Empty(glossary.Save(original));
        }
    }

    [Fact]
    public void Glossary_errors_name_the_file_line_and_field()
    {
        var (glossary, errors) = GlossaryData.Parse("groups:\n  - [a, b]\n  - just text\n  - [\"\", c]\n  - [铁三角, 铁三角]\nextra: 1\n", "content/glossary.yaml");
        Assert.Null(glossary);
        var lines = errors.Select(e => e.ToString()).ToList();
        Assert.Contains("content/glossary.yaml:6: field 'extra': unknown field; expected 'groups'", lines);
        Assert.Contains("content/glossary.yaml:3: field 'groups[1]': must be a list of terms, e.g. [客户经理, account manager, AR]", lines);
        Assert.Contains("content/glossary.yaml:4: field 'groups[2][0]': must not be empty", lines);
        Assert.Contains("content/glossary.yaml:5: field 'groups[3][1]': '铁三角' is already in groups[3]", lines);
        var (_, yamlErrors) = GlossaryData.Parse("groups: [a, b\n", "g.yaml");
        Assert.StartsWith("g.yaml:", yamlErrors.Single().ToString());
        Assert.Contains("not valid YAML", yamlErrors.Single().Message);

        var (ok, none) = GlossaryData.Parse("groups:\n  - [客户经理, account manager, AR]\n  - [信息孤岛, information silo]\n", "g.yaml");
        Assert.Empty(none);
        Assert.Equal("(\"客户经理\" OR \"account manager\" OR \"AR\") 职责", ok!.Expand("客户经理 职责"));
        Assert.Equal("(\"account manager\" OR \"客户经理\" OR \"AR\")", ok.Expand("Account  Manager").Replace("Account Manager", "account manager"));
        Assert.Equal("(\"AR\" OR \"客户经理\" OR \"account manager\") and ar", ok.Expand("AR and ar"));
        Assert.Equal("\"信息孤岛 quoted\"", ok.Expand("\"信息孤岛 quoted\""));
    }
}

public sealed class SearchBehaviourTests_Sqlite(SqliteSearchPortal portal) : SearchBehaviourTests(portal), IClassFixture<SqliteSearchPortal>;

public sealed class SearchBehaviourTests_Postgres(PostgresSearchPortal portal) : SearchBehaviourTests(portal), IClassFixture<PostgresSearchPortal>;
