using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// The question bank on a portal with the seed content: the seed itself, the trainers' pages and who is refused, GIFT import
/// through the page and the API, the questions API, the content API's silence about questions, and studio round trips.
/// </summary>
public abstract class QuestionBankTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;
    private readonly QuizzesPeople people = new(portal.Factory);

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public async Task In_Chinese_the_import_says_its_warnings_in_Chinese_and_shows_them_only_once_something_was_imported()
    {
        var email = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using var trainer = await TestUsers.SignedInAsync(Factory, email, TestUsers.Password, "zh-CN");
        var suffix = QuizWorld.Suffix();
        // No general feedback (####…): a warning, on line 1, for the field "explanation".
        var gift = $"::重复 {suffix}::谁负责客户关系 {suffix}？{{=客户经理 ~交付经理}}\n";
        var first = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = gift });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var report = Parse(await (await trainer.GetAsync(first.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());
        var warning = Assert.Single(report.QuerySelectorAll("#import-warnings li"));
        Assert.Equal("1", warning.GetAttribute("data-line"));
        Assert.Equal("explanation", warning.QuerySelector("code")!.TextContent);
        Assert.Contains("没有总体反馈（####…）", warning.TextContent);
        Assert.DoesNotContain("general feedback", report.Body!.TextContent);
        Assert.Contains("已导入 1 道题", report.QuerySelector("#import-counts")!.TextContent);

        // The same question plus two new ones: the page asks first; no "imported with warnings" box while nothing was imported.
        var again = gift + $"\n::新题甲 {suffix}::每周一起复盘商机 {suffix}。{{T}}\n\n::新题乙 {suffix}::交付只在签约后介入 {suffix}。{{F}}\n";
        var asked = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = again });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = Parse(await asked.Content.ReadAsStringAsync());
        Assert.Single(page.QuerySelectorAll("#import-duplicates li"));
        Assert.Null(page.QuerySelector("#import-warnings-box"));
        Assert.Empty(page.QuerySelectorAll("#import-warnings li"));
        Assert.Null(page.QuerySelector("#import-counts"));
        Assert.Contains("有 2 道题尚不在题库中", page.QuerySelector("#import-new")!.TextContent);
    }

    private async Task<IHtmlDocument> PageAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return Parse(html);
    }

    private async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<ContentItem?> LatestAsync(string id) => WithServicesAsync(s => s.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest));

    private Task<IReadOnlyList<QuestionRow>> BankAsync(QuestionFilter? filter = null) =>
        WithServicesAsync(s => s.GetRequiredService<QuestionBank>().ListAsync(filter ?? new QuestionFilter()));

    [Fact]
    public async Task The_seed_has_at_least_30_valid_questions_of_every_kind_and_3_quizzes_all_imported()
    {
        var folder = await WithServicesAsync(s => Task.FromResult(s.GetRequiredService<ContentFolderReader>().Read(TestPaths.SeedContent)));
        Assert.Empty(folder.AllErrors);
        var files = folder.Files.Where(f => f.Item?.ContentType == QuizzesModule.QuestionType).ToList();
        Assert.True(files.Count >= 30, $"only {files.Count} seed questions");

        var seedIds = files.Select(f => f.Item!.ContentItemId).ToHashSet();
        var bank = (await BankAsync(new QuestionFilter(Status: "published"))).Where(r => seedIds.Contains(r.Item.ContentItemId)).ToList();
        Assert.Equal(seedIds.Count, bank.Count); // every seed question was imported at start and published
        Assert.Equal(QuestionKinds.All.Order(), bank.Select(r => r.Part.Kind).Distinct().Order());
        Assert.Contains(bank, r => r.Item.Culture == "en");
        Assert.True(bank.Count(r => r.Item.Culture == "zh-CN") > bank.Count / 2);
        Assert.All(bank, r => Assert.False(string.IsNullOrEmpty(r.Part.Source), $"{r.Item.ContentItemId} has no source"));
        Assert.Contains(bank, r => r.Part.SourceSection == "deliver-success" && r.Part.Source == "playbook-collaborative-sales-process");
        Assert.All(bank, r => Assert.NotEmpty(r.Item.As<TagsPart>().Tags));

        var quizzes = folder.Files.Where(f => f.Item?.ContentType == QuizzesModule.QuizType).Select(f => f.Item!.As<QuizPart>()).ToList();
        Assert.Equal(3, quizzes.Count);
        Assert.Contains(quizzes, q => q.Draw is { Count: 5 });
        Assert.All(quizzes.SelectMany(q => q.Questions), id => Assert.Contains(bank, r => r.Item.ContentItemId == id));
    }

    [Fact]
    public async Task Question_pages_are_for_trainers_only_and_show_answers_explanation_and_source()
    {
        var urls = new[] { "/questions", "/questions/huawei-fr-role", "/questions/import", "/questions?kind=ordering" };
        using var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var url in urls)
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login"), $"{url} as anonymous: {response.StatusCode}");
        }
        foreach (var role in new[] { PortalRoles.Rep, PortalRoles.TeamLead })
        {
            using var browser = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, role));
            foreach (var url in urls) Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);
        }

        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var list = await PageAsync(trainer, "/questions");
        Assert.NotNull(list.QuerySelector("#attention-heading"));
        Assert.NotNull(list.QuerySelector("a[href='/questions/import']"));
        var bySource = await PageAsync(trainer, "/questions?source=case-huawei-iron-triangle"); // page 1 of all may be filled by other tests' imports
        Assert.Equal(5, bySource.QuerySelectorAll("#questions tr[data-question]").Length);
        var fr = bySource.QuerySelector("tr[data-question='question-huawei-fr-role']")!;
        Assert.NotNull(fr.QuerySelector("a[href='/questions/huawei-fr-role']"));
        Assert.Equal("single", fr.QuerySelector("[data-kind]")!.GetAttribute("data-kind"));
        Assert.NotNull(fr.QuerySelector("a[href='/cases/huawei-iron-triangle']"));
        Assert.NotNull(fr.QuerySelector("a[href='/studio/edit/question-huawei-fr-role']"));

        var ordering = await PageAsync(trainer, "/questions?kind=ordering");
        var kinds = ordering.QuerySelectorAll("#questions [data-kind]").Select(e => e.GetAttribute("data-kind")).ToList();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.Equal("ordering", k));
        var searched = await PageAsync(trainer, "/questions?q=" + Uri.EscapeDataString("Positions and"));
        Assert.Equal(["question-positions-and-interests"], searched.QuerySelectorAll("#questions tr[data-question]").Select(e => e.GetAttribute("data-question")));

        var page = await PageAsync(trainer, "/questions/huawei-fr-role");
        Assert.Equal("交付经理", page.QuerySelector("#answers [data-correct='true']")!.TextContent.Replace("✓", "").Replace("Right answer:", "").Trim());
        Assert.Equal(3, page.QuerySelectorAll("#answers [data-correct='false']").Length);
        Assert.Contains("FR 是交付经理", page.QuerySelector("#explanation")!.TextContent);
        Assert.Equal("/cases/huawei-iron-triangle", page.QuerySelector("#source a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("a[href='/studio/history/question-huawei-fr-role']"));
        Assert.Contains("FR", page.QuerySelector("#stem strong")!.TextContent);

        var stage = await PageAsync(trainer, "/questions/csp-deliver-accountable");
        Assert.Equal("/playbooks/collaborative-sales-process#stage-deliver-success", stage.QuerySelector("#source a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync("/questions/no-such-question")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync("/questions/huawei-iron-triangle")).StatusCode); // a case's slug
    }

    [Fact]
    public async Task Gift_import_through_the_page_imports_the_good_questions_as_drafts_and_reports_the_bad_ones_by_line()
    {
        var email = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using var trainer = await TestUsers.SignedInAsync(Factory, email);
        var head = await WithServicesAsync(s => s.GetRequiredService<ContentChangeLog>().HeadAsync());

        // Other tests import the same files: import them again whatever the bank holds (duplicates are tested on their own).
        var response = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = GiftParserTests.BadFile, ["Tags"] = "crm", ["Duplicates"] = "Import" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // post/redirect/get: the report is shown on the GET
        response = await trainer.GetAsync(response.Headers.Location!.OriginalString);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var page = Parse(html);
        var imported = page.QuerySelectorAll("#imported li").Select(li => li.GetAttribute("data-id")!).ToList();
        Assert.Equal(2, imported.Count);
        Assert.Equal(["1", "5", "7", "9", "11", "14", "16", "20", "22", "24"], page.QuerySelectorAll("#import-errors li").Select(li => li.GetAttribute("data-line")));
        Assert.Contains("matching", page.QuerySelector("#import-errors li[data-line='1']")!.TextContent);

        var changes = await WithServicesAsync(s => s.GetRequiredService<ContentChangeLog>().ReadAfterAsync(head, 10_000));
        foreach (var id in imported)
        {
            var item = (await LatestAsync(id))!;
            Assert.Equal(QuizzesModule.QuestionType, item.ContentType);
            Assert.False(item.Published); // drafts by default
            Assert.Equal(email, item.Owner);
            Assert.Equal(["crm"], item.As<TagsPart>().Tags);
            Assert.Contains(changes, c => c.ContentItemId == id); // written through ContentManager: in the change log
            Assert.NotNull(page.QuerySelector($"#imported a[href='/questions/{item.Slug}']"));
            Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync($"/questions/{item.Slug}")).StatusCode);
        }

        // Published on request; $CATEGORY names a tag.
        response = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = GiftParserTests.GoodFile, ["Publish"] = "true", ["Duplicates"] = "Import" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        page = Parse(await (await trainer.GetAsync(response.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelectorAll("#import-errors li"));
        var good = page.QuerySelectorAll("#imported li").Select(li => li.GetAttribute("data-id")!).ToList();
        Assert.Equal(7, good.Count);
        var first = (await LatestAsync(good[0]))!;
        Assert.True(first.Published);
        Assert.Equal(["iron-triangle"], first.As<TagsPart>().Tags);
        Assert.Equal("zh-CN", first.Culture);
        Assert.Empty((await LatestAsync(good[6]))!.As<TagsPart>().Tags); // after "$CATEGORY: …/Not a tag"
        Assert.Contains(page.QuerySelectorAll("#import-warnings li"), li => li.TextContent.Contains("Not a tag"));
    }

    [Fact]
    public async Task Gift_import_page_redirects_after_importing_and_asks_before_importing_questions_already_in_the_bank()
    {
        var email = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using var trainer = await TestUsers.SignedInAsync(Factory, email);
        var suffix = QuizWorld.Suffix();
        var gift = $"::Dup A {suffix}::Who owns the account {suffix}?{{=the account manager ~delivery}}\n\n::Dup B {suffix}::The triangle meets weekly {suffix}.{{T}}\n";
        var before = (await BankAsync()).Count;

        var first = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = gift });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var report = Parse(await (await trainer.GetAsync(first.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());
        var imported = report.QuerySelectorAll("#imported li").Select(li => li.GetAttribute("data-id")!).ToList();
        Assert.Equal(2, imported.Count);
        Assert.Equal(before + 2, (await BankAsync()).Count);
        // A reload of the report page imports nothing (and the report was shown once).
        Assert.Empty(Parse(await (await trainer.GetAsync("/questions/import")).Content.ReadAsStringAsync()).QuerySelectorAll("#imported li"));
        Assert.Equal(before + 2, (await BankAsync()).Count);

        // The same text again plus one new question: nothing is imported, the two already in the bank are listed.
        var again = gift + $"\n::New C {suffix}::Deals are reviewed together {suffix}.{{T}}\n";
        var asked = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = again });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = Parse(await asked.Content.ReadAsStringAsync());
        var listed = page.QuerySelectorAll("#import-duplicates li").ToList();
        Assert.Equal(2, listed.Count);
        Assert.Contains($"Dup A {suffix}", listed[0].TextContent);
        Assert.Equal($"/questions/q-{imported[0]}", listed[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(before + 2, (await BankAsync()).Count);
        Assert.Equal(again, page.QuerySelector("#import-duplicates input[name='Gift']")!.GetAttribute("value")); // nothing lost
        Assert.Equal(["Skip", "Import"], page.QuerySelectorAll("#import-duplicates button[name='Duplicates']").Select(b => b.GetAttribute("value")!));
        // It says how many "skip the duplicates" would import (in the singular for one), and reports no import yet.
        Assert.Contains("1 question is not in the bank yet", page.QuerySelector("#import-new")!.TextContent);
        Assert.Null(page.QuerySelector("#import-counts"));

        // "Skip the duplicates": only the new one.
        var skipped = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = again, ["Duplicates"] = "Skip" });
        Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
        report = Parse(await (await trainer.GetAsync(skipped.Headers.Location!.OriginalString)).Content.ReadAsStringAsync());
        Assert.Single(report.QuerySelectorAll("#imported li"));
        Assert.Contains($"New C {suffix}", report.QuerySelector("#imported li")!.TextContent);
        Assert.Equal(2, report.QuerySelectorAll("#import-duplicates li").Length);
        Assert.Equal(before + 3, (await BankAsync()).Count);

        // "Import anyway": copies on purpose.
        var anyway = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = gift, ["Duplicates"] = "Import" });
        Assert.Equal(HttpStatusCode.Redirect, anyway.StatusCode);
        Assert.Equal(before + 5, (await BankAsync()).Count);
    }

    [Fact]
    public async Task Gift_import_page_refuses_a_png_upload_saying_it_is_not_text_and_keeps_nothing()
    {
        var email = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using var trainer = await TestUsers.SignedInAsync(Factory, email);
        var before = (await BankAsync()).Count;
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, .. Encoding.UTF8.GetBytes("\nQ?{T}\n")];
        Assert.False(GiftImporter.LooksLikeText(Encoding.UTF8.GetString(png)));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await trainer.AntiforgeryTokenAsync("/questions/import")), "__RequestVerificationToken" },
            { new ByteArrayContent(png), "Upload", "questions.gift" },
        };
        var response = await trainer.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/questions/import") { Content = form });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // nothing imported: no redirect, the message is on the page
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("this is not a text file", page.QuerySelector("#import-errors")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("#imported li"));
        Assert.Equal(before, (await BankAsync()).Count);
    }

    [Fact]
    public async Task A_file_that_is_not_text_is_refused_with_a_message_and_imports_nothing()
    {
        var (_, trainer) = await people.WithTokenAsync(PortalRoles.Trainer);
        var before = (await BankAsync()).Count;
        // A PNG's signature and header, then a GIFT question: the bytes decide, not what is sent as text/plain.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, .. Encoding.UTF8.GetBytes("\nQ?{T}\n")];
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new("text/plain");
        var json = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, "/api/v1/questions/import/gift", content), HttpStatusCode.OK);
        Assert.Empty(json["imported"]!.AsArray());
        Assert.Contains("not a text file", (string)json["errors"]![0]!["message"]!);
        Assert.Equal(before, (await BankAsync()).Count);
        Assert.True(GiftImporter.LooksLikeText("题目？{T}\r\n\tQ?{=a ~b}\f"));
    }

    [Fact]
    public async Task Gift_import_page_refuses_reps_and_posts_without_antiforgery_and_unknown_tags()
    {
        var before = (await BankAsync()).Count;
        using var rep = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        var repToken = await rep.AntiforgeryTokenAsync("/account/profile");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.PostAsync("/questions/import",
            new Dictionary<string, string> { ["__RequestVerificationToken"] = repToken, ["Gift"] = "Q?{T}" })).StatusCode);

        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        Assert.Equal(HttpStatusCode.BadRequest, (await trainer.PostAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = "Q?{T}" })).StatusCode);

        var refused = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = "Q?{T}", ["Tags"] = "no-such-tag" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no-such-tag", Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#errors")!.TextContent);
        var empty = await trainer.SubmitAsync("/questions/import", new Dictionary<string, string> { ["Gift"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(before, (await BankAsync()).Count);
    }

    [Fact]
    public async Task Questions_api_lists_and_reads_questions_with_answers_for_trainers_and_nothing_for_reps()
    {
        var (_, rep) = await people.WithTokenAsync(PortalRoles.Rep);
        var (_, trainer) = await people.WithTokenAsync(PortalRoles.Trainer);

        foreach (var url in new[] { "/api/v1/questions", "/api/v1/questions/question-huawei-fr-role", "/api/v1/content/question-huawei-fr-role",
                     "/api/v1/content/question-huawei-fr-role?version=latest", "/api/v1/content/question-huawei-fr-role/versions" })
            Assert.Equal(HttpStatusCode.NotFound, (await people.SendAsync(rep, HttpMethod.Get, url)).StatusCode);
        var repContent = await JsonAsync(await people.SendAsync(rep, HttpMethod.Get, "/api/v1/content?type=Question&status=all"), HttpStatusCode.OK);
        Assert.Equal(0, (int)repContent["total"]!);
        var repAll = await JsonAsync(await people.SendAsync(rep, HttpMethod.Get, "/api/v1/content?pageSize=100"), HttpStatusCode.OK);
        Assert.DoesNotContain(repAll["items"]!.AsArray(), i => (string)i!["type"]! == "Question");
        Assert.Equal(HttpStatusCode.OK, (await people.SendAsync(trainer, HttpMethod.Get, "/api/v1/content/question-huawei-fr-role")).StatusCode);

        var ordering = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Get, "/api/v1/questions?kind=ordering&pageSize=100"), HttpStatusCode.OK);
        Assert.True((int)ordering["total"]! >= 4); // the seed has four
        Assert.All(ordering["items"]!.AsArray(), i => Assert.Equal("ordering", (string)i!["kind"]!));
        var bySource = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Get, "/api/v1/questions?source=case-huawei-iron-triangle&status=published&pageSize=2&page=2"), HttpStatusCode.OK);
        Assert.Equal((5, 2, 2), ((int)bySource["total"]!, (int)bySource["page"]!, bySource["items"]!.AsArray().Count));
        Assert.All(bySource["items"]!.AsArray(), i => Assert.Equal(("case-huawei-iron-triangle", "published"), ((string)i!["source"]!, (string)i["status"]!)));
        var tagged = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Get, "/api/v1/questions?tag=subjective-evaluation&pageSize=100"), HttpStatusCode.OK);
        Assert.All(tagged["items"]!.AsArray(), i => Assert.Contains("subjective-evaluation", i!["tags"]!.AsArray().Select(t => (string)t!)));
        var bad = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Get, "/api/v1/questions?kind=essay&status=maybe&pageSize=500"), HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "pageSize", "status"], bad.ErrorFields().Order());

        var detail = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Get, "/api/v1/questions/question-huawei-fr-role"), HttpStatusCode.OK);
        Assert.Equal("single", (string)detail["question"]!["kind"]!);
        var choices = detail["fields"]!["choices"]!.AsArray();
        Assert.Equal("交付经理", (string)choices.Single(c => (bool?)c!["correct"] == true)!["text"]!);
        Assert.Contains("FR", (string)detail["body"]!);
        Assert.False(string.IsNullOrEmpty((string?)detail["fields"]!["explanation"]));
        Assert.Equal(HttpStatusCode.NotFound, (await people.SendAsync(trainer, HttpMethod.Get, "/api/v1/questions/case-huawei-iron-triangle")).StatusCode);
    }

    [Fact]
    public async Task Gift_import_api_takes_json_or_plain_text_and_answers_with_ids_and_lines()
    {
        var (_, rep) = await people.WithTokenAsync(PortalRoles.Rep);
        var (trainerEmail, trainer) = await people.WithTokenAsync(PortalRoles.Trainer);
        const string url = "/api/v1/questions/import/gift";
        var before = (await BankAsync()).Count;

        Assert.Equal(HttpStatusCode.NotFound, (await people.SendAsync(rep, HttpMethod.Post, url, JsonContent.Create(new { gift = "Q?{T}" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await people.SendAsync(null, HttpMethod.Post, url, JsonContent.Create(new { gift = "Q?{T}" }))).StatusCode);
        Assert.Equal(before, (await BankAsync()).Count);

        var json = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, url,
            JsonContent.Create(new { gift = GiftParserTests.BadFile, tags = new[] { "crm", "feedback" }, publish = true, duplicates = "import" })), HttpStatusCode.OK);
        var ids = json["imported"]!.AsArray().Select(i => (string)i!).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal([3, 18], json["questions"]!.AsArray().Select(q => (int)q!["line"]!));
        Assert.Equal([1, 5, 7, 9, 11, 14, 16, 20, 22, 24], json["errors"]!.AsArray().Select(e => (int)e!["line"]!));
        Assert.All(json["errors"]!.AsArray(), e => Assert.False(string.IsNullOrEmpty((string?)e!["message"])));
        foreach (var id in ids)
        {
            var item = (await LatestAsync(id))!;
            Assert.True(item.Published);
            Assert.Equal(["crm", "feedback"], item.As<TagsPart>().Tags);
            Assert.Equal(trainerEmail, item.Owner);
        }

        // Other tests import the same files: import them again whatever the bank holds (duplicates are tested on their own).
        var text = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, url + "?tags=crm&duplicates=import",
            new StringContent(GiftParserTests.GoodFile, Encoding.UTF8, "text/plain")), HttpStatusCode.OK);
        var textIds = text["imported"]!.AsArray().Select(i => (string)i!).ToList();
        Assert.Equal(7, textIds.Count);
        Assert.Empty(text["errors"]!.AsArray());
        Assert.Contains(text["warnings"]!.AsArray(), w => (int)w!["line"]! == 21 && (string)w["field"]! == "explanation");
        var draft = (await LatestAsync(textIds[0]))!;
        Assert.False(draft.Published);
        Assert.Equal(["crm", "iron-triangle"], draft.As<TagsPart>().Tags);

        var unknownTag = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, url, JsonContent.Create(new { gift = "Q?{T}", tags = new[] { "no-such-tag" } })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("tags[0]", unknownTag.ErrorFields()[0]);
        var missing = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, url, JsonContent.Create(new { tags = new[] { "crm" } })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("gift", missing.ErrorFields()[0]);
        Assert.Equal(before + 9, (await BankAsync()).Count);
    }

    [Fact]
    public async Task Gift_import_api_answers_409_listing_questions_already_in_the_bank_unless_told_to_skip_or_import_them()
    {
        var (_, trainer) = await people.WithTokenAsync(PortalRoles.Trainer);
        const string url = "/api/v1/questions/import/gift";
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var gift = $"::Api dup A {suffix}::The triangle meets weekly {suffix}.{{T}}\n\n::Api dup B {suffix}::Who owns delivery {suffix}?{{=Delivery manager ~Account manager}}\n";
        var before = (await BankAsync()).Count;

        var first = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, url, JsonContent.Create(new { gift })), HttpStatusCode.OK);
        var firstIds = first["imported"]!.AsArray().Select(i => (string)i!).ToList();
        Assert.Equal(2, firstIds.Count);
        Assert.Empty(first["duplicates"]!.AsArray());

        // The same text again with one new question: 409, the two repeats listed with the questions they repeat, nothing imported.
        var again = gift + $"\n::Api new C {suffix}::Deals are reviewed together {suffix}.{{T}}\n";
        var conflict = await people.SendAsync(trainer, HttpMethod.Post, url, JsonContent.Create(new { gift = again }));
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(conflict, HttpStatusCode.Conflict);
        Assert.Equal(409, (int)problem["status"]!);
        var listed = problem["duplicates"]!.AsArray();
        Assert.Equal([1, 3], listed.Select(d => (int)d!["line"]!));
        Assert.Equal(firstIds, listed.Select(d => (string)d!["existingId"]!));
        Assert.Equal($"Api dup A {suffix}", (string)listed[0]!["title"]!);
        Assert.Contains("duplicates=skip", (string)problem["detail"]!);
        Assert.Equal(before + 2, (await BankAsync()).Count);

        // Plain text with ?duplicates=skip: only the new one, the skipped listed.
        var skipped = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, url + "?duplicates=skip",
            new StringContent(again, Encoding.UTF8, "text/plain")), HttpStatusCode.OK);
        Assert.Single(skipped["imported"]!.AsArray());
        Assert.Equal($"Api new C {suffix}", (string)skipped["questions"]![0]!["title"]!);
        Assert.Equal(2, skipped["duplicates"]!.AsArray().Count);
        Assert.Equal(before + 3, (await BankAsync()).Count);

        // duplicates=import in the JSON: copies on purpose; an unknown choice names the field.
        var anyway = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, url, JsonContent.Create(new { gift, duplicates = "import" })), HttpStatusCode.OK);
        Assert.Equal(2, anyway["imported"]!.AsArray().Count);
        Assert.Equal(before + 5, (await BankAsync()).Count);
        var bad = await JsonAsync(await people.SendAsync(trainer, HttpMethod.Post, url, JsonContent.Create(new { gift, duplicates = "maybe" })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["duplicates"], bad.ErrorFields());
        Assert.Equal(before + 5, (await BankAsync()).Count);
    }

    [Fact]
    public async Task A_question_saved_from_the_studio_round_trips_every_field()
    {
        var email = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using var session = await FormSession.SignInAsync(Factory, email);
        var slug = "q-round-trip-" + Guid.NewGuid().ToString("N")[..8];
        var form = FormSession.Fields((IHtmlFormElement)(await session.PageAsync("/studio/edit?type=Question")).QuerySelector("form#editor")!)
            .Where(f => f.Key is "__RequestVerificationToken" or "Type").ToList();
        form.AddRange(Pairs(
            ("f.title", "Commit only after the joint review"), ("f.slug", slug), ("f.culture", "en"), ("f.summary", "A round trip."),
            ("f.tags[]", "iron-triangle"), ("f.tags[]", "crm"), ("f.verifyEveryDays", "120"),
            ("f.kind", "multiple"), ("f.points", "2.5"), ("f.source", "playbook-collaborative-sales-process"), ("f.sourceSection", "bid-negotiate"),
            ("f.choices[0].text", "Align with the triangle first"), ("f.choices[0].correct", "true"), ("f.choices[0].feedback", "Yes: the joint review."),
            ("f.choices[1].text", "Promise the date now"), ("f.choices[1].feedback", "That is how the deal was lost."),
            ("f.choices[2].text", "Ask delivery for a written opinion"), ("f.choices[2].correct", "true"),
            ("f.choices[3].text", ""), ("f.choices[3].feedback", ""),
            ("f.answer", "false"), ("f.items:lines", "first\nsecond"), ("f.accepted:lines", "joint review\njoint deal review"),
            ("f.keywords.all:lines", "review"), ("f.keywords.any:lines", "joint\ntogether"), ("f.keywords.minAny", "1"),
            ("f.caseSensitive", "true"), ("f.manualWhenUndecided", "true"), ("f.explanation", "Because **every** commitment is reviewed."),
            ("Body", "What do you do *before* promising a date?")));
        var saved = await session.PostAsync("/studio/edit?type=Question&handler=Save", form);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var id = saved.Headers.Location!.OriginalString.Split('/', '?')[3];

        var first = (await LatestAsync(id))!;
        var q = first.As<QuestionPart>();
        Assert.Equal((QuestionKinds.Multiple, 2.5, "playbook-collaborative-sales-process", "bid-negotiate"), (q.Kind, q.Points, q.Source, q.SourceSection));
        Assert.Equal(["Align with the triangle first", "Promise the date now", "Ask delivery for a written opinion"], q.Choices.Select(c => c.Text));
        Assert.Equal([true, false, true], q.Choices.Select(c => c.Correct));
        Assert.Equal(["Yes: the joint review.", "That is how the deal was lost.", null], q.Choices.Select(c => c.Feedback));
        Assert.Equal((false, true, true), (q.Answer!.Value, q.CaseSensitive, q.ManualWhenUndecided));
        Assert.Equal(["first", "second"], q.Items);
        Assert.Equal(["joint review", "joint deal review"], q.Accepted);
        Assert.Equal(["review"], q.Keywords!.All);
        Assert.Equal(["joint", "together"], q.Keywords.Any);
        Assert.Equal(1, q.Keywords.MinAny);
        Assert.Equal("Because **every** commitment is reviewed.", q.Explanation);
        Assert.Equal(["iron-triangle", "crm"], first.As<TagsPart>().Tags);
        Assert.Equal(("en", "What do you do *before* promising a date?", 120), (first.Culture, first.As<MarkdownBodyPart>().Markdown, first.As<OwnershipPart>().VerifyEveryDays));

        await AssertEditorRoundTripAsync(session, first);
    }

    [Fact]
    public async Task Quizzes_saved_from_the_studio_round_trip_every_field()
    {
        using var session = await FormSession.SignInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var token = FormSession.Fields((IHtmlFormElement)(await session.PageAsync("/studio/edit?type=Quiz")).QuerySelector("form#editor")!)
            .Where(f => f.Key is "__RequestVerificationToken" or "Type").ToList();

        var fixedList = token.Concat(Pairs(
            ("f.title", "铁三角复习"), ("f.slug", "quiz-rt-" + Guid.NewGuid().ToString("N")[..8]), ("f.culture", "zh-CN"), ("f.tags[]", "iron-triangle"),
            ("f.questions[0]", "question-csp-stage-order"), ("f.questions[1]", "question-huawei-fr-role"), ("f.questions[2]", ""),
            ("f.timeLimitMinutes", "20"), ("f.passMark", "75.5"), ("f.attemptsAllowed", "2"), ("f.shuffle", "true"), ("f.feedback", "afterClose"),
            ("f.opensUtc", "2026-09-01T09:00"), ("f.closesUtc", "2026-09-30T18:30"), ("Body", "复习题。"))).ToList();
        var saved = await session.PostAsync("/studio/edit?type=Quiz&handler=Save", fixedList);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var quiz = (await LatestAsync(saved.Headers.Location!.OriginalString.Split('/', '?')[3]))!;
        var part = quiz.As<QuizPart>();
        Assert.Equal(["question-csp-stage-order", "question-huawei-fr-role"], part.Questions);
        Assert.Null(part.Draw);
        Assert.Equal((20, 75.5, 2, true, FeedbackTimings.AfterClose), (part.TimeLimitMinutes!.Value, part.PassMark, part.AttemptsAllowed, part.Shuffle, part.Feedback));
        Assert.Equal((new DateTime(2026, 9, 1, 9, 0, 0), new DateTime(2026, 9, 30, 18, 30, 0)), (part.OpensUtc!.Value, part.ClosesUtc!.Value));
        await AssertEditorRoundTripAsync(session, quiz);

        var draw = token.Concat(Pairs(
            ("f.title", "随机五题"), ("f.slug", "quiz-rt-" + Guid.NewGuid().ToString("N")[..8]), ("f.culture", "zh-CN"),
            ("f.draw.count", "5"), ("f.draw.tags[]", "information-silos"), ("f.draw.tags[]", "crm"), ("f.passMark", "60"), ("f.feedback", "immediate"),
            ("Body", "随机练习。"))).ToList();
        saved = await session.PostAsync("/studio/edit?type=Quiz&handler=Save", draw);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var drawn = (await LatestAsync(saved.Headers.Location!.OriginalString.Split('/', '?')[3]))!;
        var drawPart = drawn.As<QuizPart>();
        Assert.Equal(5, drawPart.Draw!.Count);
        Assert.Equal(["information-silos", "crm"], drawPart.Draw.Tags);
        Assert.Empty(drawPart.Questions);
        Assert.Null(drawPart.TimeLimitMinutes);
        Assert.False(drawPart.Shuffle);
        Assert.Equal(0, drawPart.AttemptsAllowed);
        await AssertEditorRoundTripAsync(session, drawn);
    }

    /// <summary>Opens the item in the studio, submits the editor form exactly as rendered, and expects an identical next version.</summary>
    private async Task AssertEditorRoundTripAsync(FormSession session, ContentItem first)
    {
        var id = first.ContentItemId;
        var editor = (IHtmlFormElement)(await session.PageAsync($"/studio/edit/{id}")).QuerySelector("form#editor")!;
        var again = await session.PostAsync($"/studio/edit/{id}?handler=Save", FormSession.Fields(editor));
        Assert.True(again.StatusCode == HttpStatusCode.Redirect, await again.Content.ReadAsStringAsync());
        var second = (await LatestAsync(id))!;
        Assert.Equal(first.Number + 1, second.Number);
        Assert.Equal(JsonNode.Parse(first.Content)!.ToJsonString(), JsonNode.Parse(second.Content)!.ToJsonString());
        Assert.Equal((first.DisplayText, first.Slug, first.Culture), (second.DisplayText, second.Slug, second.Culture));
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(params (string Key, string Value)[] pairs) => pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value));

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}

public sealed class QuestionBankTests_Sqlite(SqlitePortal portal) : QuestionBankTests(portal), IClassFixture<SqlitePortal>;

public sealed class QuestionBankTests_Postgres(PostgresPortal portal) : QuestionBankTests(portal), IClassFixture<PostgresPortal>;
