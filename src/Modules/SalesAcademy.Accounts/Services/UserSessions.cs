using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// The <c>Accounts:Sessions</c> section. Defaults follow NIST SP 800-63B at AAL2: a session ends after
/// 30 minutes without a request and 12 hours after sign-in, whatever "remember me" says.
/// </summary>
public sealed class SignInSessionOptions
{
    public const string Section = "Accounts:Sessions";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often "last seen" is written (at most once per this interval per session, to spare the database).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The open sessions this node has seen, when this node is the only one (SQLite: one process owns the database file).
/// Every end goes through <see cref="UserSessions"/> in this process and removes the user's entries, so a cached
/// "open" is never stale; a signed-in request then costs no database query (it was a quarter of a signed-in page's
/// time). With PostgreSQL several nodes may serve one database and an end on one must take effect on every other at
/// once: there the cache is off and every request asks the database.
/// </summary>
public sealed class OpenSessionCache(DatabaseOptions database)
{
    internal sealed record Entry(string UserId, DateTime ExpiresUtc, DateTime LastSeenUtc);

    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _open = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();
    private long _ends;

    public bool Enabled { get; } = database.Provider == DatabaseProvider.Sqlite;

    /// <summary>Moves on at every end: an entry read from the database before an end is not remembered after it.</summary>
    internal long Ends => Interlocked.Read(ref _ends);

    internal Entry? Find(string sessionId) => Enabled ? _open.GetValueOrDefault(sessionId) : null;

    /// <summary>Whether the session is held as open here (what the next request will be checked against).</summary>
    public bool Holds(string sessionId) => Find(sessionId) is not null;

    /// <summary>Remembers an open session read when <see cref="Ends"/> was <paramref name="endsBefore"/>, unless a session ended since.</summary>
    internal void Remember(string sessionId, Entry entry, long endsBefore)
    {
        if (!Enabled) return;
        lock (_writes)
        {
            if (_ends != endsBefore) return;
            if (_open.Count >= MaxEntries) _open.Clear(); // a bound, not a policy: the next requests read the database again
            _open[sessionId] = entry;
        }
    }

    internal void Forget(Func<string, Entry, bool> which)
    {
        lock (_writes)
        {
            Interlocked.Increment(ref _ends);
            foreach (var (id, entry) in _open)
                if (which(id, entry)) _open.TryRemove(id, out _);
        }
    }
}

/// <summary>
/// Server-side sign-in sessions, the only writer of <see cref="UserSession"/>. The auth cookie carries the
/// session id (<see cref="ClaimType"/>); the cookie is accepted only while its row is open, checked on every
/// request (against the database, or on a single SQLite node against <see cref="OpenSessionCache"/>, which every end
/// clears), so an end takes effect at once on every node.
/// </summary>
public sealed class UserSessions(OnDemand<AccountsDbContext> data, TimeProvider clock, IOptions<SignInSessionOptions> options,
    OnDemand<IAuditLog> auditLog, OpenSessionCache cache)
{
    // Most requests are answered by the cache: the database and the audit log only when they are needed.
    private AccountsDbContext Db => data.Value;
    private IAuditLog Audit => auditLog.Value;

    public const string ClaimType = "sa:sid";

    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirst(ClaimType)?.Value;

    internal async Task<UserSession> StartAsync(string userId, string? email, HttpContext? http, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var agent = http?.Request.Headers.UserAgent.ToString() ?? "";
        var session = new UserSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            UserId = userId,
            CreatedUtc = now,
            LastSeenUtc = now,
            ExpiresUtc = now + options.Value.AbsoluteTimeout,
            UserAgent = agent.Length > 256 ? agent[..256] : agent,
            IpAddress = http?.Connection.RemoteIpAddress?.ToString() ?? "",
        };
        Db.Sessions.Add(session);
        await Db.SaveChangesAsync(ct);
        await Audit.RecordAsync("account.session.started", email, $"session {Short(session.Id)}", actor: email, ct: ct);
        return session;
    }

    /// <summary>Whether the session is open for this user; ends it (idle or expired) when its time is up, and notes the visit.</summary>
    internal async Task<bool> ValidateAsync(string? userId, string? sessionId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(sessionId)) return false;
        var endsBefore = cache.Ends;
        var session = cache.Find(sessionId);
        var remember = session is null;
        if (session is null)
        {
            var row = await Db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct); // every signed-in request: no tracking
            if (row is null || row.EndedUtc is not null) return false;
            session = new OpenSessionCache.Entry(row.UserId, row.ExpiresUtc, row.LastSeenUtc);
        }
        if (session.UserId != userId) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var reason = now >= session.ExpiresUtc ? "expired" : now - session.LastSeenUtc >= options.Value.IdleTimeout ? "idle" : null;
        if (reason is not null)
        {
            await EndWhereAsync(Db.Sessions.Where(s => s.Id == sessionId), userId, reason, ct);
            return false;
        }
        if (now - session.LastSeenUtc >= options.Value.LastSeenResolution)
        {
            // Conditional, so a concurrent end is never overwritten.
            await Db.Sessions.Where(s => s.Id == sessionId && s.EndedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now), ct);
            session = session with { LastSeenUtc = now };
            remember = true;
        }
        if (remember) cache.Remember(sessionId, session, endsBefore);
        return true;
    }

    public async Task<IReadOnlyList<UserSession>> ActiveOfUserAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idleSince = now - options.Value.IdleTimeout;
        return await Db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedUtc == null && s.ExpiresUtc > now && s.LastSeenUtc > idleSince)
            .OrderByDescending(s => s.LastSeenUtc).ToListAsync(ct);
    }

    /// <summary>Ends one of the user's own sessions; false when there is no such open session.</summary>
    public async Task<bool> EndAsync(string userId, string sessionId, string reason, CancellationToken ct = default) =>
        await EndWhereAsync(Db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId), userId, reason, ct) == 1;

    /// <summary>Ends every open session of the user (sign out everywhere, disabling, a new password), except <paramref name="keep"/>.</summary>
    public Task<int> EndAllAsync(string userId, string reason, string? keep = null, CancellationToken ct = default) =>
        EndWhereAsync(Db.Sessions.Where(s => s.UserId == userId && s.Id != (keep ?? "")), userId, reason, ct);

    /// <summary>Ends every open session of every user but <paramref name="exceptUserId"/> (an administrator's "sign everyone out").</summary>
    public async Task<int> EndEveryoneElseAsync(string exceptUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = await Db.Sessions.Where(s => s.UserId != exceptUserId && s.EndedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedUtc, now).SetProperty(x => x.EndReason, "admin"), ct);
        cache.Forget((_, session) => session.UserId != exceptUserId);
        await Audit.RecordAsync("account.session.ended", "everyone", $"admin: {ended} sessions", ct: ct);
        return ended;
    }

    private async Task<int> EndWhereAsync(IQueryable<UserSession> sessions, string userId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await sessions.Where(s => s.EndedUtc == null).Select(s => s.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        var ended = await Db.Sessions.Where(s => ids.Contains(s.Id) && s.EndedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedUtc, now).SetProperty(x => x.EndReason, reason), ct);
        cache.Forget((id, _) => ids.Contains(id));
        var email = await Db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        // A timeout is noticed during someone's request, but nobody did it.
        var actor = reason is "idle" or "expired" ? "system" : null;
        await Audit.RecordAsync("account.session.ended", email, $"{reason}: {string.Join(", ", ids.Select(Short))}", actor, ct);
        return ended;
    }

    // Enough to match audit entries with the profile page, not enough to be the session id.
    private static string Short(string id) => id[..8];
}
