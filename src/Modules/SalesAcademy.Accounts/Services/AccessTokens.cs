using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Accounts.Services;

/// <summary>Personal access tokens: shown once at creation, stored as a SHA-256 hash, expiring, scoped, revocable.</summary>
public sealed class AccessTokens(OnDemand<AccountsDbContext> data, TimeProvider clock, OnDemand<IAuditLog> auditLog, DatabaseWriteGate writes, TokenCheckCache checks)
{
    // Every API request checks its token, mostly from the cache: the database and the audit log only when needed.
    private AccountsDbContext Db => data.Value;
    private IAuditLog Audit => auditLog.Value;

    public const string Prefix = "sa_";
    public const int DefaultLifetimeDays = 90;
    /// <summary>The lifetimes the profile page offers.</summary>
    public static readonly int[] LifetimeDays = [7, 30, 90, 180, 365];

    /// <summary>A token the portal generates: random, valid for <paramref name="lifetimeDays"/> days.</summary>
    /// <returns>The token itself: the only time it is ever available.</returns>
    public async Task<(PersonalAccessToken Record, string Token)> CreateAsync(string userId, string name, TokenScope scope = TokenScope.ReadWrite,
        int lifetimeDays = DefaultLifetimeDays, CancellationToken ct = default)
    {
        if (lifetimeDays is < 1 or > 365) throw new ArgumentOutOfRangeException(nameof(lifetimeDays), "A token lives 1 to 365 days.");
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        // The first characters after "sa_" are random, so showing them reveals nothing else about the token.
        return (await AddAsync(userId, name, token, token[..10], scope, now.AddDays(lifetimeDays), ct), token);
    }

    /// <summary>
    /// The token an operator configured at setup (<c>Portal:Setup:AdminApiToken</c>): the operator chose it, so
    /// nothing of it is shown, only a fingerprint of its hash; it does not expire (the operator rotates it).
    /// </summary>
    internal Task<PersonalAccessToken> AddConfiguredAsync(string userId, string token, CancellationToken ct = default) =>
        AddAsync(userId, "setup", token, Fingerprint(token), TokenScope.ReadWrite, null, ct);

    /// <summary>What is shown of a configured token: "#" and the first 8 hex digits of its hash.</summary>
    public static string Fingerprint(string token) => "#" + Hash(token)[..8];

