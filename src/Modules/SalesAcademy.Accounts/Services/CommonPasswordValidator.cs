using Microsoft.AspNetCore.Identity;
using SalesAcademy.Accounts.Models;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// Refuses common and breached passwords (Openwall's public-domain list and the 17,950 entries of 8+ characters
/// of zxcvbn-ts's frequency-ordered breach list, MIT: Resources/common-passwords.zxcvbn-LICENSE.txt), words of
/// this portal's context and the user's own e-mail or name, as NIST SP 800-63B suggests instead of composition rules.
/// </summary>
internal sealed class CommonPasswordValidator(SiteSettingsStore site) : IPasswordValidator<PortalUser>
{
    public const int MaxLength = 128;

    /// <summary>
    /// Context-specific words (ASVS 6.1.2): the product, the site's own name and the portal's roles. A password that is
    /// one of them once digits, spaces and punctuation are taken away ("SalesAcademy2026!", "Trainer 1234") is refused.
    /// </summary>
    public static readonly IReadOnlyList<string> ContextWords =
    [
        "salesacademy", "academy", "sales", "portal", "irontriangle", "铁三角",
        "administrator", "admin", "trainer", "teamlead", "rep", "accountmanager", "solutionmanager", "deliverymanager",
    ];

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line) if (line.Length > 0) set.Add(line);
        return set;
    });

    public async Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password) =>
        Check(user, password, (await site.GetAsync())?.SiteName);

    private static IdentityResult Check(PortalUser user, string? password, string? siteName)
    {
        password ??= "";
        var lower = password.ToLowerInvariant();
        if (password.Length > MaxLength)
            return IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords can be at most {MaxLength} characters." });
        if (Common.Value.Contains(lower))
            return IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is one of the most common passwords; choose another." });
        var email = user.Email?.ToLowerInvariant();
        if (email is not null && (lower == email || lower == email.Split('@')[0]) || (user.DisplayName.Length > 0 && lower == user.DisplayName.ToLowerInvariant()))
            return IdentityResult.Failed(new IdentityError { Code = "PasswordIsName", Description = "The password must not be your e-mail address or name." });
        var letters = Letters(password);
        if (letters.Length > 0 && (ContextWords.Contains(letters) || siteName is not null && letters == Letters(siteName)))
            return IdentityResult.Failed(new IdentityError { Code = "PasswordIsContextWord", Description = "The password must not be the name of this portal, its product or a role; choose another." });
        return IdentityResult.Success;
    }

    private static string Letters(string text) => string.Concat(text.Where(char.IsLetter)).ToLowerInvariant();
}
