using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Api.Tests;

/// <summary>/api/v1/content: the write round trip, who sees drafts, stale saves and field errors, over HTTP with tokens.</summary>
public abstract class ContentApiTests(PortalFixture portal)
{
    private const string Api = "/api/v1/content";
    private readonly ApiPeople people = new(portal.Factory);

    private static string NewId(string prefix = "api") => $"{prefix}-{Guid.NewGuid():N}"[..22];

    private static JsonObject CaseFields(string slug, string title = "API 测试案例：铁三角协同", string? owner = null)
    {
        var fields = new JsonObject
        {
            ["slug"] = slug, ["culture"] = "zh-CN", ["title"] = title, ["summary"] = "A case written through the API.",
            ["tags"] = new JsonArray("iron-triangle", "crm"),
            ["company"] = "华为 Huawei", ["industry"] = "ict", ["dealSize"] = "large", ["outcome"] = "won",
            ["roles"] = new JsonArray("AccountManager", "SolutionManager"), ["lessons"] = new JsonArray("一起面对客户。"),
        };
        if (owner is not null) fields["owner"] = owner;
        return fields;
    }

    private static object NewCase(string id, string title = "API 测试案例：铁三角协同") =>
        new { type = "CaseStudy", id, fields = CaseFields(id, title), body = "## 背景\n\n通过 API 写入的案例。" };

    private async Task<JsonNode> CreateAsync(ApiUser author, string id, string title = "API 测试案例：铁三角协同") =>
        await (await people.SendAsync(author, HttpMethod.Post, Api, NewCase(id, title))).JsonAsync(HttpStatusCode.Created);

