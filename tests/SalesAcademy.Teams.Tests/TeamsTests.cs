using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Teams.Tests;

/// <summary>Teams through the admin forms, who sees a team (members, trainers, admins) and the ITeamDirectory answers.</summary>
public abstract class TeamsTests(PortalFixture portal)
{
    private const string Password = "Iron triangle at the customer 9";

    private async Task<(string Email, string Id)> NewUserAsync(string role = PortalRoles.Rep)
    {
        var user = await TestUsers.NewAsync(portal.Factory, role);
        return (user.Email!, user.Id);
    }

    /// <summary>A team made directly through the roster (the forms are tested on their own).</summary>
    private async Task<string> NewTeamAsync(params (string Email, string Role)[] members)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Team " + Guid.NewGuid().ToString("N")[..8], "A test team");
        Assert.Null(error);
        foreach (var (email, role) in members) Assert.Null(await roster.AddMemberAsync(team!.Id, email, role));
        return team!.Id;
    }

    private async Task<T> WithDirectoryAsync<T>(Func<ITeamDirectory, IServiceProvider, Task<T>> action)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ITeamDirectory>(), scope.ServiceProvider);
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        return await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task<Browser> SignedInAsync(string email, string password = Password)
    {
        var browser = new Browser(portal.Factory);
        await browser.SignInAsync(email, password);
        Assert.True(browser.HasAuthCookie, $"{email} could not sign in");
        return browser;
    }

    [Fact]
    public async Task An_administrator_creates_a_team_and_manages_its_members_through_the_forms()
    {
        var am = await NewUserAsync();
        var rep = await NewUserAsync();
        using var admin = await SignedInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var name = "Deal team " + Guid.NewGuid().ToString("N")[..6];

        var created = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["name"] = name, ["description"] = "Wins the bank" }, "Create");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("The team was created.", await created.Content.ReadAsStringAsync());
        var duplicate = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["name"] = name }, "Create");
        Assert.Contains("A team with this name exists already.", await duplicate.Content.ReadAsStringAsync());

        string id;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
            id = (await scope.ServiceProvider.GetRequiredService<TeamRoster>().FindByNameAsync(name))!.Id;

        var added = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["id"] = id, ["email"] = am.Email, ["role"] = "AccountManager" }, "AddMember");
        Assert.Contains("The member was added.", await added.Content.ReadAsStringAsync());
        await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["id"] = id, ["email"] = rep.Email, ["role"] = "Rep" }, "AddMember");
        var unknown = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["id"] = id, ["email"] = "nobody@salesacademy.test", ["role"] = "Rep" }, "AddMember");
        Assert.Contains("No user has this e-mail address.", await unknown.Content.ReadAsStringAsync());
        var badRole = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["id"] = id, ["email"] = rep.Email, ["role"] = "Astronaut" }, "AddMember");
        Assert.Contains("Choose one of the team roles.", await badRole.Content.ReadAsStringAsync());

        // A custom team role, then a member moved to it.
        var roleKey = "PreSales" + Guid.NewGuid().ToString("N")[..4];
        var role = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["key"] = roleKey, ["nameZh"] = "售前", ["nameEn"] = "Pre-sales" }, "AddRole");
        Assert.Contains("The team role was added.", await role.Content.ReadAsStringAsync());
        var changed = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["id"] = id, ["userId"] = rep.Id, ["role"] = roleKey }, "Role");
        Assert.Contains("The team role was changed.", await changed.Content.ReadAsStringAsync());

        Assert.Equal([new TeamMembership(id, name, "AccountManager")], await WithDirectoryAsync((d, _) => d.TeamsOfAsync(am.Id)));
        Assert.Equal([new TeamMembership(id, name, roleKey)], await WithDirectoryAsync((d, _) => d.TeamsOfAsync(rep.Id)));
        using (var member = await SignedInAsync(rep.Email))
            Assert.Contains("Pre-sales", await (await member.GetAsync($"/teams/{id}")).Content.ReadAsStringAsync());

        var removed = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["id"] = id, ["userId"] = rep.Id }, "Remove");
        Assert.Contains("The member was removed.", await removed.Content.ReadAsStringAsync());
        Assert.Empty(await WithDirectoryAsync((d, _) => d.TeamsOfAsync(rep.Id)));

        var renamed = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["id"] = id, ["name"] = name + " (renamed)", ["description"] = "" }, "Rename");
        Assert.Contains("The team was saved.", await renamed.Content.ReadAsStringAsync());
        Assert.Equal(name + " (renamed)", (await WithDirectoryAsync((d, _) => d.TeamsOfAsync(am.Id))).Single().TeamName);

        var deleted = await admin.SubmitAsync("/admin/teams", new Dictionary<string, string> { ["id"] = id }, "Delete");
        Assert.Contains("The team was deleted.", await deleted.Content.ReadAsStringAsync());
        Assert.Empty(await WithDirectoryAsync((d, _) => d.TeamsOfAsync(am.Id)));
    }

    [Fact]
    public async Task Members_see_their_team_a_rep_outside_it_gets_404_and_a_trainer_sees_it()
    {
        var am = await NewUserAsync();
        var sm = await NewUserAsync();
        var outsider = await NewUserAsync();
        var trainer = await NewUserAsync(PortalRoles.Trainer);
        var id = await NewTeamAsync((am.Email, "AccountManager"), (sm.Email, "SolutionManager"));
        var name = (await WithDirectoryAsync((d, _) => d.TeamsOfAsync(am.Id))).Single().TeamName;

        using (var member = await SignedInAsync(am.Email))
        {
            var mine = await member.GetAsync("/teams");
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            var html = await mine.Content.ReadAsStringAsync();
            Assert.Contains(name, html);
            Assert.Contains(sm.Email, html);
            Assert.Contains("Solution manager", html);
            Assert.Contains("href=\"/teams\"", html); // "Your teams" in the account menu
            var details = await member.GetAsync($"/teams/{id}");
            Assert.Equal(HttpStatusCode.OK, details.StatusCode);
            Assert.Contains(sm.Email, await details.Content.ReadAsStringAsync());
        }
        using (var rep = await SignedInAsync(outsider.Email))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/teams/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync("/teams/no-such-team")).StatusCode);
            Assert.DoesNotContain(name, await (await rep.GetAsync("/teams")).Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync("/admin/teams")).StatusCode);
        }
        using (var coach = await SignedInAsync(trainer.Email))
        {
            var details = await coach.GetAsync($"/teams/{id}");
            Assert.Equal(HttpStatusCode.OK, details.StatusCode);
            Assert.Contains(am.Email, await details.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync("/admin/teams")).StatusCode); // teams.manage is not the trainer's
        }
        using (var admin = await SignedInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/teams/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/teams/no-such-team")).StatusCode);
        }
        using var anonymous = new Browser(portal.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/teams/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_team_directory_answers_as_the_pages_do()
    {
        var lead = await NewUserAsync(PortalRoles.TeamLead);
        var outsider = await NewUserAsync();
        var trainer = await NewUserAsync(PortalRoles.Trainer);
        var first = await NewTeamAsync((lead.Email, "Lead"));
        var second = await NewTeamAsync((lead.Email, "DeliveryManager"));

        var teams = await WithDirectoryAsync((d, _) => d.TeamsOfAsync(lead.Id));
        Assert.Equal(2, teams.Count);
        Assert.Equal("Lead", teams.Single(t => t.TeamId == first).TeamRole);
        Assert.Equal("DeliveryManager", teams.Single(t => t.TeamId == second).TeamRole);
        Assert.Empty(await WithDirectoryAsync((d, _) => d.TeamsOfAsync(outsider.Id)));

        Assert.True(await WithDirectoryAsync(async (d, s) => await d.CanSeeTeamDataAsync(await PrincipalAsync(s, lead.Email), first)));
        Assert.False(await WithDirectoryAsync(async (d, s) => await d.CanSeeTeamDataAsync(await PrincipalAsync(s, outsider.Email), first)));
        Assert.True(await WithDirectoryAsync(async (d, s) => await d.CanSeeTeamDataAsync(await PrincipalAsync(s, trainer.Email), second)));
        Assert.True(await WithDirectoryAsync(async (d, s) => await d.CanSeeTeamDataAsync(await PrincipalAsync(s, TestUsers.AdminEmail), second)));
        Assert.False(await WithDirectoryAsync(async (d, s) => await d.CanSeeTeamDataAsync(await PrincipalAsync(s, TestUsers.AdminEmail), "no-such-team")));
        Assert.False(await WithDirectoryAsync((d, _) => d.CanSeeTeamDataAsync(new ClaimsPrincipal(new ClaimsIdentity()), first)));
    }
}

public sealed class TeamsTests_Sqlite(SqlitePortal portal) : TeamsTests(portal), IClassFixture<SqlitePortal>;

public sealed class TeamsTests_Postgres(PostgresPortal portal) : TeamsTests(portal), IClassFixture<PostgresPortal>;
