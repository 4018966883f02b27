using System.Net;
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
        Assert.Contains("class=\"sa-due\"", await (await trainer.GetAsync(VerifiedUrl)).Content.ReadAsStringAsync());

        var verified = await trainer.SubmitAsync("/review/due", new Dictionary<string, string>(), handler: "Verify&id=" + VerifiedId);
        var after = await verified.Content.ReadAsStringAsync();
        Assert.Contains("Marked as verified.", after);
        Assert.DoesNotContain(VerifiedUrl, after);
        using var rep = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep));
        var page = await (await rep.GetAsync(VerifiedUrl)).Content.ReadAsStringAsync();
        Assert.Contains($"Verified on {DateTime.UtcNow:yyyy-MM-dd}", page);
        Assert.DoesNotContain("class=\"sa-due\"", page);
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
        Assert.Contains("class=\"sa-due\"", await (await trainer.GetAsync(RefusedUrl)).Content.ReadAsStringAsync());
    }
}
