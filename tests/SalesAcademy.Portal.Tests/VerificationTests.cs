using System.Net;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>/review/due: items whose verification is due, and marking them verified.</summary>
public sealed class VerificationTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task A_trainer_sees_due_items_marks_one_verified_and_readers_see_the_date()
    {
        using var admin = new Browser(portal.Factory); // administrators hold content.verify
        await admin.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var queue = await (await admin.GetAsync("/review/due")).Content.ReadAsStringAsync();
        Assert.Contains("/cases/huawei-iron-triangle", queue); // the seed sets no lastVerified: everything is due
        Assert.Contains("Due for review", await (await admin.GetAsync("/cases/huawei-iron-triangle")).Content.ReadAsStringAsync());

        var verified = await admin.SubmitAsync("/review/due", new Dictionary<string, string>(), handler: "Verify&id=case-huawei-iron-triangle");
        var after = await verified.Content.ReadAsStringAsync();
        Assert.Contains("Marked as verified.", after);
        Assert.DoesNotContain("/cases/huawei-iron-triangle", after);
        var page = await (await admin.GetAsync("/cases/huawei-iron-triangle")).Content.ReadAsStringAsync();
        Assert.Contains($"Verified on {DateTime.UtcNow:yyyy-MM-dd}", page);
    }

    [Fact]
    public async Task An_anonymous_reader_has_no_review_queue_and_cannot_verify()
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/review/due");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery);
    }
}
