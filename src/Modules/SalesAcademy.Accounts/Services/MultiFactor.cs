using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts.Services;

/// <summary>Multi-factor sign-in settings (<c>Accounts:Mfa</c>).</summary>
public sealed class MfaOptions
{
    public const string Section = "Accounts:Mfa";

    /// <summary>
    /// Roles that must have a second factor (an authenticator app or a passkey) before they can use the portal.
    /// Unset: Administrator and Trainer. Empty entries are ignored, so <c>RequiredForRoles:0 = ""</c> means none.
    /// </summary>
    public string[]? RequiredForRoles { get; set; }

    public IReadOnlyList<string> Roles => RequiredForRoles is null
        ? [PortalRoles.Administrator, PortalRoles.Trainer]
        : RequiredForRoles.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToArray();
}

/// <summary>
/// Who must use a second factor and whether they have one. The principal carries <see cref="EnrolledClaim"/>
/// (set by the claims factory) so the enrolment gate needs no database read per request.
/// </summary>
public sealed class MultiFactorPolicy(IOptions<MfaOptions> options)
{
    public const string EnrolledClaim = "sa:mfa";
    public const int RecoveryCodeCount = 10;
    /// <summary>Where a user who must enrol is sent.</summary>
    public const string EnrolmentPath = "/account/authenticator";

    public IReadOnlyList<string> RequiredRoles => options.Value.Roles;

    public bool IsRequiredFor(ClaimsPrincipal user) => RequiredRoles.Any(user.IsInRole);

    public async Task<bool> IsRequiredForAsync(UserManager<PortalUser> users, PortalUser user)
    {
        foreach (var role in RequiredRoles)
            if (await users.IsInRoleAsync(user, role)) return true;
        return false;
    }

    /// <summary>An authenticator app or at least one passkey.</summary>
    public static async Task<bool> HasSecondFactorAsync(UserManager<PortalUser> users, PortalUser user) =>
        await users.GetTwoFactorEnabledAsync(user) || (users.SupportsUserPasskey && (await users.GetPasskeysAsync(user)).Count > 0);

    /// <summary>
    /// Paths a signed-in user who still has to enrol may use: enrolment itself, the security page (passkeys),
    /// signing out, the language switch, static files and error pages.
    /// </summary>
    public static bool EnrolmentExempt(PathString path) =>
        path.StartsWithSegments(EnrolmentPath) || path.StartsWithSegments("/account/security") || path.StartsWithSegments("/account/logout")
        || path.StartsWithSegments("/account/login") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/culture")
        || path.StartsWithSegments("/error") || path.StartsWithSegments("/not-found") || path.StartsWithSegments("/health");

    /// <summary>"abcd efgh …": the shared key in groups of four, easier to type into an app.</summary>
    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth URI an authenticator app reads from the QR code (Google Authenticator key URI format).</summary>
    public static string AuthenticatorUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";

    /// <summary>What a person types: spaces and dashes are ignored.</summary>
    public static string NormalizeCode(string? code) => (code ?? "").Replace(" ", "").Replace("-", "").Trim();
}
