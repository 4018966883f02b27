using Microsoft.AspNetCore.Identity;
using SalesAcademy.Accounts.Models;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// Refuses the most common passwords (Openwall's public-domain list, entries of 8+ characters) and the
/// user's own e-mail or name, as NIST SP 800-63B suggests instead of composition rules.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line) if (line.Length > 0) set.Add(line);
        return set;
    });

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        password ??= "";
        var lower = password.ToLowerInvariant();
        if (password.Length > MaxLength)
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords can be at most {MaxLength} characters." }));
        if (Common.Value.Contains(lower))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is one of the most common passwords; choose another." }));
        var email = user.Email?.ToLowerInvariant();
        if (email is not null && (lower == email || lower == email.Split('@')[0]) || (user.DisplayName.Length > 0 && lower == user.DisplayName.ToLowerInvariant()))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordIsName", Description = "The password must not be your e-mail address or name." }));
        return Task.FromResult(IdentityResult.Success);
    }
}
