using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.Models;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Retros.Tests;

/// <summary>
/// The Retros module on the Core contracts: a closed deal review becomes a
/// case contribution draft of the member who asks, without card authors; another team's member gets 404; open actions
/// linked to content are that content's follow-ups.
/// </summary>
public abstract class DealReviewCaseDraftTests(PortalFixture portal)
{
    private const string Playbook = "playbook-collaborative-sales-process";
    private PortalFactory Factory => portal.Factory;

    private sealed record Setup(long RetroId, long OpenActionId, string Member, string LeadEmail, string LeadId, string LeadName, string OtherTeamMember);

    private static async Task<IHtmlDocument> PageAsync(Browser browser, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Two teams; a closed deal review of the first with a named card by its lead, an anonymous card, groups, votes and actions.</summary>
    private async Task<Setup> DealReviewAsync(RetroPhase phase = RetroPhase.Closed, string? dealName = "Acme ERP")
    {
        var member = await TestUsers.CreateAsync(Factory, PortalRoles.Rep, "Mia Member");
        var lead = await TestUsers.NewAsync(Factory, PortalRoles.TeamLead, "Leo Lead-Author");
        var other = await TestUsers.CreateAsync(Factory, PortalRoles.Rep, "Olga Other");
        await using var scope = Factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (team, error) = await roster.CreateAsync("Deal team " + suffix, null, "test");
        Assert.Null(error);
        var (otherTeam, _) = await roster.CreateAsync("Other team " + suffix, null, "test");
        Assert.Null(await roster.AddMemberAsync(team!.Id, member, "AccountManager"));
        Assert.Null(await roster.AddMemberAsync(team.Id, lead.Email, TeamRoles.Lead));
        Assert.Null(await roster.AddMemberAsync(otherTeam!.Id, other, "AccountManager"));

        var db = scope.ServiceProvider.GetRequiredService<RetrosDbContext>();
        var now = DateTime.UtcNow;
        var retro = new Retro
        {
            TeamId = team.Id, Title = "Deal review: Acme ERP", TemplateItemId = "retro-template-deal-review", TemplateVersionId = "v1",
            Phase = phase, Anonymous = false, DealName = dealName, DealOutcome = dealName is null ? null : "lost",
            DealRoles = dealName is null ? null : "AccountManager, SolutionManager", StartedByUserId = lead.Id, CreatedUtc = now, ClosedUtc = now,
        };
        db.Retros.Add(retro);
        await db.SaveChangesAsync();
        var pricing = new RetroGroup { RetroId = retro.Id, Name = "Late <b>pricing</b>", Notes = "Finance joined *after* the proposal\nNobody owned the margin" };
        var oneTeam = new RetroGroup { RetroId = retro.Id, Name = "The customer saw one team" };
        var ignored = new RetroGroup { RetroId = retro.Id, Name = "Parking lot nobody voted for" };
        db.Groups.AddRange(pricing, oneTeam, ignored);
        await db.SaveChangesAsync();
        db.Cards.AddRange(
            new RetroCard { RetroId = retro.Id, PromptKey = "hurt", Text = "Lead's named card text", AuthorUserId = lead.Id, GroupId = pricing.Id },
            new RetroCard { RetroId = retro.Id, PromptKey = "helped", Text = "Anonymous card text", GroupId = oneTeam.Id });
        db.Votes.AddRange(
            new RetroVote { RetroId = retro.Id, GroupId = oneTeam.Id, UserId = member }, new RetroVote { RetroId = retro.Id, GroupId = oneTeam.Id, UserId = lead.Id },
            new RetroVote { RetroId = retro.Id, GroupId = pricing.Id, UserId = lead.Id });
        var open = new RetroAction
        {
            RetroId = retro.Id, TeamId = team.Id, Text = "Bring finance into <qualification>", OwnerUserId = lead.Id, DueUtc = new DateOnly(2027, 1, 15),
            LinkedContentItemId = Playbook, LinkedContentType = "Playbook", LinkedAnchor = "discover", CreatedUtc = now,
        };
        db.Actions.AddRange(open, new RetroAction
        {
            RetroId = retro.Id, TeamId = team.Id, Text = "An action already done", OwnerUserId = lead.Id, DueUtc = new DateOnly(2027, 1, 1),
            Status = RetroActionStatus.Done, LinkedContentItemId = Playbook, CreatedUtc = now, ClosedUtc = now,
        });
        await db.SaveChangesAsync();
        return new(retro.Id, open.Id, member, lead.Email!, lead.Id, lead.DisplayName, other);
    }

    private static Dictionary<string, string> Choices(string industry = "ict") => new()
    {
        ["Company"] = "Acme ERP", ["Industry"] = industry, ["DealSize"] = "large", ["Outcome"] = "lost", ["Roles"] = "SolutionManager",
    };

    [Fact]
    public async Task A_closed_deal_review_becomes_the_members_contribution_draft_without_card_authors()
    {
        var s = await DealReviewAsync();
        using var member = await TestUsers.SignedInAsync(Factory, s.Member);
        var page = await PageAsync(member, $"/retros/{s.RetroId}/case-draft");
        Assert.Equal("Deal review: Acme ERP", page.QuerySelector(".sa-draft-title")?.TextContent);
        // Lessons: the discussed groups in vote order, then the actions; the group nobody voted for or wrote about is left out.
        Assert.Equal(["The customer saw one team", "Late <b>pricing</b>", "Bring finance into <qualification>", "An action already done"],
            page.QuerySelectorAll(".sa-draft-lessons li").Select(li => li.TextContent));
        Assert.Null(page.QuerySelector(".sa-draft-lessons b"));
        Assert.Equal("Acme ERP", page.QuerySelector("input[name='Company']")?.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("select[name='Outcome'] option[value='lost'][selected]"));
        Assert.NotNull(page.QuerySelector("input[name='Roles'][value='AccountManager'][checked]"));
        Assert.NotNull(page.QuerySelector("input[name='Roles'][value='SolutionManager'][checked]"));
        Assert.Null(page.QuerySelector("input[name='Roles'][value='DeliveryManager'][checked]"));
        Assert.NotNull(page.QuerySelector("select[name='Industry'] option[value='ict']"));

        var created = await member.SubmitAsync($"/retros/{s.RetroId}/case-draft", Choices());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        Assert.Matches("^/contribute/case-draft-[a-f0-9]{20}$", url);
        var id = url["/contribute/".Length..];

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
            var contribution = await db.Contributions.SingleAsync(c => c.ContentItemId == id);
            Assert.Equal((s.Member, ContributionStatus.Draft), (contribution.Contributor, contribution.Status));
            var item = await db.Items.SingleAsync(i => i.ContentItemId == id && i.Latest);
            var part = item.As<CaseStudyPart>();
            Assert.Equal(("Acme ERP", "ict", "large", "lost"), (part.Company, part.Industry, part.DealSize, part.Outcome));
            Assert.Equal(["SolutionManager"], part.Roles);
            Assert.Equal("The customer saw one team", part.Lessons[0]);
            var story = item.As<MarkdownBodyPart>().Markdown;
            Assert.Contains("Finance joined \\*after\\* the proposal", story); // notes stay text
            Assert.Contains("Bring finance into \\<qualification\\> (due 2027-01-15)", story);
            // Anonymity: no card author (nor the cards, nor who owns an action) anywhere in what was stored.
            foreach (var secret in new[] { s.LeadEmail, s.LeadId, s.LeadName, "Lead's named card text", "Anonymous card text" })
                Assert.DoesNotContain(secret, item.Content + item.DisplayText, StringComparison.OrdinalIgnoreCase);
        }
        var form = await PageAsync(member, url);
        Assert.Equal("Deal review: Acme ERP", form.QuerySelector("input[name='f.title']")?.GetAttribute("value"));
        Assert.DoesNotContain("Leo Lead-Author", form.Body!.TextContent);

        // One draft per review and person: the page says where the started one is, and creating again opens it.
        Assert.Equal(url, (await PageAsync(member, $"/retros/{s.RetroId}/case-draft")).QuerySelector("#started a")?.GetAttribute("href"));
        var again = await member.SubmitAsync($"/retros/{s.RetroId}/case-draft", Choices());
        Assert.Equal(url, again.Headers.Location?.OriginalString);
        // Another member of the team starts their own.
        using var lead = await TestUsers.SignedInAsync(Factory, s.LeadEmail);
        Assert.Null((await PageAsync(lead, $"/retros/{s.RetroId}/case-draft")).QuerySelector("#started"));
        var theirs = (await lead.SubmitAsync($"/retros/{s.RetroId}/case-draft", Choices())).Headers.Location?.OriginalString;
        Assert.Matches("^/contribute/case-draft-[a-f0-9]{20}$", theirs);
        Assert.NotEqual(url, theirs);
        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Contributions.CountAsync(c => c.ContentItemId.StartsWith("case-draft-")
                && (c.Contributor == s.Member || c.Contributor == s.LeadEmail)));
    }

    [Fact]
    public async Task Another_teams_member_gets_404_and_so_does_any_retro_that_is_not_a_closed_deal_review()
    {
        var s = await DealReviewAsync();
        using var other = await TestUsers.SignedInAsync(Factory, s.OtherTeamMember);
        var page = await other.GetAsync($"/retros/{s.RetroId}/case-draft");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Acme ERP", await page.Content.ReadAsStringAsync());
        var post = await other.SubmitToAsync("/account/profile", $"/retros/{s.RetroId}/case-draft", Choices());
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Contributions.AnyAsync(c => c.Contributor == s.OtherTeamMember));

        var open = await DealReviewAsync(phase: RetroPhase.Actions);
        var plain = await DealReviewAsync(dealName: null);
        using var member = await TestUsers.SignedInAsync(Factory, open.Member);
        await PageAsync(member, $"/retros/{open.RetroId}/case-draft", HttpStatusCode.NotFound);
        using var plainMember = await TestUsers.SignedInAsync(Factory, plain.Member);
        await PageAsync(plainMember, $"/retros/{plain.RetroId}/case-draft", HttpStatusCode.NotFound);
        await PageAsync(plainMember, "/retros/987654321/case-draft", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_the_case_library_refuses_is_explained_field_by_field_and_nothing_is_created()
    {
        var s = await DealReviewAsync();
        using var member = await TestUsers.SignedInAsync(Factory, s.Member);
        var refused = await member.SubmitAsync($"/retros/{s.RetroId}/case-draft", Choices(industry: "not-an-industry"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Industry", page.QuerySelector("#errors li[data-field='industry']")?.TextContent);
        Assert.Equal("Acme ERP", page.QuerySelector("input[name='Company']")?.GetAttribute("value")); // what was chosen is kept
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Contributions.AnyAsync(c => c.Contributor == s.Member));
    }

    /// <summary>The summary's button (the DealReviewCaseDraft view component) for one retro, as HTML.</summary>
    private async Task<string> ButtonAsync(long retroId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var retro = await scope.ServiceProvider.GetRequiredService<RetrosDbContext>().Retros.AsNoTracking().SingleAsync(r => r.Id == retroId);
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await new ViewComponentResult { ViewComponentName = "DealReviewCaseDraft", Arguments = new { retro } }
            .ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    [Fact]
    public async Task The_summary_button_is_offered_on_a_closed_deal_review_only()
    {
        var closed = await DealReviewAsync();
        var button = new HtmlParser().ParseDocument(await ButtonAsync(closed.RetroId)).QuerySelector(".sa-deal-review-case-draft a");
        Assert.Equal($"/retros/{closed.RetroId}/case-draft", button?.GetAttribute("href"));
        Assert.Equal("", (await ButtonAsync((await DealReviewAsync(phase: RetroPhase.Discuss)).RetroId)).Trim());
        Assert.Equal("", (await ButtonAsync((await DealReviewAsync(dealName: null)).RetroId)).Trim());
    }

    [Fact]
    public async Task An_open_action_linked_to_a_playbook_is_a_follow_up_on_its_studio_page_and_a_done_one_is_not()
    {
        var s = await DealReviewAsync();
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var panel = (await PageAsync(trainer, $"/studio/edit/{Playbook}")).QuerySelector(".sa-follow-ups");
        Assert.NotNull(panel);
        var link = panel!.QuerySelectorAll("a.sa-follow-up-title").SingleOrDefault(a => a.GetAttribute("href") == $"/retros/{s.RetroId}#action-{s.OpenActionId}");
        Assert.NotNull(link);
        Assert.Equal("Bring finance into <qualification>", link!.TextContent);
        Assert.Contains("Retro action", link.ParentElement!.TextContent);
        // The stage by its name in the playbook (the playbook declares its stages as anchors), not its key.
        Assert.Equal("at 商机发现", link.ParentElement.QuerySelector(".sa-follow-up-anchor")!.TextContent.Trim());
        Assert.DoesNotContain("An action already done", panel.TextContent);
        // The playbook is the training team's: on every trainer's home page too.
        var home = (await PageAsync(trainer, "/")).QuerySelector(".sa-owned-follow-ups");
        Assert.Contains("Bring finance into <qualification>", home?.TextContent);
        Assert.Contains("at 商机发现", home!.QuerySelectorAll(".sa-follow-up-anchor").Select(a => a.TextContent.Trim()));
    }
}

public sealed class DealReviewCaseDraftTests_Sqlite(SqlitePortal portal) : DealReviewCaseDraftTests(portal), IClassFixture<SqlitePortal>;

public sealed class DealReviewCaseDraftTests_Postgres(PostgresPortal portal) : DealReviewCaseDraftTests(portal), IClassFixture<PostgresPortal>;
