using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Improvement.Data;
using SalesAcademy.Improvement.Helpful;
using SalesAcademy.Improvement.Models;

namespace SalesAcademy.Improvement.Queue;

public enum QueueOutcome { Done, NotFound, Invalid, Conflict }

/// <summary>What an action did: done (the item as it is now), not found (absent or not the caller's), or why not (field + PO message).</summary>
public sealed record QueueResult(QueueOutcome Outcome, ImprovementItem? Item = null, string? Field = null, string? Message = null, object[]? Args = null)
{
    public bool Ok => Outcome == QueueOutcome.Done;
    public static QueueResult NotFound() => new(QueueOutcome.NotFound);
    public static QueueResult Invalid(string field, string message, params object[] args) => new(QueueOutcome.Invalid, null, field, message, args);
}

/// <summary>What a refresh did: findings seen, items added or reopened, items whose finding no longer holds.</summary>
public sealed record RefreshResult(int Findings, int Added, int Reopened, int Gone)
{
    public int Changed => Added + Reopened + Gone;
}

/// <summary>
/// The trainers' improvement queue and its one writer (pages, API, the periodic refresh): materialises every source's
/// findings as items under their stable keys, lists what a user may see, and assigns, dismisses and resolves items.
/// Trainers and administrators (improvement.manage) see and act on every item; anyone else only on the items they own or
/// were assigned; everything else is 404.
/// </summary>
public sealed class ImprovementQueue(ImprovementDbContext db, IEnumerable<IImprovementSource> sources, DatabaseWriteGate writes, TimeProvider clock,
    IAuthorizationService authorization, IUserDirectory users, IUserNotifications notifications, IAuditLog audit, PublishedContent published,
    ContentDefinitions definitions, HelpfulAnswers helpful, IEnumerable<IContentFollowUpResolver> resolvers)
{
    public const string AssignedNotice = "improvement.assigned";
    public const string AssignedTemplate = "{0} assigned you an item of the improvement queue: {1}";
    public const string ChangedMessage = "Someone changed this item in the meantime. Reload the page and try again.";
    public const int MaxReason = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The path when it is local (never <c>//host</c>, <c>/\host</c> or <c>javascript:</c>), else null: what the pages link.</summary>
    public static string? LocalPath(string? url) => new FindingEvidence("", [], url).LocalUrl;

    public static IReadOnlyList<FindingEvidence> EvidenceOf(ImprovementItem item) =>
        JsonSerializer.Deserialize<List<FindingEvidence>>(item.EvidenceJson, Json) ?? [];

    /// <summary>Asks every source and brings the items up to date; safe to run at any time and more than once.</summary>
    public async Task<RefreshResult> RefreshAsync(CancellationToken ct = default)
    {
        var findings = new Dictionary<string, ImprovementFinding>(StringComparer.Ordinal);
        // One after the other: sources share this scope's database contexts.
        foreach (var source in sources)
            foreach (var f in await source.FindAsync(ct))
                findings.TryAdd(Truncate(f.Key, 300)!, f);
        var now = clock.GetUtcNow().UtcDateTime;
        // The whole batch in one change: a concurrent dismissal (its Sequence) or a second refresh (the unique key) starts it over.
        var result = await writes.ChangeAsync(db, async () =>
        {
            var items = await db.Items.ToDictionaryAsync(i => i.Key, StringComparer.Ordinal, ct);
            int added = 0, reopened = 0, gone = 0;
            foreach (var (key, f) in findings)
            {
                var evidence = JsonSerializer.Serialize(f.Evidence, Json);
                if (!items.TryGetValue(key, out var item))
                {
                    db.Items.Add(Apply(new ImprovementItem { Key = key, Status = ImprovementStatus.Open, CreatedUtc = now, SeenUtc = now }, f, evidence));
                    added++;
                    continue;
                }
                var changed = item.Stale || item.Title != Truncate(f.Title, 500) || item.EvidenceJson != evidence || item.Weight != f.Weight
                    || item.Owner != f.Owner || item.Url != f.Url || item.Source != f.Source;
                if (item.Status == ImprovementStatus.Dismissed && f.Weight > (item.DismissedWeight ?? int.MaxValue))
                {
                    // The evidence grew since it was dismissed: it is back, with the old reason kept for context.
                    item.Status = ImprovementStatus.Open;
                    item.ClosedUtc = null;
                    reopened++;
                    changed = true;
                }
                if (!changed) continue;
                Apply(item, f, evidence);
                item.Stale = false;
                item.SeenUtc = now;
                item.Sequence++;
            }
            foreach (var item in items.Values.Where(i => !i.Stale && i.Status == ImprovementStatus.Open && !findings.ContainsKey(i.Key)))
            {
                item.Stale = true; // the finding no longer holds (verified, the action closed elsewhere): off the list
                item.Sequence++;
                gone++;
            }
            var outcome = new RefreshResult(findings.Count, added, reopened, gone);
            return added + reopened + gone > 0 || db.ChangeTracker.HasChanges() ? Change.Save(outcome) : Change.Stop(outcome);
        }, ct, alsoRetry: _ => true);
        return result;
    }

    private static ImprovementItem Apply(ImprovementItem item, ImprovementFinding f, string evidence)
    {
        item.Source = Truncate(f.Source, 200)!;
        item.Title = Truncate(f.Title, 500)!;
        item.ContentItemId = f.ContentItemId;
        item.Anchor = Truncate(f.Anchor, 100);
        item.Url = Truncate(f.Url, 2000);
        item.Owner = Truncate(f.Owner, 256);
        item.EvidenceJson = evidence;
        item.Weight = f.Weight;
        item.FollowUpKey = Truncate(f.FollowUpKey, 200);
        item.TeamId = f.TeamId;
        return item;
    }

    private static string? Truncate(string? text, int max) => text is { } t && t.Length > max ? t[..max] : text;

    public Task<bool> ManagesAsync(ClaimsPrincipal user) => authorization.HasPermissionAsync(user, ImprovementPermissions.Manage);

    /// <summary>
    /// The items the user may see with the given status, newest evidence first; null when the user may see no queue at all
    /// (neither improvement.manage nor any item of their own, in any status): the page and API answer 404.
    /// </summary>
    public async Task<IReadOnlyList<ImprovementItem>?> ListAsync(ClaimsPrincipal user, ImprovementStatus status, CancellationToken ct = default)
    {
        var mine = Mine(user, db.Items.AsNoTracking(), out var me);
        var manages = await ManagesAsync(user);
        if (!manages && (me is null || !await mine.AnyAsync(ct))) return null;
        var query = manages ? db.Items.AsNoTracking() : mine;
        query = query.Where(i => i.Status == status);
        if (status == ImprovementStatus.Open) query = query.Where(i => !i.Stale);
        return await query.OrderByDescending(i => i.Weight).ThenByDescending(i => i.SeenUtc).ThenBy(i => i.Id).Take(500).ToListAsync(ct);
    }

    private static IQueryable<ImprovementItem> Mine(ClaimsPrincipal user, IQueryable<ImprovementItem> items, out string? me)
    {
        me = user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name.ToLowerInvariant() : null;
        var lower = me ?? "\0";
        // User names are e-mail addresses: compared case-insensitively.
        return items.Where(i => (i.AssignedTo != null && i.AssignedTo.ToLower() == lower) || (i.Owner != null && i.Owner.ToLower() == lower));
    }

    /// <summary>The item if the user may see and act on it, else null.</summary>
    public async Task<ImprovementItem?> FindAsync(ClaimsPrincipal user, long id, CancellationToken ct = default)
    {
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return item is not null && await MayActAsync(user, item) ? item : null;
    }

    private async Task<bool> MayActAsync(ClaimsPrincipal user, ImprovementItem item) =>
        await ManagesAsync(user) || (user.Identity?.Name is { Length: > 0 } me
            && (string.Equals(item.EffectiveOwner, me, StringComparison.OrdinalIgnoreCase) || string.Equals(item.Owner, me, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The users an item may be assigned to: holders of improvement.manage (trainers, administrators).</summary>
    public Task<IReadOnlyList<string>> AssigneesAsync(CancellationToken ct = default) => users.UsersWithPermissionAsync(ImprovementPermissions.Manage, ct);

    public async Task<QueueResult> AssignAsync(ClaimsPrincipal user, long id, string? assignee, int? sequence, CancellationToken ct = default)
    {
        if (await FindAsync(user, id, ct) is null) return QueueResult.NotFound();
        var target = (await AssigneesAsync(ct)).FirstOrDefault(a => string.Equals(a, assignee?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (target is null) return QueueResult.Invalid("assignee", "Assign to: choose a trainer.");
        var me = user.Identity!.Name!;
        var result = await ChangeAsync(id, sequence, item =>
        {
            if (item.Status != ImprovementStatus.Open) return QueueResult.Invalid("assignee", "Only an open item can be assigned.");
            item.AssignedTo = target;
            return null;
        }, ct);
        if (!result.Ok) return result;
        await audit.RecordAsync("improvement.assign", $"improvement:{id}", $"to {target}", ct: ct);
        if (!string.Equals(target, me, StringComparison.OrdinalIgnoreCase))
        {
            var names = await users.DisplayNamesAsync([me], ct);
            await notifications.NotifyAsync([target], new Notice(AssignedNotice, AssignedTemplate, [names.GetValueOrDefault(me) ?? me, result.Item!.Title],
                $"/improvement#item-{id}") { Key = $"improvement:{id}:assigned:{result.Item.Sequence}" }, ct);
        }
        return result;
    }

    public async Task<QueueResult> DismissAsync(ClaimsPrincipal user, long id, string? reason, int? sequence, CancellationToken ct = default)
    {
        if (await FindAsync(user, id, ct) is null) return QueueResult.NotFound();
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) return QueueResult.Invalid("reason", "Reason: say why the item is dismissed.");
        if (text.Length > MaxReason) return QueueResult.Invalid("reason", "Reason: at most {0} characters.", MaxReason);
        var me = user.Identity!.Name!;
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await ChangeAsync(id, sequence, item =>
        {
            if (item.Status != ImprovementStatus.Open) return QueueResult.Invalid("reason", "Only an open item can be dismissed.");
            item.Status = ImprovementStatus.Dismissed;
            item.DismissReason = text;
            item.DismissedWeight = item.Weight;
            item.ClosedBy = me;
            item.ClosedUtc = now;
            return null;
        }, ct);
        if (result.Ok) await audit.RecordAsync("improvement.dismiss", $"improvement:{id}", text, ct: ct);
        return result;
    }

    /// <summary>
    /// Resolves the item with the published version that addresses it: the item's content's published version, which must be
    /// newer than the item (for an item about no content, <paramref name="contentItemId"/> names the item that addresses it).
    /// Then the loop closes: the follow-up it came from is marked done with the link (its team is told), and the readers who
    /// found an earlier version unhelpful are told there is a new one.
    /// </summary>
    public async Task<QueueResult> ResolveAsync(ClaimsPrincipal user, long id, string? contentItemId, int? sequence, CancellationToken ct = default)
    {
        if (await FindAsync(user, id, ct) is not { } found) return QueueResult.NotFound();
        var target = found.ContentItemId ?? contentItemId?.Trim();
        if (string.IsNullOrEmpty(target)) return QueueResult.Invalid("contentItemId", "Resolved by: name the content item (its id) whose new version addresses it.");
        if (await published.ByIdAsync(target) is not { } version || definitions.Find(version.ContentType) is null)
            return QueueResult.Invalid("contentItemId", "Resolved by: no published content item has this id.");
        if (found.ContentItemId is not null && (version.PublishedUtc ?? DateTime.MinValue) <= found.CreatedUtc)
            return QueueResult.Invalid("contentItemId", "Publish a new version of “{0}” first: the published version is older than this item.", version.DisplayText);
        var url = definitions.UrlFor(version);
        var me = user.Identity!.Name!;
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await ChangeAsync(id, sequence, item =>
        {
            if (item.Status == ImprovementStatus.Resolved) return QueueResult.Invalid("contentItemId", "This item is already resolved.");
            item.Status = ImprovementStatus.Resolved;
            item.ResolvedVersionId = version.ContentItemVersionId;
            item.ResolvedUrl = url;
            item.ClosedBy = me;
            item.ClosedUtc = now;
            return null;
        }, ct);
        if (!result.Ok) return result;
        await audit.RecordAsync("improvement.resolve", $"improvement:{id}", $"{version.ContentItemId} version {version.Number} ({version.ContentItemVersionId})", ct: ct);

        var resolution = new FollowUpResolution(url, $"{version.DisplayText} (v{version.Number})", me);
        if (result.Item!.FollowUpKey is { } key)
            foreach (var resolver in resolvers)
                if (await resolver.ResolveAsync(key, resolution, ct) is not null) break;
        await helpful.TellUnhelpfulReadersAsync(version, ct);
        return result;
    }

    /// <summary>The Change helper around one item: not found, a stale form (its sequence), a refusal, or saved.</summary>
    private async Task<QueueResult> ChangeAsync(long id, int? sequence, Func<ImprovementItem, QueueResult?> change, CancellationToken ct) =>
        await writes.ChangeAsync(db, async () =>
        {
            var item = await db.Items.FirstOrDefaultAsync(i => i.Id == id, ct);
            if (item is null) return Change.Stop(QueueResult.NotFound());
            if (sequence is { } seen && seen != item.Sequence) return Change.Stop(new QueueResult(QueueOutcome.Conflict, item, "", ChangedMessage));
            if (change(item) is { } refused) return Change.Stop(refused with { Item = item });
            item.Sequence++;
            return Change.Save(new QueueResult(QueueOutcome.Done, item));
        }, ct);
}
