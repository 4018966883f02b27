using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Playbooks.Models;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Issue 12's content findings: who may name an item's owner and credit, which drafts a contributor's editor lists,
/// which items take comments, and the size limit of Markdown texts in the forms, the API and the importer.
/// </summary>
public sealed class ContentFindingsTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private PortalFactory Factory => portal.Factory;

    private static Dictionary<string, string> CaseFields(string title, string body = "We won it together.") => new()
    {
        ["f.title"] = title, ["f.summary"] = "A rep's own deal.", ["f.culture"] = "en", ["f.company"] = "Acme Retail",
        ["f.industry"] = "retail", ["f.dealSize"] = "medium", ["f.outcome"] = "won", ["f.roles[]"] = "AccountManager",
        ["f.lessons:lines"] = "Bring delivery in early", ["f.tags[]"] = "crm", ["body"] = body, ["basedOnVersionId"] = "",
    };

    private async Task<ContentItem> LatestAsync(string id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(id, VersionOptions.Latest))!;
    }

    private static string IdFrom(HttpResponseMessage saved, string prefix)
    {
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return saved.Headers.Location!.OriginalString[prefix.Length..].Split('?')[0];
    }

    [Fact]
    public async Task A_contributor_cannot_name_the_owner_or_the_credit_through_the_contribution_form()
    {
        var rep = await TestUsers.CreateAsync(Factory, PortalRoles.Rep, "Rita Rep");
        using var browser = await TestUsers.SignedInAsync(Factory, rep);
        var fields = CaseFields("Owner probe");
        fields["f.owner"] = TestUsers.AdminEmail;
        fields["f.contributedBy"] = "The CEO";
        var id = IdFrom(await browser.SubmitAsync("/contribute/new", fields, "Save"), "/contribute/");

        var item = await LatestAsync(id);
        Assert.Equal(rep, item.As<OwnershipPart>().Owner ?? item.Owner, StringComparer.OrdinalIgnoreCase);
        Assert.NotEqual(TestUsers.AdminEmail, item.Owner, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Rita Rep", item.As<OwnershipPart>().ContributedBy);

        // The next draft of the same contribution: the same fields are ignored again.
        fields["basedOnVersionId"] = item.ContentItemVersionId;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync($"/contribute/{id}", fields, "Save")).StatusCode);
        item = await LatestAsync(id);
        Assert.Equal(2, item.Number);
        Assert.NotEqual(TestUsers.AdminEmail, item.Owner, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Rita Rep", item.As<OwnershipPart>().ContributedBy);
    }

    [Fact]
    public async Task A_contributor_cannot_name_the_owner_or_the_credit_through_the_studio_form()
    {
        var rep = await TestUsers.CreateAsync(Factory, PortalRoles.Rep, "Rita Rep");
        using var browser = await TestUsers.SignedInAsync(Factory, rep);
        var id = IdFrom(await browser.SubmitAsync("/contribute/new", CaseFields("Studio owner probe"), "Save"), "/contribute/");
        var before = await LatestAsync(id);

        // The contributor's editor in the studio: no owner input, and a posted owner is ignored.
        var editor = new HtmlParser().ParseDocument(await (await browser.GetAsync($"/studio/edit/{id}")).Content.ReadAsStringAsync());
        Assert.Null(editor.QuerySelector("input[name='f.owner']"));
        var fields = CaseFields("Studio owner probe, second draft");
        fields.Remove("body");
        fields.Remove("basedOnVersionId");
        fields["f.slug"] = before.Slug;
        fields["Body"] = "Second draft.";
        fields["BasedOnVersionId"] = before.ContentItemVersionId;
        fields["f.owner"] = TestUsers.AdminEmail;
        fields["f.contributedBy"] = "The CEO";
        var saved = await browser.SubmitAsync($"/studio/edit/{id}", fields, "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await LatestAsync(id);
        Assert.Equal(before.Number + 1, after.Number);
        Assert.Equal(before.Owner, after.Owner);
        Assert.Equal(rep, after.As<OwnershipPart>().Owner ?? after.Owner, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Rita Rep", after.As<OwnershipPart>().ContributedBy);
    }

    [Fact]
    public async Task A_trainer_still_hands_an_item_to_another_owner_in_the_studio()
    {
        var trainer = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        var other = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using var browser = await TestUsers.SignedInAsync(Factory, trainer);
        var fields = CaseFields("Handed over");
        fields.Remove("body");
        fields.Remove("basedOnVersionId");
        fields["f.slug"] = "handed-" + Guid.NewGuid().ToString("N")[..8];
        fields["Body"] = "Body.";
        fields["f.owner"] = other;
        var id = IdFrom(await browser.SubmitAsync("/studio/edit?type=CaseStudy", fields, "Save"), "/studio/edit/");
        Assert.Equal(other, (await LatestAsync(id)).Owner, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_contributors_editor_lists_no_titles_of_other_peoples_drafts()
    {
        // A trainer's playbook draft: a case's editor offers playbooks to link to.
        var trainer = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        var secret = "Secret draft " + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var draft = manager.New("Playbook");
            draft.Apply(new TitlePart { Title = secret }).Apply(new RoutePart { Slug = "secret-" + Guid.NewGuid().ToString("N")[..8] })
                .Apply(new MarkdownBodyPart { Markdown = "Not yet." }).Apply(new OwnershipPart { Owner = trainer })
                .Apply(new PlaybookPart { Audience = "All", Stages = [new PlaybookStage { Key = "one", Name = "One", Goal = "Goal", Raci = [new RaciEntry { Role = "AccountManager", Raci = "A" }] }] });
            await manager.CreateAsync(draft, trainer, publish: false);
        }
        using (var trainerBrowser = await TestUsers.SignedInAsync(Factory, trainer))
            Assert.Contains(secret, await (await trainerBrowser.GetAsync("/studio/edit?type=CaseStudy")).Content.ReadAsStringAsync()); // content.view.drafts

        var rep = await TestUsers.CreateAsync(Factory, PortalRoles.Rep);
        using var browser = await TestUsers.SignedInAsync(Factory, rep);
        var mine = "My own draft " + Guid.NewGuid().ToString("N")[..8];
        var id = IdFrom(await browser.SubmitAsync("/contribute/new", CaseFields(mine), "Save"), "/contribute/");
        var editor = await browser.GetAsync($"/studio/edit/{id}");
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        var html = await editor.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, html);
        Assert.Contains("协同销售标准流程", html); // a published playbook is still offered to link to
    }

    [Theory]
    [InlineData("quiz-iron-triangle-basics")]      // a quiz
    [InlineData("question-huawei-fr-role")]        // a question (the bank is for trainers only)
    public async Task Comments_on_questions_and_quizzes_are_not_found(string contentItemId)
    {
        using var browser = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        var refused = await browser.SubmitToAsync("/cases/huawei-iron-triangle", "/comments",
            new Dictionary<string, string> { ["contentItemId"] = contentItemId, ["text"] = "What is this quiz called?" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("铁三角基础", await refused.Content.ReadAsStringAsync());

        var allowed = await browser.SubmitToAsync("/cases/huawei-iron-triangle", "/comments",
            new Dictionary<string, string> { ["contentItemId"] = "case-huawei-iron-triangle", ["text"] = "A case takes comments." });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
    }

    [Fact]
    public async Task A_too_long_body_is_refused_by_name_in_the_contribution_form()
    {
        using var browser = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        var refused = await browser.SubmitAsync("/contribute/new", CaseFields("Long story", new string('x', MarkdownBodyPart.MaxLength + 1)), "Save");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector(".sa-errors")!.TextContent;
        Assert.Contains("The story (Markdown): " + MarkdownBodyPart.TooLongMessage, errors); // the field by its label on the form
        // At the limit it is accepted.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/contribute/new", CaseFields("Long story", new string('x', MarkdownBodyPart.MaxLength)), "Save")).StatusCode);
    }

    [Fact]
    public async Task A_too_long_body_is_a_problem_naming_the_field_in_the_api()
    {
        var people = new ApiPeople(Factory);
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var response = await people.SendAsync(trainer, HttpMethod.Post, "/api/v1/content", new
        {
            type = "Playbook",
            fields = new { slug = "long-" + Guid.NewGuid().ToString("N")[..8], culture = "en", title = "Long", audience = "All", stages = new[] { new { key = "one", name = "One", goal = "Goal" } } },
            body = new string('x', MarkdownBodyPart.MaxLength + 1),
        });
        var problem = await response.JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(MarkdownBodyPart.TooLongMessage, problem.ToJsonString());
        Assert.Contains("\"body\"", problem.ToJsonString());
    }

    [Fact]
    public void A_too_long_body_is_reported_by_the_importer_with_file_line_and_field()
    {
        using var scope = Factory.Services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<ContentFolderReader>();
        // A seed file whose body is one character too long.
        var lines = File.ReadAllLines(Path.Combine(TestPaths.SeedContent, "playbooks", "collaborative-sales-process.md"));
        var end = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        var text = string.Join("\n", lines[..(end + 1)]) + "\n" + new string('x', MarkdownBodyPart.MaxLength + 1) + "\n";
        var file = reader.Parse(text, "content/playbooks/collaborative-sales-process.md", "playbooks/collaborative-sales-process.md");
        var error = Assert.Single(file.Errors);
        Assert.Equal("content/playbooks/collaborative-sales-process.md", error.Path);
        Assert.Equal("body", error.Field);
        Assert.Equal(end + 2, error.Line); // the first line after the front matter
        Assert.Equal(MarkdownBodyPart.TooLongMessage, error.Message);
    }
}
