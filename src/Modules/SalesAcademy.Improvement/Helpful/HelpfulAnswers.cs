using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Improvement.Data;
using SalesAcademy.Improvement.Models;

namespace SalesAcademy.Improvement.Helpful;

public enum HelpfulOutcome { Saved, NotFound, Invalid }

/// <summary>What answering did: saved (the answer as it is now), not found (no such published item for this reader), or why not.</summary>
public sealed record HelpfulResult(HelpfulOutcome Outcome, HelpfulAnswer? Answer = null, string? Message = null, object[]? Args = null);

/// <summary>
/// The one writer of "was this helpful?" answers (the page's form and nothing else): a signed-in reader answers yes or no,
/// optionally why, for the published version they read; answering again changes their answer to that version.
/// </summary>
public sealed class HelpfulAnswers(OnDemand<ImprovementDbContext> data, PublishedContent published, ContentDefinitions definitions, ContentAccess access,
    DatabaseWriteGate writes, TimeProvider clock, OnDemand<IUserNotifications> notifier, IMemoryCache cache)
{
    // Every published page asks for the reader's answer, mostly from the cache: the database and notifications only when needed.
    private ImprovementDbContext Db => data.Value;
    private IUserNotifications Notifications => notifier.Value;

    /// <summary>How long an answer given on another node may take to show here (an answer given here shows at once).</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);

    public const string ChangedNotice = "helpful.changed";
    public const string ChangedTemplate = "“{0}”, which you found unhelpful, has a new version.";
    public const string ReasonTooLong = "Reason: at most {0} characters.";

    /// <summary>The published item the reader may read, or null.</summary>
    public async Task<ContentItem?> ReadableAsync(ClaimsPrincipal user, string? contentItemId)
    {
        if (string.IsNullOrEmpty(contentItemId) || await published.ByIdAsync(contentItemId) is not { } item) return null;
        if (definitions.Find(item.ContentType) is not { } type || !await access.MayReadTypeAsync(user, type)) return null;
        return item;
    }

    private static string Key(string userName) => "helpful:" + userName;

    /// <summary>
    /// The reader's answer to the version, or null. Every published page a signed-in reader opens asks this, so the reader's
    /// answers are read together, once per <see cref="CacheLifetime"/>, and dropped here when they answer.
    /// </summary>
    public async Task<HelpfulAnswer?> MineAsync(string userName, string contentItemVersionId, CancellationToken ct = default)
    {
        var key = Key(userName);
        if (!cache.TryGetValue(key, out Dictionary<string, HelpfulAnswer>? mine))
        {
            mine = await Db.HelpfulAnswers.AsNoTracking().Where(a => a.UserName == userName).ToDictionaryAsync(a => a.ContentItemVersionId, ct);
            cache.Set(key, mine, CacheLifetime);
        }
        return mine!.GetValueOrDefault(contentItemVersionId);
    }

    public async Task<HelpfulResult> AnswerAsync(ClaimsPrincipal user, string? contentItemId, bool helpful, string? reason, CancellationToken ct = default)
    {
        if (user.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } me } || await ReadableAsync(user, contentItemId) is not { } item)
            return new(HelpfulOutcome.NotFound);
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim().ReplaceLineEndings("\n");
        if (text is { Length: > HelpfulRules.MaxReason }) return new(HelpfulOutcome.Invalid, Message: ReasonTooLong, Args: [HelpfulRules.MaxReason]);
        var now = clock.GetUtcNow().UtcDateTime;
        // The version the reader sees now; a second tab answering at the same moment fills the unique index: start over.
        var answer = await writes.ChangeAsync(Db, async () =>
        {
            var row = await Db.HelpfulAnswers.FirstOrDefaultAsync(a => a.ContentItemVersionId == item.ContentItemVersionId && a.UserName == me, ct);
            if (row is null)
            {
                row = new HelpfulAnswer
                {
                    ContentItemId = item.ContentItemId, ContentItemVersionId = item.ContentItemVersionId, ContentType = item.ContentType,
                    UserName = me, CreatedUtc = now,
                };
                Db.HelpfulAnswers.Add(row);
            }
            row.Helpful = helpful;
            row.Reason = text;
            row.ChangedUtc = now;
            return Change.Save(row);
        }, ct, alsoRetry: _ => true);
        cache.Remove(Key(me));
        return new(HelpfulOutcome.Saved, answer);
    }

    /// <summary>
    /// Tells the readers who found an earlier version of the item unhelpful that it has a new version (once per reader and
    /// version, however often it is called). Returns how many were told.
    /// </summary>
    public async Task<int> TellUnhelpfulReadersAsync(ContentItem newVersion, CancellationToken ct = default)
    {
        var readers = await Db.HelpfulAnswers.AsNoTracking()
            .Where(a => a.ContentItemId == newVersion.ContentItemId && a.ContentItemVersionId != newVersion.ContentItemVersionId && !a.Helpful)
            .Select(a => a.UserName).Distinct().ToListAsync(ct);
        if (readers.Count == 0) return 0;
        await Notifications.NotifyAsync(readers, new Notice(ChangedNotice, ChangedTemplate, [newVersion.DisplayText], definitions.UrlFor(newVersion))
        {
            Key = $"helpful-changed:{newVersion.ContentItemVersionId}",
        }, ct);
        return readers.Count;
    }
}
