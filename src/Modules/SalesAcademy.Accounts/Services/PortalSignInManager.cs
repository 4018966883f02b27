using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Models;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// Identity's sign-in, refusing disabled users, and the one place where server-side sessions start and end:
/// every way of signing in (password, two-factor, recovery code, passkey, external) ends in
/// <see cref="SignInWithClaimsAsync"/>, which opens a session and puts its id in the cookie.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<PortalUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<PortalUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation, UserSessions sessions)
    : SignInManager<PortalUser>(users, context, claims, options, logger, schemes, confirmation)
{
    // Set while RefreshSignInAsync re-issues the cookie of an open session (new roles, new security stamp).
    private string? refreshing;

    public override async Task<bool> CanSignInAsync(PortalUser user) => !user.Disabled && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(PortalUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var sessionId = refreshing;
        if (sessionId is null)
        {
            // A new sign-in never inherits the session of whoever signed in on this browser before.
            if (UserSessions.IdOf(Context.User) is { } previous && UserManager.GetUserId(Context.User) is { } previousUser)
                await sessions.EndAsync(previousUser, previous, "replaced");
            sessionId = (await sessions.StartAsync(user.Id, user.Email, Context, Context.RequestAborted)).Id;
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims.Append(new Claim(UserSessions.ClaimType, sessionId)));
    }

    public override async Task RefreshSignInAsync(PortalUser user)
    {
        var auth = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var current = UserSessions.IdOf(auth.Principal);
        // Only the session of this very user is carried over; anything else is left to Identity's own refusal.
        refreshing = current is not null && UserManager.GetUserId(auth.Principal!) == user.Id ? current : null;
        try { await base.RefreshSignInAsync(user); }
        finally { refreshing = null; }
    }

    public override async Task SignOutAsync()
    {
        if (UserSessions.IdOf(Context.User) is { } id && UserManager.GetUserId(Context.User) is { } userId)
            await sessions.EndAsync(userId, id, "signout");
        await base.SignOutAsync();
    }
}
