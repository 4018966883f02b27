using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Audit.Data;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// One write path owns its side effects: whether an item is published from the studio page, the review queue, the API
/// or the importer, the audit entry, the change-log row and the contribution record each appear exactly once (and a
/// "save and publish" is audited as a publish).
/// </summary>
public abstract class ContentWritePathTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    private static Dictionary<string, string> StudioCase(string title, string slug) => new()
    {
        ["f.title"] = title, ["f.slug"] = slug, ["f.culture"] = "en", ["f.summary"] = "A rep's own deal.",
        ["f.company"] = "Acme Retail", ["f.industry"] = "retail", ["f.dealSize"] = "medium", ["f.outcome"] = "won",
        ["f.roles[]"] = "AccountManager", ["f.lessons:lines"] = "Bring delivery in early", ["f.tags[]"] = "crm",
        ["f.verifyEveryDays"] = "90", ["Body"] = "## Background\n\nWe **won** it together.",
    };

    private static Dictionary<string, string> ContributionCase(string title) => new()
    {
        ["f.title"] = title, ["f.summary"] = "A rep's own deal.", ["f.culture"] = "en", ["f.company"] = "Acme Retail",
        ["f.industry"] = "retail", ["f.dealSize"] = "medium", ["f.outcome"] = "won", ["f.roles[]"] = "AccountManager",
        ["f.lessons:lines"] = "Bring delivery in early", ["f.tags[]"] = "crm", ["body"] = "## Background\n\nWe won it together.",
        ["basedOnVersionId"] = "",
    };

    /// <summary>A rep's draft contribution, written through the contribution form; returns its id.</summary>
    private async Task<string> ContributionAsync(string title)
    {
        using var rep = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep, "Rita Rep"));
        var saved = await rep.SubmitAsync("/contribute/new", ContributionCase(title), "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return saved.Headers.Location!.OriginalString["/contribute/".Length..].Split('?')[0];
    }

    private async Task<long> HeadAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync();
    }

    /// <summary>What the write left behind for one item: audit actions (with actors), change-log kinds after <paramref name="head"/>, the review record.</summary>
    private async Task<Effects> EffectsAsync(string id, long head)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking()
            .Where(e => e.Target == id).OrderBy(e => e.Id).Select(e => e.Action + " by " + e.Actor).ToListAsync();
        var changes = (await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().ReadAfterAsync(head, 100_000))
            .Where(c => c.ContentItemId == id).Select(c => c.Kind).ToList();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var contribution = await db.Contributions.AsNoTracking().SingleOrDefaultAsync(c => c.ContentItemId == id);
        var published = await db.ReviewNotes.AsNoTracking().Where(n => n.ContentItemId == id && n.Kind == ReviewNoteKind.Published)
            .Select(n => n.Author).ToListAsync();
        return new Effects(audit, changes, contribution?.Status, published);
    }

    /// <summary>One publish by the trainer: one audit entry, one change, the contribution published with the trainer's note.</summary>
    private static void AssertPublishedOnceBy(string trainerEmail, Effects effects)
    {
        Assert.Equal([$"content.publish by {trainerEmail}"], effects.Audit);
        Assert.Equal([ContentChangeKind.Updated], effects.Changes);
        Assert.Equal(ContributionStatus.Published, effects.Contribution);
        Assert.Equal([trainerEmail], effects.PublishedNotes);
    }

    private sealed record Effects(List<string> Audit, List<ContentChangeKind> Changes, ContributionStatus? Contribution, List<string> PublishedNotes);

    private static async Task<string> BasedOnAsync(Browser browser, string id)
    {
        var html = await (await browser.GetAsync($"/studio/edit/{id}")).Content.ReadAsStringAsync();
        return new HtmlParser().ParseDocument(html).QuerySelector("input[name='BasedOnVersionId']")!.GetAttribute("value")!;
    }

    [Fact]
    public async Task Save_and_publish_in_the_studio_is_audited_as_a_publish_and_closes_the_contribution_once()
    {
        var id = await ContributionAsync("Studio publishes a contribution");
        var trainerEmail = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer, "Tom Trainer");
        using var trainer = await TestUsers.SignedInAsync(Factory, trainerEmail);
        var head = await HeadAsync();

        var fields = StudioCase("Studio publishes a contribution (edited)", "write-path-" + Guid.NewGuid().ToString("N")[..10]);
        fields["BasedOnVersionId"] = await BasedOnAsync(trainer, id);
        var response = await trainer.SubmitAsync($"/studio/edit/{id}", fields, handler: "Save&publish=true");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var effects = await EffectsAsync(id, head);
        AssertPublishedOnceBy(trainerEmail, effects);

        // Publishing what is already published changes nothing: no second entry anywhere.
        var again = await trainer.SubmitAsync($"/studio/edit/{id}",
            new Dictionary<string, string> { ["BasedOnVersionId"] = await BasedOnAsync(trainer, id) }, handler: "Publish");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var after = await EffectsAsync(id, head);
        Assert.Equal(effects.Audit, after.Audit);
        Assert.Equal(effects.Changes, after.Changes);
        Assert.Equal(effects.PublishedNotes, after.PublishedNotes);
    }

    [Fact]
    public async Task A_new_item_saved_and_published_in_the_studio_is_audited_once()
    {
        var trainerEmail = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using var trainer = await TestUsers.SignedInAsync(Factory, trainerEmail);
        var head = await HeadAsync();
        var response = await trainer.SubmitAsync("/studio/edit?type=CaseStudy",
            StudioCase("Published at once", "write-path-" + Guid.NewGuid().ToString("N")[..10]), handler: "Save&publish=true");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = response.Headers.Location!.OriginalString["/studio/edit/".Length..].Split('?')[0];

        var effects = await EffectsAsync(id, head);
        Assert.Equal([$"content.publish by {trainerEmail}"], effects.Audit);
        Assert.Equal([ContentChangeKind.Updated], effects.Changes);
        Assert.Null(effects.Contribution); // nobody contributed it: no review record appears
    }

    [Fact]
    public async Task Publishing_unpublishing_and_deleting_through_the_api_each_leave_one_audit_entry_and_one_change()
    {
        var id = await ContributionAsync("The API publishes a contribution");
        var people = new ApiPeople(Factory);
        var trainer = await people.NewAsync(PortalRoles.Trainer);
        var head = await HeadAsync();

        var publish = await people.SendAsync(trainer, HttpMethod.Post, $"/api/v1/content/{id}/publish", new { });
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var effects = await EffectsAsync(id, head);
        Assert.Equal([$"content.publish by {trainer.Email}"], effects.Audit);
        Assert.Equal([ContentChangeKind.Updated], effects.Changes);
        Assert.Equal(ContributionStatus.Published, effects.Contribution);
        Assert.Equal([trainer.Email], effects.PublishedNotes);

        Assert.Equal(HttpStatusCode.OK, (await people.SendAsync(trainer, HttpMethod.Post, $"/api/v1/content/{id}/unpublish")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await people.SendAsync(trainer, HttpMethod.Delete, $"/api/v1/content/{id}")).StatusCode);
        effects = await EffectsAsync(id, head);
        Assert.Equal([$"content.publish by {trainer.Email}", $"content.unpublish by {trainer.Email}", $"content.delete by {trainer.Email}"], effects.Audit);
        Assert.Equal([ContentChangeKind.Updated, ContentChangeKind.Unpublished, ContentChangeKind.Deleted], effects.Changes);
        Assert.Equal([trainer.Email], effects.PublishedNotes);
    }

    [Fact]
    public async Task Publishing_from_the_review_queue_records_the_reviewers_note_once()
    {
        var id = await ContributionAsync("The review queue publishes a contribution");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var rep = (await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Contributions.AsNoTracking().SingleAsync(c => c.ContentItemId == id)).Contributor;
            await scope.ServiceProvider.GetRequiredService<Contributions>().SubmitAsync(id, Principal(rep), "Please have a look");
        }
        var trainerEmail = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using var trainer = await TestUsers.SignedInAsync(Factory, trainerEmail);
        var head = await HeadAsync();

        var response = await trainer.SubmitAsync($"/studio/reviews/{id}", new Dictionary<string, string> { ["note"] = "Well told." }, handler: "Publish");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        AssertPublishedOnceBy(trainerEmail, await EffectsAsync(id, head));
    }

    [Fact]
    public async Task The_importer_audits_each_publish_once_and_an_unchanged_file_adds_nothing()
    {
        var id = "write-path-" + Guid.NewGuid().ToString("N")[..10];
        var folder = Path.Combine(Factory.Database.DataDirectory, "write-path", Guid.NewGuid().ToString("N"), "content");
        Directory.CreateDirectory(Path.Combine(folder, "cases"));
        System.IO.File.Copy(Path.Combine(TestPaths.SeedContent, "taxonomy.yaml"), Path.Combine(folder, "taxonomy.yaml"));
        string Markdown(string title) => $"""
            ---
            id: {id}
            type: CaseStudy
            slug: {id}
            culture: en
            title: {title}
            summary: Imported from a file.
            tags: [crm]
            company: Acme Retail
            industry: retail
            dealSize: medium
            outcome: won
            roles: [AccountManager]
            ---
            ## Background

            Imported.
            """;
        System.IO.File.WriteAllText(Path.Combine(folder, "cases", $"{id}.md"), Markdown("Imported once"));
        var head = await HeadAsync();

        async Task<ContentImportReport> ImportAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(folder);
        }

        Assert.Equal(1, (await ImportAsync()).Count(ContentFileOutcome.Created));
        var effects = await EffectsAsync(id, head);
        Assert.Equal([$"content.publish by {ContentImporter.ImportUser}"], effects.Audit);
        Assert.Equal([ContentChangeKind.Updated], effects.Changes);

        Assert.Equal(1, (await ImportAsync()).Count(ContentFileOutcome.Unchanged));
        Assert.Equal(effects.Audit, (await EffectsAsync(id, head)).Audit);

        System.IO.File.WriteAllText(Path.Combine(folder, "cases", $"{id}.md"), Markdown("Imported twice"));
        Assert.Equal(1, (await ImportAsync()).Count(ContentFileOutcome.Updated));
        effects = await EffectsAsync(id, head);
        Assert.Equal([$"content.publish by {ContentImporter.ImportUser}", $"content.publish by {ContentImporter.ImportUser}"], effects.Audit);
        Assert.Equal([ContentChangeKind.Updated, ContentChangeKind.Updated], effects.Changes);
        Assert.Null(effects.Contribution);
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(string userName) =>
        new(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Name, userName)], "test"));
}

public sealed class ContentWritePathTests_Sqlite(SqlitePortal portal) : ContentWritePathTests(portal), IClassFixture<SqlitePortal>;

public sealed class ContentWritePathTests_Postgres(PostgresPortal portal) : ContentWritePathTests(portal), IClassFixture<PostgresPortal>;
