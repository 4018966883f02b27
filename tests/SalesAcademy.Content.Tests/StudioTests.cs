using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Playbooks.Models;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>The trainers' studio: writing, previewing, publishing, conflicts, history, delete and restore.</summary>
public abstract class StudioTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    private static Dictionary<string, string> Case(string title, string slug, string company = "某城商行") => new()
    {
        ["f.title"] = title, ["f.slug"] = slug, ["f.culture"] = "zh-CN", ["f.summary"] = "A bank's core system renewal.",
        ["f.company"] = company, ["f.industry"] = "finance", ["f.dealSize"] = "large", ["f.outcome"] = "won",
        ["f.roles[]"] = "AccountManager", ["f.lessons:lines"] = "交付经理尽早参与\n\n每周同步一次", ["f.tags[]"] = "iron-triangle",
        ["f.verifyEveryDays"] = "180", ["Body"] = "## 背景\n\n某城商行的**核心系统**改造。",
    };

    private static string Slug() => "studio-" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<string> IdFromRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/studio/edit/", path);
        return await Task.FromResult(path["/studio/edit/".Length..].Split('?')[0]);
    }

    private async Task<string> CreateCaseAsync(Browser trainer, string title, string slug, bool publish = false) =>
        await IdFromRedirect(await trainer.SubmitAsync("/studio/edit?type=CaseStudy", Case(title, slug), handler: publish ? "Save&publish=true" : "Save"));

    private async Task<string> BasedOnAsync(Browser browser, string id)
    {
        var html = await (await browser.GetAsync($"/studio/edit/{id}")).Content.ReadAsStringAsync();
        return new HtmlParser().ParseDocument(html).QuerySelector("input[name='BasedOnVersionId']")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task A_trainer_writes_a_case_as_a_draft_previews_it_and_publishes_it_for_reps()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        using var rep = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        var slug = Slug();
        var id = await CreateCaseAsync(trainer, "城商行核心系统：铁三角协同", slug);

        // A draft: readers get 404 (even with the preview switch); its authors preview it as readers will see it.
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/cases/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/cases/{slug}?preview=latest")).StatusCode);
        var preview = await (await trainer.GetAsync($"/cases/{slug}?preview=latest")).Content.ReadAsStringAsync();
        Assert.Contains("Preview of version 1", preview);
        Assert.Contains("<strong>核心系统</strong>", preview);
        Assert.Contains("交付经理尽早参与", preview);

        var published = await trainer.SubmitAsync($"/studio/edit/{id}", new Dictionary<string, string> { ["BasedOnVersionId"] = await BasedOnAsync(trainer, id) }, handler: "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var page = await rep.GetAsync($"/cases/{slug}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("城商行核心系统：铁三角协同", await page.Content.ReadAsStringAsync());

        // The writes went through the content manager: the change log (what the caches and the search index follow)
        // has the draft, then its publication, both naming version 1.
        await using var scope = Factory.Services.CreateAsyncScope();
        var version = Assert.Single(await scope.ServiceProvider.GetRequiredService<ContentManager>().GetVersionsAsync(id));
        Assert.True(version.Published);
        var changes = await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Changes.AsNoTracking()
            .Where(c => c.ContentItemId == id).OrderBy(c => c.Sequence).ToListAsync();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal((ContentChangeKind.Updated, version.ContentItemVersionId, "CaseStudy"), (c.Kind, c.ContentItemVersionId, c.ContentType)));
    }

    [Fact]
    public async Task The_live_preview_renders_markdown_through_the_sanitised_pipeline()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var response = await trainer.SubmitAsync("/studio/edit?type=CaseStudy",
            new Dictionary<string, string> { ["Body"] = "**粗体** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>" },
            handler: "Preview&type=CaseStudy");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<strong>粗体</strong>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Invalid_fields_are_shown_by_name_and_everything_typed_is_kept()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var fields = Case("保留我输入的标题", Slug(), company: "");
        fields["f.tags[]"] = "no-such-tag";
        var response = await trainer.SubmitAsync("/studio/edit?type=CaseStudy", fields, handler: "Save");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var errors = document.QuerySelector("#errors")!.TextContent;
        Assert.Contains("Company: is required", errors); // the field's label, not its path
        Assert.Contains("unknown tag 'no-such-tag'", errors);
        Assert.Equal("保留我输入的标题", document.QuerySelector("#f-title")!.GetAttribute("value"));
        Assert.Contains("某城商行的**核心系统**改造", document.QuerySelector("#body")!.TextContent);
        Assert.Contains("每周同步一次", document.QuerySelector("#f-lessons")!.TextContent);
    }

    [Fact]
    public async Task A_conflicting_save_shows_what_the_other_trainer_changed_and_saves_nothing_until_asked()
    {
        var firstEmail = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer, "First Trainer");
        var secondEmail = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer, "Second Trainer");
        using var first = await TestUsers.SignedInAsync(Factory, firstEmail);
        using var second = await TestUsers.SignedInAsync(Factory, secondEmail);
        var slug = Slug();
        var id = await CreateCaseAsync(first, "冲突测试", slug);
        var start = await BasedOnAsync(second, id); // the second trainer opens the editor…

        var theirs = Case("冲突测试（第一位培训师的修改）", slug);
        theirs["BasedOnVersionId"] = await BasedOnAsync(first, id);
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync($"/studio/edit/{id}", theirs, handler: "Save")).StatusCode);

        var mine = Case("冲突测试（第二位的修改）", slug);
        mine["BasedOnVersionId"] = start; // …and saves from the version they started with
        var conflict = await second.SubmitAsync($"/studio/edit/{id}", mine, handler: "Save");
        var html = await conflict.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Contains("were NOT saved", document.QuerySelector("#conflict")!.TextContent);
        Assert.Contains("第一位培训师的修改", document.QuerySelector("#conflict .sa-diff-changed .sa-diff-right")!.TextContent);
        Assert.Equal("冲突测试（第二位的修改）", document.QuerySelector("#f-title")!.GetAttribute("value"));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // Nothing of the second trainer's was stored, and the warning names who saved which version when.
            var versions = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetVersionsAsync(id)).OrderBy(v => v.Number).ToList();
            Assert.Equal([(1, firstEmail, "冲突测试"), (2, firstEmail, "冲突测试（第一位培训师的修改）")], versions.Select(v => (v.Number, v.Author, v.DisplayText)));
            Assert.Contains($"{firstEmail} saved version 2 at {versions[1].ModifiedUtc:yyyy-MM-dd HH:mm} UTC.", document.QuerySelector("#conflict")!.TextContent);
        }

        // Saving on top of theirs is an explicit choice.
        var overwrite = document.QuerySelector("button[name='overwrite']")!.GetAttribute("value")!;
        mine["overwrite"] = overwrite;
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitAsync($"/studio/edit/{id}", mine, handler: "Save")).StatusCode);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // Who saved what, in order: the first trainer's two versions, then the second trainer's on top of theirs.
            var versions = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetVersionsAsync(id)).OrderBy(v => v.Number).ToList();
            Assert.Equal([(1, firstEmail, "冲突测试"), (2, firstEmail, "冲突测试（第一位培训师的修改）"), (3, secondEmail, "冲突测试（第二位的修改）")],
                versions.Select(v => (v.Number, v.Author, v.DisplayText)));
            Assert.True(versions[0].ModifiedUtc <= versions[1].ModifiedUtc && versions[1].ModifiedUtc <= versions[2].ModifiedUtc, "versions saved out of order");
            Assert.Equal([false, false, true], versions.Select(v => v.Latest));
        }
    }

    [Fact]
    public async Task The_playbook_grid_becomes_stages_with_a_raci_per_role_and_drill_weights_must_total_100()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var playbook = new Dictionary<string, string>
        {
            ["f.title"] = "投标三步走", ["f.slug"] = Slug(), ["f.culture"] = "zh-CN", ["Body"] = "说明",
            ["grid.roles[0]"] = "AccountManager", ["grid.roles[1]"] = "DeliveryManager", ["grid.roles[2]"] = "",
            ["f.stages[0].name"] = "识别机会", ["f.stages[0].key"] = "qualify",
            ["f.stages[0].raci[0].raci"] = "ar", ["f.stages[0].raci[0].responsibilities:lines"] = "拜访客户\n确认预算",
            ["f.stages[0].raci[1].raci"] = "C", ["f.stages[0].raci[2].raci"] = "",
            ["f.stages[1].name"] = "方案与交付评估", ["f.stages[1].key"] = "solution",
            ["f.stages[1].raci[0].raci"] = "I", ["f.stages[1].raci[1].raci"] = "RA",
            ["f.stages[2].name"] = "", ["f.stages[2].key"] = "", // the empty row adds nothing
        };
        var id = await IdFromRedirect(await trainer.SubmitAsync("/studio/edit?type=Playbook", playbook, handler: "Save"));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var saved = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!.As<PlaybookPart>();
            Assert.Equal(["qualify", "solution"], saved.Stages.Select(s => s.Key));
            Assert.Equal([("AccountManager", "AR"), ("DeliveryManager", "C")], saved.Stages[0].Raci.Select(r => (r.Role, r.Raci)));
            Assert.Equal(["拜访客户", "确认预算"], saved.Stages[0].Raci[0].Responsibilities);
            Assert.Equal("RA", saved.Stages[1].For("DeliveryManager")!.Raci);
        }

        var drill = new Dictionary<string, string>
        {
            ["f.title"] = "权重演练", ["f.slug"] = Slug(), ["f.culture"] = "zh-CN", ["Body"] = "x",
            ["f.scenario"] = "客户质疑交付周期", ["f.objectives:lines"] = "统一口径", ["f.durationMinutes"] = "30",
            ["f.roles[0].role"] = "AccountManager", ["f.roles[0].brief"] = "维护关系",
            ["f.steps[0].title"] = "开场", ["f.steps[0].minutes"] = "10",
            ["f.rubric[0].criterion"] = "一个声音", ["f.rubric[0].weight"] = "60",
            ["f.rubric[0].anchors.1"] = "各说各话", ["f.rubric[0].anchors.3"] = "基本一致", ["f.rubric[0].anchors.5"] = "完全一致",
            ["f.rubric[1].criterion"] = "承诺可交付", ["f.rubric[1].weight"] = "30",
            ["f.rubric[1].anchors.1"] = "乱承诺", ["f.rubric[1].anchors.3"] = "部分核实", ["f.rubric[1].anchors.5"] = "全部核实",
        };
        var refused = await trainer.SubmitAsync("/studio/edit?type=Drill", drill, handler: "Save");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("the weights total 90; they must total 100", await refused.Content.ReadAsStringAsync());
        drill["f.rubric[1].weight"] = "40";
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.SubmitAsync("/studio/edit?type=Drill", drill, handler: "Save")).StatusCode);
    }

    [Theory]
    [InlineData("en", "Deal size: choose one of Small, Medium, Large, Strategic", "choose one of Small, Medium, Large, Strategic",
        "Summary: must be at most 1000 characters", "Rubric 1 › Score descriptions: needs a description for score 3")]
    [InlineData("zh-CN", "商机规模：请从以下选项中选择：小型、中型、大型、战略级", "请从以下选项中选择：小型、中型、大型、战略级",
        "摘要：最多 1000 个字符", "评分标准 1 › 分值描述：需要填写 3 分的描述")]
    public async Task Field_problems_are_said_in_the_readers_language_with_the_fields_label_and_translated_values(
        string language, string dealSize, string dealSizeAtField, string summary, string anchors)
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer), language: language);
        var fields = Case("标题", Slug());
        fields["f.dealSize"] = "";
        fields["f.summary"] = new string('x', 1001);
        var document = new HtmlParser().ParseDocument(await (await trainer.SubmitAsync("/studio/edit?type=CaseStudy", fields, handler: "Save")).Content.ReadAsStringAsync());
        var errors = document.QuerySelectorAll("#errors li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(dealSize, errors);
        Assert.Contains(summary, errors);
        Assert.DoesNotContain(errors, e => e.Contains("dealSize") || e.Contains("small, medium"));
        Assert.Equal("dealSize", document.QuerySelector("#errors li[data-field='dealSize']")?.GetAttribute("data-field")); // the path stays for the form
        Assert.Equal(dealSizeAtField, document.QuerySelector(".invalid-feedback[data-field='dealSize']")?.TextContent.Trim());
        // Required fields are marked and say so to the browser.
        Assert.NotNull(document.QuerySelector("label.sa-required[for='f-dealsize']"));
        Assert.Equal("true", document.QuerySelector("#f-dealsize")?.GetAttribute("aria-required"));
        Assert.NotNull(document.QuerySelector("#f-title[required]"));

        var drill = new Dictionary<string, string>
        {
            ["f.title"] = "缺少描述的演练", ["f.slug"] = Slug(), ["f.culture"] = "zh-CN", ["Body"] = "x",
            ["f.scenario"] = "场景", ["f.objectives:lines"] = "目标", ["f.durationMinutes"] = "30",
            ["f.roles[0].role"] = "AccountManager", ["f.roles[0].brief"] = "简报", ["f.steps[0].title"] = "开场", ["f.steps[0].minutes"] = "10",
            ["f.rubric[0].criterion"] = "一个声音", ["f.rubric[0].weight"] = "100", ["f.rubric[0].anchors.1"] = "差", ["f.rubric[0].anchors.5"] = "好",
        };
        var drillPage = new HtmlParser().ParseDocument(await (await trainer.SubmitAsync("/studio/edit?type=Drill", drill, handler: "Save")).Content.ReadAsStringAsync());
        Assert.Contains(anchors, drillPage.QuerySelectorAll("#errors li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task History_shows_a_side_by_side_diff_and_restores_an_old_version_as_a_new_draft()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var slug = Slug();
        var id = await CreateCaseAsync(trainer, "版本一的标题", slug);
        var second = Case("版本二的标题", slug);
        second["BasedOnVersionId"] = await BasedOnAsync(trainer, id);
        await trainer.SubmitAsync($"/studio/edit/{id}", second, handler: "Save");

        var document = new HtmlParser().ParseDocument(await (await trainer.GetAsync($"/studio/history/{id}?from=1&to=2")).Content.ReadAsStringAsync());
        var changed = document.QuerySelectorAll(".sa-diff-changed").Single(r => r.TextContent.Contains("title:"));
        Assert.True(changed.QuerySelector(".sa-diff-left")!.TextContent.Contains("版本一的标题"), changed.OuterHtml);
        Assert.Contains("版本二的标题", changed.QuerySelector(".sa-diff-right")!.TextContent);
        // The changed line is marked on both sides, and within it only the word that changed.
        Assert.True(changed.QuerySelector(".sa-diff-left")!.ClassList.Contains("sa-del"));
        Assert.True(changed.QuerySelector(".sa-diff-right")!.ClassList.Contains("sa-ins"));
        Assert.Equal(["一"], changed.QuerySelectorAll(".sa-diff-left del").Select(d => d.TextContent));
        Assert.Equal(["二"], changed.QuerySelectorAll(".sa-diff-right ins").Select(d => d.TextContent));
        Assert.Empty(document.QuerySelectorAll(".sa-diff-same del, .sa-diff-same ins, .sa-diff-same .sa-del"));

        var restored = await trainer.SubmitAsync($"/studio/history/{id}", new Dictionary<string, string>(), handler: "Restore&number=1");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        await using var scope = Factory.Services.CreateAsyncScope();
        var versions = await scope.ServiceProvider.GetRequiredService<ContentManager>().GetVersionsAsync(id);
        Assert.Equal([3, 2, 1], versions.Select(v => v.Number));
        Assert.Equal("版本一的标题", versions[0].DisplayText);
        Assert.True(versions[0].Latest);
    }

    [Fact]
    public async Task A_deleted_item_leaves_the_site_and_only_an_administrator_restores_it()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        using var admin = await TestUsers.SignedInAsync(Factory, TestUsers.AdminEmail, TestUsers.AdminPassword);
        var slug = Slug();
        var id = await CreateCaseAsync(trainer, "将被删除", slug, publish: true);
        Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync($"/cases/{slug}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await trainer.SubmitAsync($"/studio/edit/{id}", new Dictionary<string, string>(), handler: "Delete")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync($"/cases/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync($"/studio/edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync("/studio/trash")).StatusCode);

        Assert.Contains("将被删除", await (await admin.GetAsync("/studio/trash")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/studio/trash", new Dictionary<string, string>(), handler: $"Restore&id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync($"/studio/edit/{id}")).StatusCode); // back, as a draft
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync($"/cases/{slug}")).StatusCode);
    }

    [Fact]
    public async Task Reps_have_no_studio_and_cannot_reach_a_trainers_draft_by_its_id()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        using var rep = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        var id = await CreateCaseAsync(trainer, "培训师的草稿", Slug());
        foreach (var url in new[] { "/studio", "/studio/edit?type=CaseStudy", $"/studio/edit/{id}", $"/studio/history/{id}", "/studio/trash" })
            Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync(url)).StatusCode);
        // With a valid token of their own, the workflow handlers still answer 404 and change nothing.
        var token = await rep.AntiforgeryTokenAsync("/account/profile");
        foreach (var handler in new[] { "Publish", "Unpublish", "Delete", "Save" })
            Assert.Equal(HttpStatusCode.NotFound, (await rep.PostAsync($"/studio/edit/{id}?handler={handler}",
                new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["f.title"] = "hijacked" })).StatusCode);
        await using var scope = Factory.Services.CreateAsyncScope();
        var latest = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetVersionsAsync(id)).Single();
        Assert.False(latest.Published);
        Assert.Equal("培训师的草稿", latest.DisplayText);
    }

    [Fact]
    public async Task Publishing_a_submitted_contribution_from_the_studio_closes_its_review()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var repEmail = await TestUsers.CreateAsync(Factory, PortalRoles.Rep, "Rita Rep");
        var rep = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, repEmail), new(PortalClaims.DisplayNameType, "Rita Rep")], "test"));
        string id;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var fields = new System.Text.Json.Nodes.JsonObject
            {
                ["slug"] = "contrib-" + Guid.NewGuid().ToString("N")[..8], ["culture"] = "zh-CN", ["title"] = "一线贡献", ["company"] = "X",
                ["industry"] = "ict", ["dealSize"] = "small", ["outcome"] = "won", ["roles"] = new System.Text.Json.Nodes.JsonArray("Rep"),
            };
            var edit = await services.GetRequiredService<ContentEditing>().ReadAsync("CaseStudy", SalesAcademy.Content.Models.ContentIds.New(), fields, "正文", null, mayAssignOwner: false);
            Assert.True(edit.IsValid, string.Join("; ", edit.Errors));
            id = (await services.GetRequiredService<Contributions>().CreateAsync(edit.Item!, rep)).ContentItemId;
            await services.GetRequiredService<Contributions>().SubmitAsync(id, rep, null);
        }
        var published = await trainer.SubmitAsync($"/studio/edit/{id}", new Dictionary<string, string> { ["BasedOnVersionId"] = await BasedOnAsync(trainer, id) }, handler: "Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var contribution = await scope.ServiceProvider.GetRequiredService<Contributions>().FindAsync(id);
            Assert.Equal(SalesAcademy.Content.Models.ContributionStatus.Published, contribution!.Status);
            Assert.Equal(SalesAcademy.Content.Models.ReviewNoteKind.Published, (await scope.ServiceProvider.GetRequiredService<Contributions>().NotesAsync(id))[^1].Kind);
        }
    }

    [Fact]
    public async Task A_new_tag_written_in_the_editor_joins_the_taxonomy_and_the_item()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var key = "tag-" + Guid.NewGuid().ToString("N")[..8];
        var fields = Case("带新标签的案例", Slug());
        fields["newTag.key"] = key; fields["newTag.zh"] = "新标签"; fields["newTag.en"] = "New tag"; fields["newTag.group"] = "challenge";
        var id = await IdFromRedirect(await trainer.SubmitAsync("/studio/edit?type=CaseStudy", fields, handler: "Save"));
        await using var scope = Factory.Services.CreateAsyncScope();
        var item = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!;
        Assert.Equal(["iron-triangle", key], item.As<SalesAcademy.Content.Models.TagsPart>().Tags);
        Assert.Equal("新标签", (await scope.ServiceProvider.GetRequiredService<PublishedContent>().TaxonomyAsync()).Find(key)!.NameZh);
    }

    [Theory]
    [InlineData("en", "Finance", "Industry: “Banking” is not in the list; choose one")]
    [InlineData("zh-CN", "金融", "行业：“Banking”不在列表中，请从列表中选择")]
    public async Task The_industry_is_chosen_from_the_taxonomy_in_the_readers_language_and_an_unknown_one_is_refused(string language, string financeLabel, string refusal)
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer), language: language);
        var editor = new HtmlParser().ParseDocument(await (await trainer.GetAsync("/studio/edit?type=CaseStudy")).Content.ReadAsStringAsync());
        Assert.Equal(financeLabel, editor.QuerySelector("select#f-industry option[value='finance']")?.TextContent.Trim());
        // Industries are that select's, not tags.
        Assert.Null(editor.QuerySelector("input[name='f.tags[]'][value='finance']"));

        var fields = Case("行业不在列表中", Slug());
        fields["f.industry"] = "Banking";
        var refused = new HtmlParser().ParseDocument(await (await trainer.SubmitAsync("/studio/edit?type=CaseStudy", fields, handler: "Save")).Content.ReadAsStringAsync());
        Assert.Contains(refusal, refused.QuerySelectorAll("#errors li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Banking", refused.QuerySelector("select#f-industry option[selected]")?.GetAttribute("value")); // what was typed is kept

        fields["f.industry"] = "finance";
        var id = await IdFromRedirect(await trainer.SubmitAsync("/studio/edit?type=CaseStudy", fields, handler: "Save"));
        await using var scope = Factory.Services.CreateAsyncScope();
        var saved = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!;
        Assert.Equal("finance", saved.As<SalesAcademy.CaseLibrary.Models.CaseStudyPart>().Industry);
    }

    [Fact]
    public async Task A_case_stored_with_a_free_text_industry_shows_it_as_written_and_its_editor_asks_to_choose()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var id = TestContent.NewId("legacy");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // Written before industries were taxonomy terms: the writer stores it (the check is the editors' and the importer's).
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var item = TestContent.NewCase(manager, id);
            var part = item.As<SalesAcademy.CaseLibrary.Models.CaseStudyPart>();
            part.Industry = "Logistics / IT services";
            item.Apply(part);
            await manager.CreateAsync(item, "trainer@example.com", publish: true);
        }
        var page = new HtmlParser().ParseDocument(await (await trainer.GetAsync($"/cases/{id}")).Content.ReadAsStringAsync());
        Assert.Contains(page.QuerySelectorAll("main aside dd a"), a => a.TextContent.Trim() == "Logistics / IT services");

        var editor = new HtmlParser().ParseDocument(await (await trainer.GetAsync($"/studio/edit/{id}")).Content.ReadAsStringAsync());
        var select = editor.QuerySelector("select#f-industry")!;
        Assert.Equal("Logistics / IT services", select.QuerySelector("option[selected]")?.GetAttribute("value")); // nothing is lost
        Assert.Contains("is-invalid", select.ClassName);
        Assert.Equal("“Logistics / IT services” is not in the list; choose one", editor.QuerySelector(".invalid-feedback[data-field='industry']")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_Chinese_title_suggests_a_pinyin_address_and_a_save_without_an_address_takes_it()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        using var rep = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        var editor = new HtmlParser().ParseDocument(await (await trainer.GetAsync("/studio/edit?type=CaseStudy")).Content.ReadAsStringAsync());
        var url = editor.QuerySelector("#f-slug")!.GetAttribute("data-slug-url")!;
        Assert.StartsWith("/studio/edit?", url);
        Assert.Contains("handler=Slug", url);
        Assert.Contains("type=CaseStudy", url);
        var suggestion = await trainer.GetAsync(url + "&title=" + Uri.EscapeDataString("丢单复盘：核心系统"));
        Assert.Equal(HttpStatusCode.OK, suggestion.StatusCode);
        Assert.Equal("""{"slug":"diu-dan-fu-pan-he-xin-xi-tong"}""", await suggestion.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync(url + "&title=x")).StatusCode); // the studio's, like the page

        // Without script the field stays empty: the save takes the title's address instead of refusing.
        var marker = Guid.NewGuid().ToString("N")[..6];
        var fields = Case($"赢单复盘 {marker}", "");
        var id = await IdFromRedirect(await trainer.SubmitAsync("/studio/edit?type=CaseStudy", fields, handler: "Save"));
        await using var scope = Factory.Services.CreateAsyncScope();
        var saved = (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!;
        Assert.Equal($"ying-dan-fu-pan-{marker}", saved.Slug);
    }

    [Fact]
    public async Task The_editor_and_history_name_the_content_import_in_words_mark_times_for_the_local_zone_and_the_header_shows_the_display_name()
    {
        var email = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer, "Tina Trainer");
        foreach (var (language, actor) in new[] { ("en", "content import"), ("zh-CN", "内容导入") })
        {
            using var trainer = await TestUsers.SignedInAsync(Factory, email, TestUsers.Password, language);
            // The seed is saved by the importer ("content-import").
            var page = new HtmlParser().ParseDocument(await (await trainer.GetAsync("/studio/edit/case-huawei-iron-triangle")).Content.ReadAsStringAsync());
            var saved = page.QuerySelector(".sa-saved-by")!;
            Assert.Contains(actor, saved.TextContent);
            Assert.DoesNotContain("content-import", saved.TextContent);
            var time = saved.QuerySelector("time[data-local='datetime']")!; // site.js shows it in the browser's time zone
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", time.GetAttribute("datetime")!);
            Assert.Equal("Tina Trainer", page.QuerySelector(".sa-account-name")!.TextContent.Trim());
            Assert.DoesNotContain(email, page.QuerySelector(".sa-account-name")!.TextContent);

            var history = new HtmlParser().ParseDocument(await (await trainer.GetAsync("/studio/history/case-huawei-iron-triangle")).Content.ReadAsStringAsync());
            var table = history.QuerySelector("table")!;
            Assert.Contains(actor, table.TextContent);
            Assert.DoesNotContain("content-import", table.TextContent);
            Assert.NotEmpty(table.QuerySelectorAll("time[data-local='datetime']"));
        }
    }

    [Fact]
    public async Task A_state_changing_post_without_an_antiforgery_token_is_refused()
    {
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var response = await trainer.PostAsync("/studio/edit?type=CaseStudy&handler=Save", Case("没有令牌", Slug()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class StudioTests_Sqlite(SqlitePortal portal) : StudioTests(portal), IClassFixture<SqlitePortal>;

public sealed class StudioTests_Postgres(PostgresPortal portal) : StudioTests(portal), IClassFixture<PostgresPortal>;
