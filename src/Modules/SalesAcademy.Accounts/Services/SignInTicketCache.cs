using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// The sign-in cookie is decrypted once per cookie value and lifetime, not at every request: its decryption (a key
/// derivation, AES and an HMAC per request) was a tenth of a signed-in page's time. What is remembered is what decrypting
/// gives, keyed by a SHA-256 hash of the cookie, so nothing is accepted that decrypting would refuse, and every check that
/// follows still runs per request: the expiry, the server-side session (sign-out, disabling and a new password end it at
/// once) and the security-stamp check. Each request gets its own copy: nothing a request changes reaches the next one.
/// </summary>
/// <remarks>
/// A key revoked in the key ring is honoured for a cookie already decrypted here after at most <see cref="Lifetime"/>.
/// </remarks>
public sealed class SignInTicketCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    // Bounded like the portal's other caches (PartCache, search results): at most 5,000 cookies, then compacted.
    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = 5_000 });

    /// <summary>The cookie format <paramref name="inner"/>, remembering what it decrypts.</summary>
    public ISecureDataFormat<AuthenticationTicket> Wrap(ISecureDataFormat<AuthenticationTicket> inner) => new Format(inner, this);

    private AuthenticationTicket? Unprotect(ISecureDataFormat<AuthenticationTicket> inner, string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText)) return inner.Unprotect(protectedText, purpose);
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes((purpose ?? "") + "\n" + protectedText)));
        var now = clock.GetUtcNow();
        // The portal's clock decides when an entry is too old; the cache's own expiry only frees the memory.
        if (_tickets.TryGetValue(key, out (AuthenticationTicket Ticket, DateTimeOffset Until) known) && known.Until > now) return Copy(known.Ticket);
        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null) return null;
        _tickets.Set(key, (Copy(ticket), now + Lifetime), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return ticket;
    }

    // ClaimsPrincipal.Clone shares its identities: each identity is copied (with its claims) instead.
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(new ClaimsPrincipal(ticket.Principal.Identities.Select(i => i.Clone())), ticket.Properties.Clone(), ticket.AuthenticationScheme);

    private sealed class Format(ISecureDataFormat<AuthenticationTicket> inner, SignInTicketCache cache) : ISecureDataFormat<AuthenticationTicket>
    {
        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => cache.Unprotect(inner, protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) => cache.Unprotect(inner, protectedText, purpose);
    }
}
