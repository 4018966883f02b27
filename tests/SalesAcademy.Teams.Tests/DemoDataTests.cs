using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Teams.Tests;

/// <summary>Portal:Setup:DemoData: the demo team and its six users, once, and never without a configured password.</summary>
public abstract class DemoDataTests(DatabaseProvider provider)
{
    private const string DemoPassword = "Demo iron triangle 2026";
    private const string DemoTeam = "铁三角示范团队 / Iron triangle demo team";

    private static Dictionary<string, string?> Demo(string? password) => new()
    {
        ["Portal:Setup:DemoData"] = "true", ["Portal:Setup:DemoPassword"] = password,
    };

    [Fact]
    public async Task Demo_data_creates_the_team_and_six_users_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        for (var run = 0; run < 2; run++) // a second start on the same database creates nothing twice
        {
            await using var factory = new PortalFactory(database, importContent: false, overrides: Demo(DemoPassword));
            factory.StartServer();
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var db = scope.ServiceProvider.GetRequiredService<TeamsDbContext>();
            Assert.Equal(6, await users.Users.CountAsync(u => u.Email!.EndsWith("@demo.local")));
            var team = await db.Teams.Include(t => t.Members).SingleAsync(t => t.Name == DemoTeam);
            Assert.Equal(1, await db.Teams.CountAsync());
            Assert.Equal(6, team.Members.Count);
            Assert.Equal(["AccountManager", "DeliveryManager", "Lead", "Rep", "Rep", "SolutionManager"], team.Members.Select(m => m.TeamRole).Order());
            Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("lead@demo.local"))!, PortalRoles.TeamLead));
            Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync("rep1@demo.local"))!, PortalRoles.Rep));

            using var am = new Browser(factory);
            await am.SignInAsync("am@demo.local", DemoPassword);
            var html = await (await am.GetAsync("/teams")).Content.ReadAsStringAsync();
            Assert.Contains("Iron triangle demo team", html);
            Assert.Contains("dm@demo.local", html);
        }
    }

    [Fact]
    public async Task Demo_data_without_a_password_stops_start_up_naming_the_key()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new PortalFactory(database, importContent: false, overrides: Demo(null));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(factory.StartServer));
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Portal:Setup:DemoPassword", messages);
    }

    [Fact]
    public async Task Without_demo_data_no_demo_team_is_made()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new PortalFactory(database, importContent: false);
        factory.StartServer();
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<TeamsDbContext>().Teams.CountAsync());
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("am@demo.local"));
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        }
    }
}

public sealed class DemoDataTests_Sqlite() : DemoDataTests(DatabaseProvider.Sqlite);

public sealed class DemoDataTests_Postgres() : DemoDataTests(DatabaseProvider.Postgres);