    private async Task<PersonalAccessToken> AddAsync(string userId, string name, string token, string prefix, TokenScope scope, DateTime? expires, CancellationToken ct)
    {
        var record = new PersonalAccessToken
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim()[..Math.Min(100, name.Trim().Length)],
            Hash = Hash(token),
            Prefix = prefix,
            Scope = scope,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            ExpiresUtc = expires,
        };
        Db.AccessTokens.Add(record);
        await Db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<IReadOnlyList<PersonalAccessToken>> OfUserAsync(string userId, CancellationToken ct = default) =>
        await Db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedUtc).ToListAsync(ct);

    /// <summary>Revokes one of the user's own tokens; false when there is no such active token.</summary>
    public async Task<bool> RevokeAsync(string userId, string tokenId, CancellationToken ct = default)
    {
        try
        {
            return await ClusterSignal.WriteAndSendAsync(Db, TokenCheckCache.Topic, () => Db.AccessTokens
                .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, clock.GetUtcNow().UtcDateTime), ct), ct) == 1;
        }
        finally { TokenCheckCache.AccountsChanged(); } // the next request with it is checked against the database, on every node
    }

    /// <summary>Revokes every token of the user (a new password, unless the user keeps them); returns how many.</summary>
    public async Task<int> RevokeAllAsync(string userId, string reason, CancellationToken ct = default)
    {
        int revoked;
        try
        {
            revoked = await ClusterSignal.WriteAndSendAsync(Db, TokenCheckCache.Topic, () => Db.AccessTokens
                .Where(t => t.UserId == userId && t.RevokedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, clock.GetUtcNow().UtcDateTime), ct), ct);
        }
        finally { TokenCheckCache.AccountsChanged(); }
        if (revoked > 0)
        {
            var email = await Db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
            await Audit.RecordAsync("account.token.revokedall", email, $"{reason}: {revoked}", ct: ct);
        }
        return revoked;
    }

    /// <summary>
    /// The active token's owner and what a cached principal must still match, or null when the token is unknown,
    /// expired, revoked or its user disabled. One no-tracking query, remembered (<see cref="TokenCheckCache"/>) until anything
    /// about users or tokens changes: a revoked token or a disabled user is refused at once on the node that made the change,
    /// and on the others as soon as they hear of it. Records the last use (at most once a minute).
    /// </summary>
    internal async Task<TokenCheck?> CheckAsync(string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (checks.Find(hash, now) is { } known) return known;
        var changesBefore = TokenCheckCache.Changes; // read before the query: a change committed meanwhile discards what it reads
        var found = await Db.AccessTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedUtc == null && (t.ExpiresUtc == null || t.ExpiresUtc > now))
            .Join(Db.Users.Where(u => !u.Disabled), t => t.UserId, u => u.Id,
                (t, u) => new TokenCheck(t.Id, u.Id, t.Scope, u.SecurityStamp, u.ConcurrencyStamp, t.LastUsedUtc, t.ExpiresUtc))
            .SingleOrDefaultAsync(ct);
        if (found is null) return null;
        if (found.LastUsedUtc is null || now - found.LastUsedUtc > TimeSpan.FromMinutes(1))
        {
            using (await writes.EnterAsync(ct))
                await Db.AccessTokens.Where(t => t.Id == found.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, now), ct);
            found = found with { LastUsedUtc = now };
        }
        checks.Remember(hash, found, changesBefore, now);
        return found;
    }

    internal Task<PortalUser?> UserAsync(string userId, CancellationToken ct) =>
        Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && !u.Disabled, ct);

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary><c>Authorization: Bearer sa_…</c> for the API; the same permission checks as the UI then apply.</summary>
internal sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokens tokens, OnDemand<IUserClaimsPrincipalFactory<PortalUser>> principals, IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = Core.Api.PortalApi.Scheme;

    // The user's claims (roles) per token, reused while the user's security and concurrency stamps are unchanged
    // (a role change, disabling or a new password changes one of them). Validity is checked per request (CheckAsync).
    private sealed record CachedClaims(string? SecurityStamp, string? ConcurrencyStamp, Claim[] Claims, string? AuthenticationType, string NameType, string RoleType);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        const string refused = "The access token is unknown, expired, revoked, or its user is disabled.";
        var hash = AccessTokens.Hash(header[7..].Trim());
        if (await tokens.CheckAsync(hash, Context.RequestAborted) is not { } token) return AuthenticateResult.Fail(refused);
        var key = "pat-claims:" + hash;
        if (!cache.TryGetValue(key, out CachedClaims? cached)
            || cached!.SecurityStamp != token.SecurityStamp || cached.ConcurrencyStamp != token.ConcurrencyStamp)
        {
            if (await tokens.UserAsync(token.UserId, Context.RequestAborted) is not { } user) return AuthenticateResult.Fail(refused);
            var built = await principals.Value.CreateAsync(user); // a UserManager and a RoleManager: built only here
            cached = new CachedClaims(user.SecurityStamp, user.ConcurrencyStamp, built.Claims.ToArray(),
                built.Identity?.AuthenticationType, (built.Identity as ClaimsIdentity)?.NameClaimType ?? ClaimTypes.Name,
                (built.Identity as ClaimsIdentity)?.RoleClaimType ?? ClaimTypes.Role);
            cache.Set(key, cached, TimeSpan.FromMinutes(5));
        }
        // A fresh principal per request: nothing a request adds to it reaches the next one.
        var identity = new ClaimsIdentity(cached.Claims, cached.AuthenticationType, cached.NameType, cached.RoleType);
        // PortalApi.TokenPolicy lets a read token call only GET, HEAD and OPTIONS.
        if (token.Scope == TokenScope.Read) identity.AddClaim(new Claim(Core.Api.PortalApi.ScopeClaim, Core.Api.PortalApi.ReadScope));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
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

