using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace SalesAcademy.Core.Security;

/// <summary>A named permission (e.g. <c>content.publish</c>) that the admin grants to roles.</summary>
public sealed record Permission(string Name, string Description);

/// <summary>A module declares its permissions and which roles hold them on a new site.</summary>
public interface IPermissionProvider
{
    IEnumerable<Permission> Permissions { get; }
    IEnumerable<(string Role, string Permission)> DefaultGrants { get; }
}

/// <summary>The portal's roles. Permissions, not role names, guard pages and APIs.</summary>
public static class PortalRoles
{
    public const string Administrator = "Administrator";
    public const string Trainer = "Trainer";
    public const string TeamLead = "TeamLead";
    public const string Rep = "Rep";
    public static readonly string[] All = [Administrator, Trainer, TeamLead, Rep];
}

/// <summary>Policy names that are not single permissions.</summary>
public static class PortalPolicies
{
    /// <summary>Reading published content: any signed-in user, or anyone when the site allows anonymous reading.</summary>
    public const string ReadContent = "portal.read";

    /// <summary>The policy that checks one permission (<c>perm:content.publish</c>).</summary>
    public static string For(string permission) => $"perm:{permission}";
}

public static class PermissionAuthorizationExtensions
{
    /// <summary>Whether <paramref name="user"/> holds <paramref name="permission"/> (the <see cref="PortalPolicies.For"/> policy), for checks made in code.</summary>
    public static async Task<bool> HasPermissionAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string permission) =>
        (await authorization.AuthorizeAsync(user, PortalPolicies.For(permission))).Succeeded;
}
