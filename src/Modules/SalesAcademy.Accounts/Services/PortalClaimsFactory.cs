using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// Adds the display name to the principal so pages and other modules can credit people without a lookup, and
/// whether the user has a second factor (the enrolment gate reads it on every request).
/// </summary>
internal sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.DisplayName.Length > 0) identity.AddClaim(new Claim(PortalClaims.DisplayNameType, user.DisplayName));
        if (await MultiFactorPolicy.HasSecondFactorAsync(UserManager, user)) identity.AddClaim(new Claim(MultiFactorPolicy.EnrolledClaim, "1"));
        return identity;
    }
}
