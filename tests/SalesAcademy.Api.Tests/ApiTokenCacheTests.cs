using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Api.Tests;

/// <summary>
/// The token handler reuses a token's claims and its check between requests (issue 13 §3); every change made on this node
/// still takes effect on the very next request: revoking (the service, the profile page, a new password), disabling the
/// user, and a role change. How long a check is kept: <c>TokenCheckCacheTests</c>; another node's change:
/// <c>ClusterSignalTests</c>.
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

    [Fact]
    public async Task A_token_checked_a_moment_ago_is_refused_at_once_after_revoking_it_on_the_profile_page_or_a_new_password()
    {
        // Each token is used just before the change, so its check is remembered: the change must drop it on this node.
        var rep = await people.NewAsync(PortalRoles.Rep);
        using var browser = new Browser(portal.Factory);
        await browser.SignInAsync(rep.Email, ApiPeople.Password);
        for (var i = 0; i < 3; i++) await (await people.GetAsync(rep, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK);
        var revoked = await browser.SubmitAsync($"/account/profile?id={rep.TokenId}", new Dictionary<string, string>(), handler: "RevokeToken");
        Assert.Contains("The token was revoked.", await revoked.Content.ReadAsStringAsync());
        await (await people.GetAsync(rep, "/api/v1/users/me")).StatusAsync(HttpStatusCode.Unauthorized);

        var other = await people.NewAsync(PortalRoles.Rep);
        using var otherBrowser = new Browser(portal.Factory);
        await otherBrowser.SignInAsync(other.Email, ApiPeople.Password);
        for (var i = 0; i < 3; i++) await (await people.GetAsync(other, "/api/v1/users/me")).StatusAsync(HttpStatusCode.OK);
        var changed = await otherBrowser.SubmitAsync("/account/profile",
            new Dictionary<string, string> { ["currentPassword"] = ApiPeople.Password, ["newPassword"] = "A brand new passphrase 42" }, handler: "Password");
        Assert.Contains("Your password was changed.", await changed.Content.ReadAsStringAsync());
        await (await people.GetAsync(other, "/api/v1/users/me")).StatusAsync(HttpStatusCode.Unauthorized);
    }
}
