using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;

namespace SalesAcademy.Accounts.Services;

/// <summary>Personal access tokens: shown once at creation, stored as a SHA-256 hash, revocable.</summary>
public sealed class AccessTokens(AccountsDbContext db, TimeProvider clock)
{
    public const string Prefix = "sa_";

    /// <returns>The token itself: the only time it is ever available.</returns>
    public async Task<(PersonalAccessToken Record, string Token)> CreateAsync(string userId, string name, string? token = null, CancellationToken ct = default)
    {
        token ??= Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new PersonalAccessToken
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim()[..Math.Min(100, name.Trim().Length)],
            Hash = Hash(token),
            Prefix = token[..Math.Min(10, token.Length)],
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.AccessTokens.Add(record);
        await db.SaveChangesAsync(ct);
        return (record, token);
    }

    public async Task<IReadOnlyList<PersonalAccessToken>> OfUserAsync(string userId, CancellationToken ct = default) =>
        await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedUtc).ToListAsync(ct);

    /// <summary>Revokes one of the user's own tokens; false when there is no such active token.</summary>
    public async Task<bool> RevokeAsync(string userId, string tokenId, CancellationToken ct = default) =>
        await db.AccessTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, clock.GetUtcNow().UtcDateTime), ct) == 1;

    /// <summary>The active token's owner, or null; records the last use (at most once a minute).</summary>
    internal async Task<PortalUser?> FindUserAsync(string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var record = await db.AccessTokens.SingleOrDefaultAsync(t => t.Hash == hash && t.RevokedUtc == null, ct);
        if (record is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (record.LastUsedUtc is null || now - record.LastUsedUtc > TimeSpan.FromMinutes(1))
        {
            record.LastUsedUtc = now;
            await db.SaveChangesAsync(ct);
        }
        return await db.Users.SingleOrDefaultAsync(u => u.Id == record.UserId && !u.Disabled, ct);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary><c>Authorization: Bearer sa_…</c> for the API; the same permission checks as the UI then apply.</summary>
internal sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokens tokens, IUserClaimsPrincipalFactory<PortalUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = Core.Api.PortalApi.Scheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var user = await tokens.FindUserAsync(header[7..].Trim(), Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The access token is unknown, revoked, or its user is disabled.");
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        DisableStatusCodePages(); // an API client gets the status code, not an HTML page
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    // Forbidden looks like not found, so ids cannot be probed.
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        DisableStatusCodePages();
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private void DisableStatusCodePages()
    {
        if (Context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
    }
}