    private async Task<IReadOnlyList<ContentChange>> ChangesAsync(long after, string id)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().ReadAfterAsync(after, 100_000)).Where(c => c.ContentItemId == id).ToList();
    }

    private async Task<long> HeadAsync()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync();
    }

    private static List<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();

    [Fact]
    public async Task Create_update_publish_unpublish_delete_round_trip_is_visible_through_GET_and_in_the_change_log()
    {
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var rep = await people.NewAsync(PortalRoles.Rep);
        var head = await HeadAsync();
        var id = NewId();

        var createdResponse = await people.SendAsync(trainer, HttpMethod.Post, Api, NewCase(id));
        var created = await createdResponse.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"{Api}/{id}", createdResponse.Headers.Location?.OriginalString);
        Assert.Equal(id, (string)created["id"]!);
        Assert.Equal("CaseStudy", (string)created["type"]!);
        Assert.Equal(1, (int)created["number"]!);
        Assert.False((bool)created["published"]!);
        Assert.True((bool)created["latest"]!);
        Assert.Equal(trainer.Email, (string)created["author"]!);
        Assert.Equal(trainer.Email, (string)created["owner"]!);
        Assert.Null(created["url"]);
        Assert.Equal("华为 Huawei", (string)created["fields"]!["company"]!);
        Assert.Equal(id, (string)created["fields"]!["slug"]!);
        Assert.Equal("## 背景\n\n通过 API 写入的案例。", (string)created["body"]!);
        var v1 = (string)created["versionId"]!;

        // A draft: not on the site, and only its author (and draft viewers) see it.
        await (await people.GetAsync(trainer, $"{Api}/{id}")).StatusAsync(HttpStatusCode.NotFound);
        Assert.Equal(v1, (string)(await (await people.GetAsync(trainer, $"{Api}/{id}?version=latest")).JsonAsync(HttpStatusCode.OK))["versionId"]!);
        await (await people.GetAsync(rep, $"{Api}/{id}?version=latest")).StatusAsync(HttpStatusCode.NotFound);

        var fields = created["fields"]!.DeepClone().AsObject();
        fields["title"] = "API 测试案例（第二稿）";
        fields["outcome"] = "ongoing";
        var updated = await (await people.SendAsync(trainer, HttpMethod.Put, $"{Api}/{id}",
            new { basedOnVersionId = v1, fields, body = "## 背景\n\n第二稿。" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)updated["number"]!);
        Assert.Equal("API 测试案例（第二稿）", (string)updated["title"]!);
        Assert.Equal("ongoing", (string)updated["fields"]!["outcome"]!);
        var v2 = (string)updated["versionId"]!;

        var published = await (await people.SendAsync(trainer, HttpMethod.Post, $"{Api}/{id}/publish", new { basedOnVersionId = v2 })).JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)published["published"]!);
        Assert.Equal(v2, (string)published["versionId"]!);
        Assert.Equal($"/cases/{id}", (string)published["url"]!);

        // Published: every token user reads it, in lists too.
        var read = await (await people.GetAsync(rep, $"{Api}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("API 测试案例（第二稿）", (string)read["title"]!);
        Assert.Equal("## 背景\n\n第二稿。", (string)read["body"]!);
        Assert.Contains(id, Ids(await (await people.GetAsync(rep, $"{Api}?type=CaseStudy&pageSize=100")).JsonAsync(HttpStatusCode.OK)));
        Assert.Contains(id, Ids(await (await people.GetAsync(rep, $"{Api}?tag=crm&pageSize=100")).JsonAsync(HttpStatusCode.OK)));
        Assert.DoesNotContain(id, Ids(await (await people.GetAsync(rep, $"{Api}?tag=role-play&pageSize=100")).JsonAsync(HttpStatusCode.OK)));
        Assert.Equal(HttpStatusCode.OK, (await portal.Factory.CreateClient().GetAsync($"/cases/{id}")).StatusCode);

        var versions = await (await people.GetAsync(trainer, $"{Api}/{id}/versions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([2, 1], versions["versions"]!.AsArray().Select(v => (int)v!["number"]!));
        Assert.Equal([true, false], versions["versions"]!.AsArray().Select(v => (bool)v!["published"]!));
        var first = await (await people.GetAsync(trainer, $"{Api}/{id}?version={v1}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("API 测试案例：铁三角协同", (string)first["title"]!);
        await (await people.GetAsync(rep, $"{Api}/{id}?version={v1}")).StatusAsync(HttpStatusCode.NotFound); // an old draft version
        Assert.Equal(v2, (string)(await (await people.GetAsync(rep, $"{Api}/{id}?version={v2}")).JsonAsync(HttpStatusCode.OK))["versionId"]!);

        var unpublished = await (await people.SendAsync(trainer, HttpMethod.Post, $"{Api}/{id}/unpublish")).JsonAsync(HttpStatusCode.OK);
        Assert.False((bool)unpublished["published"]!);
        await (await people.GetAsync(rep, $"{Api}/{id}")).StatusAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, Ids(await (await people.GetAsync(rep, $"{Api}?type=CaseStudy&pageSize=100")).JsonAsync(HttpStatusCode.OK)));
        Assert.Contains(id, Ids(await (await people.GetAsync(trainer, $"{Api}?status=drafts&pageSize=100")).JsonAsync(HttpStatusCode.OK)));

        await (await people.SendAsync(trainer, HttpMethod.Delete, $"{Api}/{id}")).StatusAsync(HttpStatusCode.NoContent);
        await (await people.GetAsync(trainer, $"{Api}/{id}?version=latest")).StatusAsync(HttpStatusCode.NotFound);
        await (await people.GetAsync(trainer, $"{Api}/{id}/versions")).StatusAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, Ids(await (await people.GetAsync(trainer, $"{Api}?status=all&pageSize=100")).JsonAsync(HttpStatusCode.OK)));
        await (await people.SendAsync(trainer, HttpMethod.Delete, $"{Api}/{id}")).StatusAsync(HttpStatusCode.NotFound);

        // Every write went through the content manager: one change-log row each, naming the version.
        var changes = await ChangesAsync(head, id);
        Assert.Equal([ContentChangeKind.Updated, ContentChangeKind.Updated, ContentChangeKind.Updated, ContentChangeKind.Unpublished, ContentChangeKind.Deleted],
            changes.Select(c => c.Kind));
        Assert.Equal([v1, v2, v2, v2, v2], changes.Select(c => c.ContentItemVersionId));
    }

    [Fact]
    public async Task A_rep_guessing_the_id_of_a_trainers_draft_gets_404_everywhere_just_as_for_a_missing_id()
    {
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var rep = await people.NewAsync(PortalRoles.Rep);
        var id = NewId("secret");
        var draft = await CreateAsync(trainer, id, "培训师的未发布草稿");
        var version = (string)draft["versionId"]!;
        var update = new { basedOnVersionId = version, fields = CaseFields(id, "被代表改写"), body = "x" };

        foreach (var target in new[] { id, "no-such-item-anywhere" })
        {
            var answers = new[]
            {
                await people.GetAsync(rep, $"{Api}/{target}"),
                await people.GetAsync(rep, $"{Api}/{target}?version=latest"),
                await people.GetAsync(rep, $"{Api}/{target}?version={version}"),
                await people.GetAsync(rep, $"{Api}/{target}/versions"),
                await people.SendAsync(rep, HttpMethod.Put, $"{Api}/{target}", update),
                await people.SendAsync(rep, HttpMethod.Post, $"{Api}/{target}/publish"),
                await people.SendAsync(rep, HttpMethod.Post, $"{Api}/{target}/unpublish"),
                await people.SendAsync(rep, HttpMethod.Delete, $"{Api}/{target}"),
            };
            foreach (var answer in answers)
            {
                var problem = await answer.JsonAsync(HttpStatusCode.NotFound);
                Assert.Equal("Not Found", (string)problem["title"]!);
                Assert.DoesNotContain("培训师", await answer.Content.ReadAsStringAsync());
            }
        }
        foreach (var status in new[] { "published", "drafts", "all" })
            Assert.DoesNotContain(id, Ids(await (await people.GetAsync(rep, $"{Api}?status={status}&pageSize=100")).JsonAsync(HttpStatusCode.OK)));

        // Nothing was changed by the attempts; trainers (content.view.drafts) see the draft.
        var latest = await (await people.GetAsync(await people.NewAsync(PortalRoles.Trainer), $"{Api}/{id}?version=latest")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(version, (string)latest["versionId"]!);
        Assert.Equal("培训师的未发布草稿", (string)latest["title"]!);
        Assert.False((bool)latest["published"]!);
        Assert.Contains(id, Ids(await (await people.GetAsync(trainer, $"{Api}?status=drafts&pageSize=100")).JsonAsync(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task A_stale_update_answers_409_with_the_current_version_and_writes_nothing()
    {
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var colleague = await people.NewAsync(PortalRoles.Trainer);
        var id = NewId();
        var v1 = (string)(await CreateAsync(trainer, id))["versionId"]!;

        var theirs = await (await people.SendAsync(colleague, HttpMethod.Put, $"{Api}/{id}",
            new { basedOnVersionId = v1, fields = CaseFields(id, "同事先保存的版本"), body = "同事的正文" })).JsonAsync(HttpStatusCode.OK);
        var v2 = (string)theirs["versionId"]!;
        Assert.Equal(colleague.Email, (string)theirs["author"]!);
        Assert.Equal(trainer.Email, (string)theirs["owner"]!); // saving does not take the item over

        var conflict = await (await people.SendAsync(trainer, HttpMethod.Put, $"{Api}/{id}",
            new { basedOnVersionId = v1, fields = CaseFields(id, "我基于旧版本的修改"), body = "旧正文" })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(409, (int)conflict["status"]!);
        Assert.Equal(v2, (string)conflict["current"]!["versionId"]!);
        Assert.Equal(2, (int)conflict["current"]!["number"]!);
        Assert.Equal(colleague.Email, (string)conflict["current"]!["author"]!);
        Assert.True(DateTime.TryParse((string)conflict["current"]!["modifiedUtc"]!, out _));
        Assert.Contains(colleague.Email, (string)conflict["detail"]!);

        // A stale publish is refused the same way; nothing was written by either.
        var stalePublish = await (await people.SendAsync(trainer, HttpMethod.Post, $"{Api}/{id}/publish", new { basedOnVersionId = v1 })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(v2, (string)stalePublish["current"]!["versionId"]!);
        var versions = await (await people.GetAsync(trainer, $"{Api}/{id}/versions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([2, 1], versions["versions"]!.AsArray().Select(v => (int)v!["number"]!));
        Assert.All(versions["versions"]!.AsArray(), v => Assert.False((bool)v!["published"]!));
        Assert.Equal("同事先保存的版本", (string)(await (await people.GetAsync(trainer, $"{Api}/{id}?version=latest")).JsonAsync(HttpStatusCode.OK))["title"]!);

        // The version a save is based on is required; a later save based on the current version goes through.
        var missing = await (await people.SendAsync(trainer, HttpMethod.Put, $"{Api}/{id}", new { fields = CaseFields(id), body = "x" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("basedOnVersionId", missing.ErrorFields()[0]);
        await (await people.SendAsync(trainer, HttpMethod.Put, $"{Api}/{id}", new { basedOnVersionId = v2, fields = CaseFields(id, "合并后的版本"), body = "x" }))
            .StatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_industry_is_a_taxonomy_key_and_an_unknown_one_answers_422_at_its_field_listing_the_keys()
    {
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var id = NewId();
        var fields = CaseFields(id);
        fields["industry"] = "Banking";
        var problem = await (await people.SendAsync(trainer, HttpMethod.Post, Api, new { type = "CaseStudy", id, fields, body = "x" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["industry"], problem.ErrorFields());
        var message = Assert.Single(problem.ErrorMessages());
        Assert.StartsWith("unknown industry 'Banking'; use one of ", message);
        Assert.Contains("finance", message);
        Assert.Equal(HttpStatusCode.NotFound, (await people.SendAsync(trainer, HttpMethod.Get, $"{Api}/{id}")).StatusCode);

        // An industry key is not a tag.
        fields["industry"] = "finance";
        fields["tags"] = new JsonArray("finance");
        var asTag = await (await people.SendAsync(trainer, HttpMethod.Post, Api, new { type = "CaseStudy", id, fields, body = "x" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["tags[0]"], asTag.ErrorFields());

        fields["tags"] = new JsonArray("iron-triangle");
        var created = await (await people.SendAsync(trainer, HttpMethod.Post, Api, new { type = "CaseStudy", id, fields, body = "x" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("finance", (string)created["fields"]!["industry"]!);
    }

    [Fact]
    public async Task Invalid_fields_answer_422_naming_each_field_by_its_path_and_nothing_is_created()
    {
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var id = NewId("pb");
        var playbook = new
        {
            type = "Playbook", id,
            fields = new JsonObject
            {
                ["slug"] = id, ["culture"] = "zh-CN", ["title"] = "有问题的流程", ["tags"] = new JsonArray("no-such-tag"),
                ["stages"] = new JsonArray(
                    new JsonObject { ["key"] = "Bad Key!", ["name"] = "发现", ["raci"] = new JsonArray(new JsonObject { ["role"] = "AccountManager", ["raci"] = "A" }) },
                    new JsonObject { ["key"] = "deliver", ["name"] = "交付", ["raci"] = new JsonArray(new JsonObject { ["role"] = "DeliveryManager", ["raci"] = "RX" }) }),
            },
            body = "",
        };
        var problem = await (await people.SendAsync(trainer, HttpMethod.Post, Api, playbook)).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(422, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string)problem["title"]!));
        var fields = problem.ErrorFields().ToList();
        Assert.Contains("stages[0].key", fields);
        Assert.Contains("stages[1].raci[0].raci", fields);
        Assert.Contains("stages[1].raci", fields); // no accountable role in the second stage
        Assert.Contains("tags[0]", fields);
        Assert.All(problem.ErrorMessages(), m => Assert.False(string.IsNullOrWhiteSpace(m)));

        var noTitle = CaseFields(NewId());
        noTitle.Remove("title");
        noTitle["outcome"] = "maybe";
        var missing = await (await people.SendAsync(trainer, HttpMethod.Post, Api, new { type = "CaseStudy", id = NewId(), fields = noTitle, body = "x" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("title", missing.ErrorFields());

        var unknownType = await (await people.SendAsync(trainer, HttpMethod.Post, Api, new { type = "Memo", fields = CaseFields(NewId()), body = "x" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("type", unknownType.ErrorFields()[0]);
        var extra = CaseFields(NewId());
        extra["budgetOwner"] = "CFO";
        var unknownField = await (await people.SendAsync(trainer, HttpMethod.Post, Api, new { type = "CaseStudy", fields = extra, body = "x" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("budgetOwner", unknownField.ErrorFields()[0]);

        await (await people.GetAsync(trainer, $"{Api}/{id}?version=latest")).StatusAsync(HttpStatusCode.NotFound);

        // An update with a bad field is refused the same way and leaves the item as it was.
        var caseId = NewId();
        var v1 = (string)(await CreateAsync(trainer, caseId))["versionId"]!;
        var bad = CaseFields(caseId);
        bad["dealSize"] = "enormous";
        bad["slug"] = "Not A Slug";
        var refused = await (await people.SendAsync(trainer, HttpMethod.Put, $"{Api}/{caseId}", new { basedOnVersionId = v1, fields = bad, body = "x" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        var refusedFields = refused.ErrorFields().ToList();
        Assert.Contains("dealSize", refusedFields);
        Assert.Contains("slug", refusedFields);
        Assert.Equal(v1, (string)(await (await people.GetAsync(trainer, $"{Api}/{caseId}?version=latest")).JsonAsync(HttpStatusCode.OK))["versionId"]!);
    }

    [Fact]
    public async Task An_existing_id_answers_409_and_a_taken_slug_422()
    {
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var id = NewId();
        await CreateAsync(trainer, id);
        var again = await (await people.SendAsync(trainer, HttpMethod.Post, Api, NewCase(id))).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains(id, (string)again["detail"]!);
        await (await people.SendAsync(trainer, HttpMethod.Post, Api, NewCase("case-huawei-iron-triangle"))).StatusAsync(HttpStatusCode.Conflict); // a seed item

        var taken = await (await people.SendAsync(trainer, HttpMethod.Post, Api,
            new { type = "CaseStudy", id = NewId(), fields = CaseFields("huawei-iron-triangle"), body = "x" })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("slug", taken.ErrorFields()[0]);

        // Without an id the portal makes one.
        var generated = await (await people.SendAsync(trainer, HttpMethod.Post, Api,
            new { type = "CaseStudy", fields = CaseFields(NewId()), body = "x" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(26, ((string)generated["id"]!).Length);
    }

    [Fact]
    public async Task Fields_as_GET_returns_them_are_accepted_back_unchanged()
    {
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        const string id = "playbook-goals-and-communication-rhythm";
        var published = await (await people.GetAsync(trainer, $"{Api}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Playbook", (string)published["fields"]!["type"]!);
        Assert.True(published["fields"]!["stages"]!.AsArray().Count > 0);
        var latest = await (await people.GetAsync(trainer, $"{Api}/{id}?version=latest")).JsonAsync(HttpStatusCode.OK);

        var saved = await (await people.SendAsync(trainer, HttpMethod.Put, $"{Api}/{id}",
            new { basedOnVersionId = (string)latest["versionId"]!, fields = latest["fields"]!.DeepClone(), body = (string)latest["body"]! })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((int)latest["number"]! + 1, (int)saved["number"]!);
        Assert.True(JsonNode.DeepEquals(latest["fields"], saved["fields"]), $"{latest["fields"]}\n≠\n{saved["fields"]}");
        Assert.Equal((string)latest["body"]!, (string)saved["body"]!);
        Assert.Equal((string?)latest["owner"], (string?)saved["owner"]);
        Assert.False((bool)saved["published"]!); // a draft: the published version stays on the site
        Assert.Equal((string)published["versionId"]!, (string)(await (await people.GetAsync(trainer, $"{Api}/{id}")).JsonAsync(HttpStatusCode.OK))["versionId"]!);
    }

    [Fact]
    public async Task A_rep_edits_their_own_contribution_but_cannot_publish_it_and_other_reps_do_not_see_it()
    {
        var rep = await people.NewAsync(PortalRoles.Rep);
        var otherRep = await people.NewAsync(PortalRoles.Rep);
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var id = NewId("contrib");
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var users = services.GetRequiredService<UserManager<PortalUser>>();
            ClaimsPrincipal principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync((await users.FindByEmailAsync(rep.Email))!);
            var manager = services.GetRequiredService<ContentManager>();
            var item = manager.New("CaseStudy", id)
                .Apply(new TitlePart { Title = "我的成交案例" }).Apply(new RoutePart { Slug = id }).Apply(new MarkdownBodyPart { Markdown = "初稿" })
                .Apply(new CaseLibrary.Models.CaseStudyPart { Company = "某银行", Industry = "finance", DealSize = "medium", Outcome = "won", Roles = ["AccountManager"] });
            await services.GetRequiredService<Contributions>().CreateAsync(item, principal);
        }

        // Reps may not create items directly (no content.edit.own) …
        await (await people.SendAsync(rep, HttpMethod.Post, Api, NewCase(NewId()))).StatusAsync(HttpStatusCode.NotFound);
        // … but work on their own contribution.
        var mine = await (await people.GetAsync(rep, $"{Api}/{id}?version=latest")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("我的成交案例", (string)mine["title"]!);
        Assert.Contains(id, Ids(await (await people.GetAsync(rep, $"{Api}?status=drafts&pageSize=100")).JsonAsync(HttpStatusCode.OK)));
        var fields = mine["fields"]!.DeepClone().AsObject();
        fields["title"] = "我的成交案例（补充了教训）";
        fields["lessons"] = new JsonArray("先对齐客户目标。");
        var saved = await (await people.SendAsync(rep, HttpMethod.Put, $"{Api}/{id}",
            new { basedOnVersionId = (string)mine["versionId"]!, fields, body = "第二稿" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(rep.Email, (string)saved["author"]!);
        var handOver = saved["fields"]!.DeepClone().AsObject();
        handOver["owner"] = otherRep.Email;
        var refused = await (await people.SendAsync(rep, HttpMethod.Put, $"{Api}/{id}",
            new { basedOnVersionId = (string)saved["versionId"]!, fields = handOver, body = "第三稿" })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("owner", refused.ErrorFields()[0]);
        await (await people.GetAsync(rep, $"{Api}/{id}/versions")).StatusAsync(HttpStatusCode.OK);
        await (await people.SendAsync(rep, HttpMethod.Post, $"{Api}/{id}/publish")).StatusAsync(HttpStatusCode.NotFound);
        await (await people.SendAsync(rep, HttpMethod.Delete, $"{Api}/{id}")).StatusAsync(HttpStatusCode.NotFound);

        await (await people.GetAsync(otherRep, $"{Api}/{id}?version=latest")).StatusAsync(HttpStatusCode.NotFound);
        await (await people.SendAsync(otherRep, HttpMethod.Put, $"{Api}/{id}", new { basedOnVersionId = (string)saved["versionId"]!, fields, body = "x" }))
            .StatusAsync(HttpStatusCode.NotFound);

        var published = await (await people.SendAsync(trainer, HttpMethod.Post, $"{Api}/{id}/publish")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((string)saved["versionId"]!, (string)published["versionId"]!);
        Assert.Equal("我的成交案例（补充了教训）", (string)(await (await people.GetAsync(otherRep, $"{Api}/{id}")).JsonAsync(HttpStatusCode.OK))["title"]!);
    }

    [Fact]
    public async Task Lists_page_filter_and_refuse_bad_parameters()
    {
        var rep = await people.NewAsync(PortalRoles.Rep);
        var all = await (await people.GetAsync(rep, $"{Api}?pageSize=100")).JsonAsync(HttpStatusCode.OK);
        var total = (int)all["total"]!;
        Assert.True(total >= 11, $"the seed content has 11 items; the list has {total}");
        Assert.All(all["items"]!.AsArray(), i => Assert.True((bool)i!["published"]!));
        var first = all["items"]![0]!;
        foreach (var key in new[] { "id", "type", "title", "slug", "culture", "versionId", "number", "published", "latest", "modifiedUtc", "author", "owner", "url" })
            Assert.True(first.AsObject().ContainsKey(key), $"list items have '{key}'");

        var page2 = await (await people.GetAsync(rep, $"{Api}?page=2&pageSize=3")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(total, (int)page2["total"]!);
        Assert.Equal(Ids(all).Skip(3).Take(3), Ids(page2));

        var drills = await (await people.GetAsync(rep, $"{Api}?type=Drill&pageSize=100")).JsonAsync(HttpStatusCode.OK);
        Assert.True((int)drills["total"]! >= 4);
        Assert.All(drills["items"]!.AsArray(), i => Assert.Equal("Drill", (string)i!["type"]!));
        var english = await (await people.GetAsync(rep, $"{Api}?culture=en&pageSize=100")).JsonAsync(HttpStatusCode.OK);
        Assert.All(english["items"]!.AsArray(), i => Assert.Equal("en", (string)i!["culture"]!));

        foreach (var (query, field) in new[] { ("pageSize=101", "pageSize"), ("page=0", "page"), ("status=secret", "status"), ("type=Memo", "type") })
        {
            var problem = await (await people.GetAsync(rep, $"{Api}?{query}")).JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal(field, problem.ErrorFields()[0]);
        }
        // A malformed number is refused as JSON too, not with an HTML page.
        var malformed = await (await people.GetAsync(rep, $"{Api}?page=two")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(400, (int)malformed["status"]!);
    }
}

public sealed class ContentApiTests_Sqlite(SqlitePortal portal) : ContentApiTests(portal), IClassFixture<SqlitePortal>;

public sealed class ContentApiTests_Postgres(PostgresPortal portal) : ContentApiTests(portal), IClassFixture<PostgresPortal>;
