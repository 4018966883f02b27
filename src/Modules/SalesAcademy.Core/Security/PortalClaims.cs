using System.Security.Claims;

namespace SalesAcademy.Core.Security;

/// <summary>Claims every signed-in principal carries (the Accounts module adds them at sign-in).</summary>
public static class PortalClaims
{
    public const string DisplayNameType = "sa:display_name";

    /// <summary>The user name (e-mail) content and comments record as author and owner.</summary>
    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? "";

    /// <summary>The account's id (<see cref="ClaimTypes.NameIdentifier"/>, as ASP.NET Core Identity issues it); null when signed out.</summary>
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The name people see; falls back to the user name.</summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(DisplayNameType)?.Value is { Length: > 0 } name ? name : user.UserName();
}
