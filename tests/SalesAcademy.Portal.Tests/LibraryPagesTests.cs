using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Testing;
using static SalesAcademy.Portal.Tests.Support.SeedContent;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// The library pages (home, lists, case / playbook / drill pages, not-found) rendered by the whole portal
/// on a database the seed content was imported into; expected values come from the seed files.
/// </summary>
public abstract partial class LibraryPagesTests(PortalFixture portal)
{
    /// <summary>English labels of the team roles the seed uses; any other role is shown as written.</summary>
    private static readonly Dictionary<string, string> EnglishRoles = new()
    {
        ["AccountManager"] = "Account manager",
        ["SolutionManager"] = "Solution manager",
        ["DeliveryManager"] = "Delivery manager",
        ["Lead"] = "Team lead",
        ["Marketing"] = "Marketing",
        ["Engineering"] = "Engineering",
        ["CustomerService"] = "Customer service",
        ["Finance"] = "Finance",
    };

    private static string EnglishRole(string role) => EnglishRoles.GetValueOrDefault(role, role);

    private static readonly Dictionary<string, (string En, string Zh)> OutcomeLabels = new()
    {
        ["won"] = ("Won", "赢单"), ["lost"] = ("Lost", "丢单"), ["ongoing"] = ("Ongoing", "进行中"),
    };

    private HttpClient Client() => portal.Factory.CreateClient();

    private static int Number(string text) => int.Parse(Digits().Match(text).Value);

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // ---------------------------------------------------------------- home

    [Fact]
    public async Task Home_lists_the_libraries_with_their_item_counts()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/");

