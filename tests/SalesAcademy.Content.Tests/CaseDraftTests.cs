using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>
/// Another module (a deal review) starts a case contribution through <see cref="ICaseDrafts"/>: a draft of that user on
/// the contribution form, prefilled, that then goes through the usual review; what it lacks is named, nothing written.
/// </summary>
public abstract class CaseDraftTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    private static ClaimsPrincipal Principal(string email, string? role, string displayName = "Rita Rep") => new(new ClaimsIdentity(
        [new(ClaimTypes.Name, email), new(PortalClaims.DisplayNameType, displayName), .. role is null ? Array.Empty<Claim>() : [new Claim(ClaimTypes.Role, role)]], "test"));

    private static CaseDraft Draft(string title) => new(title, "en", "lost", ["AccountManager", "DeliveryManager"],
        ["Bring delivery in before the proposal", "One <script>voice</script> to the customer"], "## What we discussed\n\n- Pricing came too late")
    {
        Summary = "From the deal review of the Acme bid.", Company = "Acme Retail", Industry = "retail", DealSize = "large",
    };

    private async Task<T> WithAsync<T>(Func<ICaseDrafts, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ICaseDrafts>());
    }

    private async Task<int> ContributionCountAsync(string contributor)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Contributions.CountAsync(c => c.Contributor == contributor);
    }

    [Fact]
    public async Task A_prefilled_draft_is_the_reps_contribution_to_finish_and_goes_through_the_review()
    {
        var rep = await TestUsers.CreateAsync(Factory, PortalRoles.Rep, "Rita Rep");
        var result = await WithAsync(d => d.CreateAsync(Principal(rep, PortalRoles.Rep), Draft("Lost Acme: what the review taught")));
        Assert.True(result.Created, string.Join("; ", result.Errors));
        Assert.Matches("^/contribute/[a-z0-9]{26}$", result.Url);
        var id = result.Url!["/contribute/".Length..];

        using var browser = await TestUsers.SignedInAsync(Factory, rep);
        var page = new HtmlParser().ParseDocument(await (await browser.GetAsync(result.Url)).Content.ReadAsStringAsync());
        Assert.Equal("Lost Acme: what the review taught", page.QuerySelector("input[name='f.title']")?.GetAttribute("value"));
        Assert.Equal("Acme Retail", page.QuerySelector("input[name='f.company']")?.GetAttribute("value"));
        Assert.Contains("One <script>voice</script> to the customer", page.QuerySelector("textarea[name='f.lessons:lines']")?.TextContent);
        Assert.Contains("Pricing came too late", page.QuerySelector("textarea[name='body']")?.TextContent);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
            var contribution = await db.Contributions.SingleAsync(c => c.ContentItemId == id);
            Assert.Equal(ContributionStatus.Draft, contribution.Status);
            Assert.Equal(rep, contribution.Contributor);
            var item = await db.Items.SingleAsync(i => i.ContentItemId == id && i.Latest);
            Assert.False(item.Published);
            var part = item.As<SalesAcademy.CaseLibrary.Models.CaseStudyPart>();
            Assert.Equal(("lost", "large", "retail"), (part.Outcome, part.DealSize, part.Industry));
            Assert.Equal(["AccountManager", "DeliveryManager"], part.Roles);
            Assert.Equal("Rita Rep", item.As<OwnershipPart>().ContributedBy);
        }

        // The existing review takes it from here: submitted, it waits in the trainers' queue.
        var submitted = await browser.SubmitAsync(result.Url, new Dictionary<string, string> { ["note"] = "From our deal review" }, "Submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var queue = new HtmlParser().ParseDocument(await (await trainer.GetAsync("/studio/reviews")).Content.ReadAsStringAsync());
        Assert.NotNull(queue.QuerySelector($"a[href='/studio/reviews/{id}']"));
    }

    [Fact]
    public async Task What_the_draft_lacks_is_named_by_field_and_nothing_is_written()
    {
        var rep = await TestUsers.CreateAsync(Factory, PortalRoles.Rep);
        var result = await WithAsync(d => d.CreateAsync(Principal(rep, PortalRoles.Rep),
            Draft("Incomplete") with { Company = null, Industry = "no-such-industry", DealSize = null, Roles = [] }));
        Assert.False(result.Created);
        Assert.Null(result.Url);
        var byField = result.Errors.ToDictionary(e => e.Field);
        Assert.Equal("Company", byField["company"].Label);
        Assert.Equal("Industry", byField["industry"].Label);
        Assert.Equal("Deal size", byField["dealSize"].Label);
        Assert.Equal("Roles involved", byField["roles"].Label);
        Assert.Equal(0, await ContributionCountAsync(rep));
    }

    [Fact]
    public async Task Only_someone_who_may_contribute_gets_a_draft()
    {
        var nobody = await TestUsers.CreateAsync(Factory, role: null);
        var result = await WithAsync(d => d.CreateAsync(Principal(nobody, role: null), Draft("Not mine to write")));
        Assert.False(result.Created);
        Assert.Equal("You may not contribute cases.", Assert.Single(result.Errors).Message);
        Assert.Equal(0, await ContributionCountAsync(nobody));
        Assert.False((await WithAsync(d => d.CreateAsync(new ClaimsPrincipal(new ClaimsIdentity()), Draft("Anonymous")))).Created);
    }

    [Fact]
    public async Task The_choices_are_the_case_librarys_industries_deal_sizes_and_outcomes()
    {
        var choices = await WithAsync(d => d.ChoicesAsync());
        Assert.Contains(choices.Industries, c => c.Key == "ict" && c.Label == "Information and communications technology (ICT)");
        Assert.Equal(["small", "medium", "large", "strategic"], choices.DealSizes.Select(c => c.Key));
        Assert.Equal(["won", "lost", "ongoing"], choices.Outcomes.Select(c => c.Key));
    }
}

public sealed class CaseDraftTests_Sqlite(SqlitePortal portal) : CaseDraftTests(portal), IClassFixture<SqlitePortal>;

public sealed class CaseDraftTests_Postgres(PostgresPortal portal) : CaseDraftTests(portal), IClassFixture<PostgresPortal>;
