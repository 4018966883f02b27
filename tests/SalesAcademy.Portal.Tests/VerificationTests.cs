using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>/review/due: items whose verification is due, and marking them verified.</summary>
public sealed class VerificationTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    // Verified by the trainer test; the refusal tests use another item, which stays due.
    private const string VerifiedId = "case-huawei-iron-triangle", VerifiedUrl = "/cases/huawei-iron-triangle";
    private const string RefusedId = "case-ibm-cross-department-project-groups", RefusedUrl = "/cases/ibm-cross-department-project-groups";

    [Fact]
    public async Task A_trainer_sees_due_items_marks_one_verified_and_readers_see_the_date()
    {
        using var trainer = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer)); // trainers hold content.verify
        var queue = await (await trainer.GetAsync("/review/due")).Content.ReadAsStringAsync();
        Assert.Contains(VerifiedUrl, queue); // the seed sets no lastVerified: everything is due
        Assert.Contains("Not verified yet", await (await trainer.GetAsync(VerifiedUrl)).Content.ReadAsStringAsync());

        var verified = await trainer.SubmitAsync("/review/due", new Dictionary<string, string>(), handler: "Verify&id=" + VerifiedId);
        var after = await verified.Content.ReadAsStringAsync();
        Assert.Contains("Marked as verified.", after);
        Assert.DoesNotContain(VerifiedUrl, after);
        using var rep = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep));
        var page = await (await rep.GetAsync(VerifiedUrl)).Content.ReadAsStringAsync();
        Assert.Contains($"Verified on {DateTime.UtcNow:yyyy-MM-dd}", page);
        Assert.DoesNotContain("sa-verification", page);
    }

    [Fact]
    public async Task Readers_are_not_told_an_item_is_due_trainers_are_and_the_seed_owner_is_the_training_team()
    {
        var rep = await TestUsers.CreateAsync(portal.Factory, "Rep");
        var trainer = await TestUsers.CreateAsync(portal.Factory, "Trainer");
        using var repBrowser = await TestUsers.SignedInAsync(portal.Factory, rep);
        using var trainerBrowser = await TestUsers.SignedInAsync(portal.Factory, trainer);
        using var trainerZh = await TestUsers.SignedInAsync(portal.Factory, trainer, language: "zh-CN");

        // The drill is never verified by another test of this class: it stays "not verified yet".
        const string page = "/drills/iron-triangle-role-play";
        var asRep = Meta(await Html(repBrowser, page));
        Assert.DoesNotContain("Due for review", asRep);
        Assert.DoesNotContain("Not verified yet", asRep);
        Assert.DoesNotContain("Verified on", asRep); // not true, so not said
        Assert.DoesNotContain("sa-verification", asRep);
        Assert.Contains("Owner: Training team", asRep);
        Assert.DoesNotContain("content-import", asRep);

        var asTrainer = Meta(await Html(trainerBrowser, page));
        Assert.Contains("data-state=\"not-verified\"", asTrainer);
        Assert.Contains("Not verified yet", asTrainer);
        var asTrainerZh = Meta(await Html(trainerZh, page));
        Assert.Contains("尚未复核", asTrainerZh);
        Assert.Contains("培训团队", asTrainerZh);

        // Once verified, readers are told so (and a rep's page is not the trainer's cached one).
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SalesAcademy.Content.Services.ContentManager>().MarkVerifiedAsync("drill-iron-triangle-role-play", trainer);
        asRep = Meta(await Html(repBrowser, page));
        Assert.Contains($"Verified on {DateTime.UtcNow:yyyy-MM-dd}", asRep);
        Assert.DoesNotContain("sa-verification", asRep);
        Assert.DoesNotContain("sa-verification", Meta(await Html(trainerBrowser, page))); // verified for a year: nothing due
    }

    private static async Task<string> Html(Browser browser, string url) => await (await browser.GetAsync(url)).Content.ReadAsStringAsync();

    /// <summary>The item's meta line (published, owner, verification) from its page.</summary>
    private static string Meta(string html)
    {
        var start = html.IndexOf("sa-item-meta", StringComparison.Ordinal);
        Assert.True(start >= 0, "no meta line on the page");
        return html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task An_anonymous_reader_has_no_review_queue_and_cannot_verify()
    {
        using var anonymous = new Browser(portal.Factory);
        var response = await anonymous.GetAsync("/review/due");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery);

        // A real verify post with a valid (anonymous) antiforgery token: sent to sign in, and nothing changes.
        var token = await anonymous.AntiforgeryTokenAsync("/account/login");
        var verify = await anonymous.PostAsync($"/review/due?handler=Verify&id={RefusedId}", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.StartsWith("/account/login", verify.Headers.Location?.PathAndQuery);
        await AssertStillDueAsync();
    }

    [Fact]
    public async Task A_rep_who_does_not_own_an_item_cannot_verify_it()
    {
        using var rep = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep));
        Assert.DoesNotContain(RefusedUrl, await (await rep.GetAsync("/review/due")).Content.ReadAsStringAsync()); // not theirs: not in their queue
        // Their queue is empty (no form there): the token comes from another of their pages.
        var verify = await rep.SubmitToAsync("/account/profile", "/review/due?handler=Verify&id=" + RefusedId, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        await AssertStillDueAsync();
    }

    private async Task AssertStillDueAsync()
    {
        using var trainer = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer));
        Assert.Contains(RefusedUrl, await (await trainer.GetAsync("/review/due")).Content.ReadAsStringAsync());
        Assert.Contains("data-state=\"not-verified\"", await (await trainer.GetAsync(RefusedUrl)).Content.ReadAsStringAsync());
    }
}
