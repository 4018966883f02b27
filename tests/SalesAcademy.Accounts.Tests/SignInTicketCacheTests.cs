using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using SalesAcademy.Accounts.Services;

namespace SalesAcademy.Accounts.Tests;

/// <summary>The sign-in cookie decrypted once per value: what decrypting refuses is never remembered, and no request sees another's changes.</summary>
public sealed class SignInTicketCacheTests
{
    /// <summary>Stands in for the data-protection format: "cookie-…" decrypts to a ticket of that user, anything else is refused.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public List<string?> Decrypted { get; } = [];

        public string Protect(AuthenticationTicket data) => "cookie-" + data.Principal.FindFirstValue(ClaimTypes.NameIdentifier);

        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decrypted.Add(protectedText);
            if (protectedText?.StartsWith("cookie-") != true) return null;
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, protectedText["cookie-".Length..])], "Identity.Application");
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = DateTimeOffset.UnixEpoch }, "Identity.Application");
        }
    }

    [Fact]
    public void A_cookie_is_decrypted_once_per_lifetime_and_each_request_gets_its_own_copy()
    {
        var inner = new CountingFormat();
        var clock = new MovableClock();
        var format = new SignInTicketCache(clock).Wrap(inner);

        var first = format.Unprotect("cookie-ann")!;
        // What one request does to its ticket (the handler renews properties, events replace claims) stays with it.
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "Administrator"));
        first.Properties.IssuedUtc = DateTimeOffset.MaxValue;
        var second = format.Unprotect("cookie-ann")!;
        Assert.Equal(["cookie-ann"], inner.Decrypted);
        Assert.Equal("ann", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.False(second.Principal.IsInRole("Administrator"));
        Assert.Equal(DateTimeOffset.UnixEpoch, second.Properties.IssuedUtc);
        Assert.NotSame(first.Principal, second.Principal);

        // Another cookie is decrypted itself; a refused one is never remembered.
        Assert.Equal("bob", format.Unprotect("cookie-bob")!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Null(format.Unprotect("forged"));
        Assert.Null(format.Unprotect("forged"));
        Assert.Equal(["cookie-ann", "cookie-bob", "forged", "forged"], inner.Decrypted);

        // After the lifetime the cookie is decrypted again; making a cookie is never cached.
        clock.Advance(SignInTicketCache.Lifetime + TimeSpan.FromSeconds(1));
        format.Unprotect("cookie-ann");
        Assert.Equal(["cookie-ann", "cookie-bob", "forged", "forged", "cookie-ann"], inner.Decrypted);
        Assert.Equal("cookie-ann", format.Protect(second));
    }
}
