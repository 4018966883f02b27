using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Api.Tests;

/// <summary>
/// The token handler reuses a token's claims between requests (issue 13 §3); every change that matters still takes
/// effect on the very next request: revoking, disabling the user, and a role change.
/// </summary>
public abstract partial class ApiAccessTests
{
    [Fact]
    public async Task A_used_token_is_refused_at_once_after_revoking_or_disabling_and_a_role_change_applies_at_once()
    {
        var rep = await people.NewAsync(PortalRoles.Rep);
        for (var i = 0; i < 3; i++) await (await people.GetAsync(rep, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK); // claims cached
        await people.RevokeAsync(rep);
        await (await people.GetAsync(rep, "/api/v1/users/me")).StatusAsync(HttpStatusCode.Unauthorized);

        var other = await people.NewAsync(PortalRoles.Rep);
        var me = await (await people.GetAsync(other, "/api/v1/users/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([PortalRoles.Rep], me["roles"]!.AsArray().Select(r => (string)r!));
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(other.Id))!;
            Assert.True((await users.AddToRoleAsync(user, PortalRoles.Trainer)).Succeeded);
        }
        me = await (await people.GetAsync(other, "/api/v1/users/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(PortalRoles.Trainer, me["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Contains("content.publish", me["permissions"]!.AsArray().Select(p => (string)p!));

        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(other.Id))!;
            user.Disabled = true;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }
        await (await people.GetAsync(other, "/api/v1/users/me")).StatusAsync(HttpStatusCode.Unauthorized);
    }
}