/// <summary>What <see cref="AccessTokens.CheckAsync"/> found for an active token.</summary>
internal sealed record TokenCheck(string TokenId, string UserId, TokenScope Scope, string? SecurityStamp, string? ConcurrencyStamp, DateTime? LastUsedUtc,
    DateTime? ExpiresUtc);

public sealed class AccessTokenOptions
{
    public const string Section = "Accounts:Tokens";

    /// <summary>
    /// How long a node reuses a token's check (active, its user enabled, its stamps) while it cannot hear other nodes'
    /// changes (on PostgreSQL, while its listening connection is down) before asking the database again. Changes made on
    /// this node take effect at once. Zero checks every request then.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan CheckCache { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Token checks this node read recently. Any change to users or tokens (<see cref="AccountsChanged"/>: a revoke,
/// <see cref="AccountsDbContext"/> saving a user or a token) invalidates every entry, at once on the node that made it and
/// on the others when they hear it (<see cref="ClusterSignal"/>); an entry read before a change is never remembered after
/// it. While the node hears every change an entry is kept for <see cref="HeardLifetime"/>, otherwise for
/// <see cref="AccessTokenOptions.CheckCache"/>.
/// </summary>
public sealed class TokenCheckCache
{
    private sealed record Entry(TokenCheck Check, long Changes, DateTime ReadUtc);

    /// <summary>What a change to users or tokens is sent as, to every node.</summary>
    public const string Topic = "accounts";

    /// <summary>
    /// How long an entry is kept while every node's changes are heard: a bound on memory and on how stale a token's last use
    /// may be (it is written on a miss, at most once a minute), not on a revoke, which drops the entry.
    /// </summary>
    public static readonly TimeSpan HeardLifetime = TimeSpan.FromMinutes(1);

    private const int MaxEntries = 100_000;
    private static long s_changes;
    private readonly TimeSpan _unheardLifetime;
    private readonly ClusterSignal _signal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _added;

    public TokenCheckCache(IOptions<AccessTokenOptions> options, ClusterSignal signal)
    {
        _unheardLifetime = options.Value.CheckCache;
        _signal = signal;
        signal.Subscribe(Topic, AccountsChanged);
    }

    private TimeSpan Lifetime => _unheardLifetime <= TimeSpan.Zero ? TimeSpan.Zero : _signal.HearsOthers ? HeardLifetime : _unheardLifetime;

    /// <summary>Moves on at every change to users or tokens heard in this process, whichever portal instance made it.</summary>
    internal static long Changes => Interlocked.Read(ref s_changes);

    /// <summary>Called after a write that may revoke a token, disable a user or change a user's stamps; never skipped on failure.</summary>
    internal static void AccountsChanged() => Interlocked.Increment(ref s_changes);

    internal TokenCheck? Find(string hash, DateTime now)
    {
        var lifetime = Lifetime;
        if (lifetime <= TimeSpan.Zero || !_entries.TryGetValue(hash, out var entry)) return null;
        if (entry.Changes == Changes && now - entry.ReadUtc < lifetime && (entry.Check.ExpiresUtc is not { } expires || expires > now))
            return entry.Check;
        _entries.TryRemove(KeyValuePair.Create(hash, entry));
        return null;
    }

    /// <summary>Remembers a check read when <see cref="Changes"/> was <paramref name="changesBefore"/>, unless something changed since.</summary>
    internal void Remember(string hash, TokenCheck check, long changesBefore, DateTime readUtc)
    {
        if (Lifetime <= TimeSpan.Zero || changesBefore != Changes) return;
        var entry = new Entry(check, changesBefore, readUtc);
        if (!_entries.TryAdd(hash, entry)) { _entries[hash] = entry; return; }
        // A bound, not a policy (ConcurrentDictionary.Count would take every lock): past it the next requests read the database again.
        if (Interlocked.Increment(ref _added) % MaxEntries == 0) _entries.Clear();
    }
}