        Assert.Equal((4, 3, 4, 3), (OfType(CaseStudy).Count, OfType(Playbook).Count, OfType(Drill).Count, OfType("Quiz").Count)); // the seed as shipped
        var cards = page.All("section[aria-labelledby='libraries-heading'] a.card");
        // Questions carry their answers: the question bank is not a reader's library.
        Assert.Equal(["/cases", "/playbooks", "/drills", "/quizzes"], cards.Select(c => c.GetAttribute("href")));
        foreach (var (card, type) in cards.Zip([CaseStudy, Playbook, Drill, "Quiz"]))
        {
            var badge = card.QuerySelector(".badge");
            Assert.NotNull(badge);
            Assert.Equal(OfType(type).Count, Number(badge.Clean()));
        }
        Assert.Equal(["Cases", "Playbooks", "Drills", "Quizzes"], cards.Select(c => c.QuerySelector(".card-title")!.Clean()));
    }

    [Fact]
    public async Task Home_shows_whats_new_cards_linking_to_published_items()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/");

        var cards = page.All("section[aria-labelledby='new-heading'] article.card");
        Assert.Equal(Math.Min(6, ReaderItems.Count), cards.Count);
        foreach (var card in cards)
        {
            var link = card.QuerySelector("h3 a");
            Assert.NotNull(link);
            var item = ReaderItems.SingleOrDefault(i => i.Url == link.GetAttribute("href"));
            Assert.True(item is not null, $"What's new links to {link.GetAttribute("href")}, which is no seed item.");
            Assert.Equal(item.Title, link.Clean());
            Assert.Equal(item.Culture, link.GetAttribute("lang"));
        }
        Assert.Equal(cards.Count, cards.Select(c => c.QuerySelector("h3 a")!.GetAttribute("href")).Distinct().Count());
    }

    [Fact]
    public async Task Home_counts_items_per_tag_in_the_readers_language()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/");

        var badges = page.All("section[aria-labelledby='topics-heading'] .sa-tag").Texts();
        var term = Term("iron-triangle");
        Assert.Contains($"{term.English} · {ReaderItems.Count(i => i.Tags.Contains(term.Key))}", badges);
        Assert.Equal(Terms.Count(t => ReaderItems.Any(i => i.Tags.Contains(t.Key))), badges.Count);
    }

    // ---------------------------------------------------------------- case list and filters

    private static IReadOnlyList<string> CardTitles(PortalPage page) =>
        page.All("main article.card h3 a").Texts();

    [Fact]
    public async Task Cases_lists_every_case()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases");

        Assert.Equal("Cases", page.Single("main h1").Clean());
        Assert.Equal(OfType(CaseStudy).Select(c => c.Title).Order(), CardTitles(page).Order());
        Assert.Equal(OfType(CaseStudy).Count, Number(page.Single("main [role='status']").Clean()));
        Assert.All(page.All("main article.card h3 a"), a => Assert.StartsWith("/cases/", a.GetAttribute("href")));
    }

    [Fact]
    public async Task Cases_filtered_by_outcome_lost_shows_only_the_lost_English_case()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases?outcome=lost");

        var lost = Assert.Single(OfType(CaseStudy), c => c.Text("outcome") == "lost");
        Assert.Equal("en", lost.Culture);
        var card = Assert.Single(page.All("main article.card"));
        Assert.Equal(lost.Title, card.QuerySelector("h3 a")!.Clean());
        Assert.Equal(lost.Url, card.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal("EN", card.QuerySelector("[lang='en'].badge")?.Clean());
        Assert.NotNull(page.One("#filter-outcome option[value='lost'][selected]"));
        Assert.NotNull(page.One("main form[role='search'] a[href='?']")); // "clear filters"
    }

    [Fact]
    public async Task Cases_filtered_by_tag_shows_the_cases_with_that_tag()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases?tag=iron-triangle");

        var expected = OfType(CaseStudy).Where(c => c.Tags.Contains("iron-triangle")).Select(c => c.Title).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < OfType(CaseStudy).Count, "the tag must actually narrow the list");
        Assert.Equal(expected, CardTitles(page).Order());
    }

    [Fact]
    public async Task Cases_filtered_by_industry_shows_the_cases_of_that_industry()
    {
        using var client = Client();
        foreach (var industry in OfType(CaseStudy).Select(c => c.Text("industry")).Distinct())
        {
            var page = await client.GetPageAsync("/cases?industry=" + Uri.EscapeDataString(industry));
            var expected = OfType(CaseStudy).Where(c => c.Text("industry") == industry).Select(c => c.Title).Order();
            Assert.Equal(expected, CardTitles(page).Order());
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task The_industry_filter_lists_each_industry_once_by_its_label_in_the_readers_language(string language)
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases", language);
        var options = page.All("select#filter-industry option").Where(o => o.GetAttribute("value") is { Length: > 0 }).ToList();
        var industries = OfType(CaseStudy).Select(c => c.Text("industry")).Distinct().Order().ToList();
        Assert.Equal(industries, options.Select(o => o.GetAttribute("value")!).Order());
        Assert.All(industries, key => Assert.Equal("industry", Term(key).Group));
        foreach (var option in options)
            Assert.StartsWith(Term(option.GetAttribute("value")!).Label(language) + " (", option.Clean());
    }

    [Fact]
    public async Task A_filter_no_case_matches_shows_an_empty_list()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases?industry=No+such+industry");
        Assert.Empty(page.All("main article.card"));
        Assert.Equal(0, Number(page.Single("main [role='status']").Clean()));
    }

    [Fact]
    public async Task Case_filter_drop_downs_show_how_many_cases_each_option_has()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases");
        var cases = OfType(CaseStudy);

        Dictionary<string, string> Options(string name) => page.All($"select#filter-{name} option")
            .Where(o => o.GetAttribute("value") is { Length: > 0 })
            .ToDictionary(o => o.GetAttribute("value")!, o => o.Clean());

        Assert.Equal(
            cases.GroupBy(c => c.Text("outcome")).ToDictionary(g => g.Key, g => $"{OutcomeLabels[g.Key].En} ({g.Count()})"),
            Options("outcome"));
        Assert.Equal(
            cases.GroupBy(c => c.Text("industry")).ToDictionary(g => g.Key, g => $"{Term(g.Key).English} ({g.Count()})"),
            Options("industry"));
        Assert.Equal(
            cases.SelectMany(c => c.Tags).GroupBy(t => t).ToDictionary(g => g.Key, g => $"{Term(g.Key).English} ({g.Count()})"),
            Options("tag"));
        Assert.Equal(
            cases.GroupBy(c => c.Culture).ToDictionary(g => g.Key, g => $"{(g.Key == "en" ? "English" : "中文")} ({g.Count()})"),
            Options("culture"));
    }

    [Theory]
    [InlineData("/playbooks", Playbook)]
    [InlineData("/drills", Drill)]
    public async Task Playbook_and_drill_lists_show_every_item(string url, string type)
    {
        using var client = Client();
        var page = await client.GetPageAsync(url);
        Assert.Equal(OfType(type).Select(i => i.Title).Order(), CardTitles(page).Order());

        var tag = OfType(type).SelectMany(i => i.Tags).GroupBy(t => t).OrderBy(g => g.Count()).First().Key;
        var filtered = await client.GetPageAsync($"{url}?tag={tag}");
        Assert.Equal(OfType(type).Where(i => i.Tags.Contains(tag)).Select(i => i.Title).Order(), CardTitles(filtered).Order());
    }

    // ---------------------------------------------------------------- case page

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task Case_page_shows_the_case_with_deal_facts_table_lessons_tags_and_related_links(string language)
    {
        var seed = BySlug(CaseStudy, "huawei-iron-triangle");
        using var client = Client();
        var page = await client.GetPageAsync(seed.Url, language);

        Assert.Equal(seed.Title, page.Single("main h1").Clean());
        Assert.Equal(seed.Summary, page.One("main header .lead")?.Clean());
        Assert.StartsWith(seed.Title, page.Document.Title);

        // Deal facts.
        var facts = page.Single("main aside dl");
        var dd = facts.QuerySelectorAll("dd").ToList();
        Assert.Equal(seed.Text("company"), dd[0].Clean());
        var outcome = seed.Text("outcome");
        var outcomeLabel = language == "en" ? OutcomeLabels[outcome].En : OutcomeLabels[outcome].Zh;
        Assert.Equal(outcomeLabel, facts.QuerySelector($".sa-outcome-{outcome}")?.Clean());
        Assert.Contains(facts.QuerySelectorAll("a"), a =>
            a.GetAttribute("href") == "/cases?industry=" + Uri.EscapeDataString(seed.Text("industry")) && a.Clean() == Term(seed.Text("industry")).Label(language));
        if (language == "en")
        {
            var byLabel = facts.QuerySelectorAll("dt").Zip(dd).ToDictionary(p => p.First.Clean(), p => p.Second.Clean());
            Assert.Equal(seed.Text("company"), byLabel["Company"]);
            Assert.Equal(outcomeLabel, byLabel["Outcome"]);
            Assert.Equal(seed.Text("region"), byLabel["Region"]);
            Assert.Equal(seed.Text("stage"), byLabel["Sales stage"]);
            Assert.Equal(string.Join(", ", seed.List("roles").Select(EnglishRole)), byLabel["Roles involved"]);
        }

        // The Markdown body, with its pipe table rendered as a <table>.
        var body = page.Single("main .sa-body");
        Assert.Equal(seed.Culture, body.GetAttribute("lang"));
        var table = body.QuerySelector("table");
        Assert.NotNull(table);
        var markdownTable = seed.Body.Split("\n\n").First(block => block.StartsWith('|')).Split('\n');
        Assert.Equal(markdownTable[0].Trim('|').Split('|').Select(c => c.Trim()), table.QuerySelectorAll("thead th").Texts());
        Assert.Equal(markdownTable.Length - 2, table.QuerySelectorAll("tbody tr").Length); // minus header and delimiter rows
        Assert.Equal(markdownTable[2].Trim('|').Split('|').Select(c => c.Trim()), table.QuerySelectorAll("tbody tr:first-child td").Texts());
        Assert.Contains("背景", body.QuerySelectorAll("h2").Texts());

        // Lessons learned, in the file's order.
        Assert.Equal(seed.List("lessons"), page.All("section[aria-labelledby='lessons-heading'] li").Texts());

        // Tags in the reader's language, linking to the filtered list.
        var tags = page.All("main header a.sa-tag");
        Assert.Equal(seed.Tags.Select(t => Term(t).Label(language)), tags.Texts());
        Assert.Equal(seed.Tags.Select(t => "/cases?tag=" + t), tags.Select(a => a.GetAttribute("href")));

        // Related: the playbooks and drills the case names.
        var related = page.Single("section[aria-labelledby='related-heading']").Hrefs("article h3 a");
        Assert.Contains(ById("playbook-collaborative-sales-process").Url, related);
        Assert.Contains(ById("drill-iron-triangle-role-play").Url, related);
        Assert.Equal(Related(seed).Select(i => i.Url).Order(), related.Order());
    }

    [Fact]
    public async Task The_English_case_is_marked_as_English_content()
    {
        var seed = Assert.Single(OfType(CaseStudy), c => c.Culture == "en");
        using var client = Client();
        var page = await client.GetPageAsync(seed.Url, "zh-CN");

        Assert.Equal("zh-CN", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", page.Single("main h1").GetAttribute("lang"));
        Assert.Null(page.Single("main header").GetAttribute("lang")); // the header's UI labels are in the reader's language
        Assert.Equal("en", page.Single("main .sa-body").GetAttribute("lang"));
        Assert.Equal(seed.Title, page.Single("main h1").Clean());
    }

    // ---------------------------------------------------------------- playbook page

    [Fact]
    public async Task Playbook_page_shows_a_stages_by_roles_RACI_table_from_the_file()
    {
        var seed = BySlug(Playbook, "collaborative-sales-process");
        var stages = seed.Maps("stages");
        var roles = stages.SelectMany(s => SeedItem.Maps(s["raci"]).Select(r => (string)r["role"])).Distinct().ToList();

        using var client = Client();
        var page = await client.GetPageAsync(seed.Url);
        Assert.Equal(seed.Title, page.Single("main h1").Clean());

        var table = page.Single("table.sa-raci");
        Assert.Equal(["Stage", .. roles.Select(EnglishRole)], table.QuerySelectorAll("thead th").Texts());

        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(stages.Count, rows.Count);
        foreach (var (row, stage) in rows.Zip(stages))
        {
            Assert.Equal((string)stage["name"], row.QuerySelector("th")!.Clean());
            Assert.Equal($"#stage-{stage["key"]}", row.QuerySelector("th a")!.GetAttribute("href"));
            var cells = row.QuerySelectorAll("td").ToList();
            Assert.Equal(roles.Count, cells.Count);
            var raci = SeedItem.Maps(stage["raci"]).ToDictionary(r => (string)r["role"]);
            foreach (var (cell, role) in cells.Zip(roles))
            {
                var letters = string.Concat(cell.QuerySelectorAll(".raci-letter").Texts());
                Assert.True((raci.TryGetValue(role, out var entry) ? (string)entry["raci"] : "") == letters,
                    $"stage '{stage["key"]}', role {role}: expected '{(entry is null ? "" : entry["raci"])}', the page shows '{letters}'");
                Assert.Equal(entry is null ? [] : SeedItem.Strings(entry["responsibilities"]), cell.QuerySelectorAll("li").Texts());
            }
            Assert.True(1 == row.QuerySelectorAll(".raci-A").Length, $"stage '{stage["key"]}' must have exactly one A");
        }

        // One cell exactly: the first stage (商机发现 / discover), account manager.
        var discover = rows[0].QuerySelectorAll("td")[roles.IndexOf("AccountManager")];
        Assert.Equal("discover", (string)stages[0]["key"]);
        Assert.Equal("A", Assert.Single(discover.QuerySelectorAll(".raci-letter")).Clean());
        Assert.Equal(
            ["经营客户关系，获取客户痛点、预算与决策链信息", "判断商机价值，在 CRM 中创建并维护商机记录", "发起商机评审，提名铁三角成员"],
            discover.QuerySelectorAll("li").Texts());

        // Stage by stage.
        var cards = page.All("section[aria-labelledby='stages-heading'] li[id^='stage-']");
        Assert.Equal(stages.Select(s => $"stage-{s["key"]}"), cards.Select(c => c.Id));
        Assert.Equal(SeedItem.Strings(stages[0]["exitCriteria"]),
            cards[0].QuerySelectorAll("h4").First(h => h.Clean() == "Exit criteria").ParentElement!.QuerySelectorAll("li").Texts());
    }

    [Fact]
    public async Task Playbook_page_lists_the_items_that_link_to_it()
    {
        var seed = BySlug(Playbook, "collaborative-sales-process");
        using var client = Client();
        var page = await client.GetPageAsync(seed.Url);

        var related = page.Single("section[aria-labelledby='related-heading']").Hrefs("article h3 a");
        // Reverse links: cases name the playbook, the playbook names no case.
        var referencingCases = Referencing(seed.Id).Where(i => i.Type == CaseStudy).Select(i => i.Url).ToList();
        Assert.NotEmpty(referencingCases);
        Assert.All(referencingCases, url => Assert.Contains(url, related));
        Assert.Contains(BySlug(CaseStudy, "huawei-iron-triangle").Url, related);
        Assert.Contains(BySlug(CaseStudy, "lost-deal-information-silos").Url, related);
        // Forward links and reverse links, each once.
        Assert.Equal(Related(seed).Select(i => i.Url).Order(), related.Order());
    }

    [Fact]
    public async Task Every_item_page_links_what_it_names_and_what_names_it()
    {
        using var client = Client();
        foreach (var seed in LibraryItems)
        {
            var page = await client.GetPageAsync(seed.Url);
            var expected = Related(seed).Select(i => i.Url).Order().ToList();
            var section = page.One("section[aria-labelledby='related-heading']");
            var actual = section?.Hrefs("article h3 a").Order().ToList() ?? [];
            Assert.True(expected.SequenceEqual(actual),
                $"{seed.Url}: related links\n  expected {string.Join(", ", expected)}\n  actual   {string.Join(", ", actual)}");
        }
    }

    // ---------------------------------------------------------------- drill page

    [Fact]
    public async Task Drill_page_shows_roles_with_briefs_timed_steps_and_a_rubric_totalling_100()
    {
        var seed = BySlug(Drill, "iron-triangle-role-play");
        using var client = Client();
        var page = await client.GetPageAsync(seed.Url);
        Assert.Equal(seed.Title, page.Single("main h1").Clean());

        // Roles and briefs.
        var roles = seed.Maps("roles");
        var roleCards = page.All("section[aria-labelledby='roles-heading'] .card");
        Assert.Equal(roles.Select(r => EnglishRole((string)r["role"])), roleCards.Select(c => c.QuerySelector("h3")!.Clean()));
        Assert.Equal(roles.Select(r => (string)r["brief"]), roleCards.Select(c => c.QuerySelector("p")!.Clean()));
        Assert.Contains("Customer", roleCards.Select(c => c.QuerySelector("h3")!.Clean())); // not a known role: shown as written

        // Steps with minutes (and when each starts).
        var steps = seed.Maps("steps");
        var items = page.All("section[aria-labelledby='steps-heading'] li");
        Assert.Equal(steps.Count, items.Count);
        var elapsed = 0;
        foreach (var (li, step) in items.Zip(steps))
        {
            var minutes = int.Parse((string)step["minutes"]);
            Assert.Equal((string)step["title"], li.QuerySelector(".fw-semibold")!.Clean());
            Assert.Equal((string)step["description"], li.QuerySelector("span.small")!.Clean());
            var badge = li.QuerySelector(".badge")!;
            Assert.Equal($"{minutes} min", badge.Clean());
            Assert.Equal(elapsed, Number(badge.GetAttribute("title")!));
            elapsed += minutes;
        }
        Assert.True(elapsed <= int.Parse(seed.Text("durationMinutes")));

        // Rubric: criterion, weight, anchors 1..5; weights total 100.
        var rubric = seed.Maps("rubric");
        var rows = page.All("section[aria-labelledby='rubric-heading'] tbody tr");
        Assert.Equal(rubric.Count, rows.Count);
        var total = 0;
        foreach (var (row, criterion) in rows.Zip(rubric))
        {
            Assert.Equal((string)criterion["criterion"], row.QuerySelector("th")!.Clean());
            var cells = row.QuerySelectorAll("td").Texts();
            Assert.Equal($"{criterion["weight"]}%", cells[0]);
            total += Number(cells[0]);
            var anchors = ((Dictionary<object, object>)criterion["anchors"]).ToDictionary(p => int.Parse((string)p.Key), p => (string)p.Value);
            Assert.Equal(Enumerable.Range(1, 5).Select(s => anchors.GetValueOrDefault(s, "")), cells.Skip(1));
        }
        Assert.Equal(100, total);
        Assert.Equal(100, rubric.Sum(r => int.Parse((string)r["weight"])));

        // The scenario is Markdown (three paragraphs, the last one emphasised).
        var scenario = page.Single("section[aria-labelledby='scenario-heading'] .sa-body");
        Assert.Equal(3, scenario.QuerySelectorAll("p").Length);
        Assert.NotNull(scenario.QuerySelector("p em"));
        Assert.Equal(seed.List("objectives"), page.All("main aside ul li").Texts());
    }

    // ---------------------------------------------------------------- not found

    [Theory]
    [InlineData("/cases/no-such-case")]
    [InlineData("/playbooks/no-such-playbook")]
    [InlineData("/drills/no-such-drill")]
    [InlineData("/drills/huawei-iron-triangle")] // a case's slug under the wrong type
    [InlineData("/no-such-page")]
    public async Task Unknown_pages_answer_404_with_the_friendly_not_found_page(string url)
    {
        using var client = Client();
        var page = await client.GetPageAsync(url, "en", HttpStatusCode.NotFound);

        Assert.StartsWith("text/html", page.Response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Page not found", page.Single("main h1").Clean());
        Assert.Contains("/", page.Single("main").Hrefs());
        Assert.Contains("/cases", page.Single("main").Hrefs());
        Assert.NotNull(page.One("header nav a.navbar-brand[href='/']"));
    }

    // ---------------------------------------------------------------- language and page structure

    [Fact]
    public async Task English_readers_get_the_English_UI()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases/huawei-iron-triangle", "en");

        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["Cases", "Playbooks", "Drills", "Quizzes", "Search"], page.All("header nav .navbar-nav.me-auto a.nav-link").Texts());
        Assert.Equal(["Sign in"], page.All("header nav .navbar-nav.me-2 a.nav-link").Texts()); // an anonymous reader
        Assert.Equal("Skip to content", page.Single("a.skip-link").Clean());
        Assert.Equal("true", page.One("nav a[hreflang='en']")?.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData(null, "zh-CN")]          // the default language
    [InlineData("en-US", "en")]
    [InlineData("fr-FR", "zh-CN")]       // unsupported: the default
    public async Task The_html_lang_follows_Accept_Language(string? acceptLanguage, string expected)
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases", acceptLanguage);
        Assert.Equal(expected, page.Document.DocumentElement.GetAttribute("lang"));
        var current = page.All("nav a[href^='/culture?'][aria-current='true']");
        Assert.Equal(expected, Assert.Single(current).GetAttribute("hreflang"));
    }

    [Fact]
    public async Task Chinese_readers_see_tag_labels_and_outcomes_in_Chinese()
    {
        using var client = Client();
        var page = await client.GetPageAsync("/cases", "zh-CN");
        Assert.Equal("zh-CN", page.Document.DocumentElement.GetAttribute("lang"));
        var outcomes = page.All("select#filter-outcome option[value='won']").Texts();
        Assert.StartsWith("赢单", Assert.Single(outcomes));
        Assert.Contains(Term("iron-triangle").Chinese, page.All("main article .sa-tag").Texts());
    }

    public static TheoryData<string, string> EveryPage()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "en", "zh-CN" })
        {
            foreach (var url in new[] { "/", "/cases", "/playbooks", "/drills", "/cases?outcome=lost", "/no-such-page" })
                data.Add(url, language);
            foreach (var item in LibraryItems) data.Add(item.Url, language);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPage))]
    public async Task Every_page_has_a_lang_a_main_landmark_a_skip_link_and_one_h1(string url, string language)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var localized = await client.SendAsync(request);
        Assert.True(localized.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {(int)localized.StatusCode}");
        var document = PortalHtml.Parse(await localized.Content.ReadAsStringAsync());

        Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
        var main = document.QuerySelectorAll("main");
        Assert.Equal("main", Assert.Single(main).Id);
        var skip = document.Body!.FirstElementChild;
        Assert.True(skip is { LocalName: "a" } && skip.GetAttribute("href") == "#main", $"{url}: the first element of <body> must be the skip link to #main");
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(document.Title), $"{url}: no <title>");
        Assert.All(document.QuerySelectorAll("[id]").GroupBy(e => e.Id), g => Assert.True(g.Count() == 1, $"{url}: duplicate id '{g.Key}'"));
    }
}

public sealed class LibraryPagesTests_Sqlite(SqlitePortal portal) : LibraryPagesTests(portal), IClassFixture<SqlitePortal>;

public sealed class LibraryPagesTests_Postgres(PostgresPortal portal) : LibraryPagesTests(portal), IClassFixture<PostgresPortal>;
