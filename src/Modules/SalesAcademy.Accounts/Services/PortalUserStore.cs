using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// Identity's user store, except that recovery codes are kept as salted PBKDF2 hashes (ASVS 6.5.2) instead of
/// the plain text Identity stores in AspNetUserTokens.
/// </summary>
public sealed class PortalUserStore(AccountsDbContext context, IPasswordHasher<PortalUser> hasher, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, IdentityRole, AccountsDbContext, string>(context, describer)
{
    // Identity's own names for where the codes live, so CountCodesAsync (';'-separated entries) keeps working.
    private const string Provider = "[AspNetUserStore]";
    private const string Name = "RecoveryCodes";
    /// <summary>Marks a hashed entry; entries without it are plain codes written before hashing (still redeemable once).</summary>
    private const string HashedPrefix = "pbkdf2$";

    public override Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        WriteCodesAsync(user, recoveryCodes.Select(code => HashedPrefix + hasher.HashPassword(user, code)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, Provider, Name, cancellationToken) ?? "";
        var entries = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var match = entries.FindIndex(entry => Matches(user, entry, code));
        if (match < 0) return false;
        entries.RemoveAt(match);
        // The other entries are already hashed (or legacy plain): written back as they are.
        await WriteCodesAsync(user, entries, cancellationToken);
        return true;
    }

    private bool Matches(PortalUser user, string entry, string code)
    {
        if (entry.StartsWith(HashedPrefix, StringComparison.Ordinal))
            return hasher.VerifyHashedPassword(user, entry[HashedPrefix.Length..], code) != PasswordVerificationResult.Failed;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entry), Encoding.UTF8.GetBytes(code));
    }

    private Task WriteCodesAsync(PortalUser user, IEnumerable<string> entries, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, Name, string.Join(";", entries), cancellationToken);
}
