using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Verification;

/// <summary>
/// The verification sweep (cycle kind <c>verification-sweep</c>, daily by default). On open it tells each owner of
/// published content that is due for verification, once per due period, in one notification with the count and a link
/// to <c>/review/due</c>; an item still overdue after the grace period (<c>graceDays</c> in the cycle's settings, else
/// <c>Content:VerificationGraceDays</c>, 7) is escalated once per due period to the administrators (holders of
/// <c>content.verify.escalations</c>). The sweep covers the items owned by members of the cycle's target teams, so a team
/// lead's sweep reaches only the lead's teams. What was said is kept in <see cref="VerificationNotice"/> rows, written
/// after the keyed notices: a run handed to the sweep again finds them (or, after a crash in between, sends the same
/// keys, which the notification outbox de-duplicates).
/// </summary>
public sealed class VerificationSweep(ContentDbContext db, ITeamDirectory teams, IUserDirectory users, IUserNotifications notifications,
    TimeProvider clock, DatabaseWriteGate writes, IOptions<ContentOptions> options) : ICycleKind
{
    public const string KindKey = "verification-sweep";
    public const string DueNotice = "verification.due", EscalationNotice = "verification.escalation";
    public const string DuePage = "/review/due";
    private const int TitlesListed = 5;

    public string Key => KindKey;
    public string Name => "Verification sweep";
    public string? DefaultCron => "0 9 * * *"; // daily by default

    /// <summary>An item's due period: its due date (UTC, to the second), or <c>unverified</c> until it is first verified.</summary>
    public static string DueKey(OwnershipPart ownership) =>
        ownership.DueUtc is { } due ? due.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "unverified";

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        if (run.Phase != CyclePhase.Open) return new(); // a sweep has no open window: it opens and closes at once
        var grace = TimeSpan.FromDays(GraceDays(run.Settings));
        var now = clock.GetUtcNow().UtcDateTime;

        var owners = await OwnersInTeamsAsync(run.TeamIds, ct);
        var due = (await db.Items.AsNoTracking().Where(i => i.Published && i.Owner != null).ToListAsync(ct))
            .Where(i => owners.Contains(i.Owner!) && i.As<OwnershipPart>().IsDue(now))
            .Select(i => (Item: i, Due: DueKey(i.As<OwnershipPart>())))
            .ToList();
        if (due.Count == 0) return new(Targeted: 0, Completed: 0);

        var ids = due.Select(d => d.Item.ContentItemId).Distinct().ToList();
        var said = (await db.VerificationNotices.AsNoTracking().Where(n => ids.Contains(n.ContentItemId)).ToListAsync(ct))
            .Select(n => (n.ContentItemId, n.Due, n.Audience)).ToHashSet();
        var told = 0;

        // Owners: one notice per owner for the items that fell due since they were last told.
        foreach (var group in due.Where(d => !said.Contains((d.Item.ContentItemId, d.Due, VerificationAudience.Owner)))
                     .GroupBy(d => d.Item.Owner!, StringComparer.OrdinalIgnoreCase))
        {
            var items = group.OrderBy(d => d.Item.As<OwnershipPart>().DueUtc ?? DateTime.MinValue).ThenBy(d => d.Item.DisplayText).ToList();
            var titles = string.Join(", ", items.Take(TitlesListed).Select(d => d.Item.DisplayText)) + (items.Count > TitlesListed ? ", …" : "");
            var notice = items.Count == 1
                ? new Notice(DueNotice, "One content item you own is due for verification: {0}", [titles], DuePage)
                : new Notice(DueNotice, "{0} content items you own are due for verification: {1}", [items.Count.ToString(), titles], DuePage);
            await notifications.NotifyAsync([group.Key], notice with { Key = "verification-due:" + Digest(group.Key, items.Select(d => $"{d.Item.ContentItemId}@{d.Due}")) }, ct);
            await RecordAsync(items.Select(d => (d.Item.ContentItemId, d.Due)), VerificationAudience.Owner, now, ct);
            told++;
        }

        // Escalations: each item overdue by more than the grace period, once per due period, to the administrators.
        var overdue = due.Where(d => OverdueSince(d.Item) + grace <= now && !said.Contains((d.Item.ContentItemId, d.Due, VerificationAudience.Escalation)))
            .OrderBy(d => OverdueSince(d.Item)).ToList();
        if (overdue.Count > 0)
        {
            var administrators = await users.UsersWithPermissionAsync(ContentPermissions.VerifyEscalations, ct);
            foreach (var (item, dueKey) in overdue)
            {
                var notice = new Notice(EscalationNotice, "Overdue for verification for more than {0} days: {1} (owner {2}, due {3})",
                    [((int)grace.TotalDays).ToString(), item.DisplayText, item.Owner!, OverdueSince(item).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)], DuePage)
                {
                    Key = $"verification-escalation:{item.ContentItemId}@{dueKey}",
                };
                if (administrators.Count > 0) await notifications.NotifyAsync(administrators, notice, ct);
                await RecordAsync([(item.ContentItemId, dueKey)], VerificationAudience.Escalation, now, ct);
                told++;
            }
        }
        return new(Targeted: due.Count, Completed: told);
    }

    /// <summary>When an item became overdue: its due date, or for an item never verified, when it was published.</summary>
    private static DateTime OverdueSince(ContentItem item) => item.As<OwnershipPart>().DueUtc ?? item.PublishedUtc ?? item.CreatedUtc;

    private double GraceDays(string settings)
    {
        var days = (double)options.Value.VerificationGraceDays;
        if (string.IsNullOrWhiteSpace(settings) || settings.Trim() == "{}") return days;
        try
        {
            using var json = JsonDocument.Parse(settings);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("graceDays", out var value))
                days = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 0 and <= 365 ? n
                    : throw new InvalidOperationException($"Settings: graceDays is {value.GetRawText()}; use a whole number of days from 0 to 365.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Settings: not valid JSON ({ex.Message}).");
        }
        return days;
    }

    /// <summary>The user names of the members of the target teams (case-insensitive, as user names compare).</summary>
    private async Task<HashSet<string>> OwnersInTeamsAsync(IReadOnlyList<string> teamIds, CancellationToken ct)
    {
        var memberIds = await teams.MemberIdsAsync(teamIds);
        var people = await users.ByIdsAsync(memberIds.Distinct().ToList(), ct);
        return people.Values.Select(u => u.UserName).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private async Task RecordAsync(IEnumerable<(string ItemId, string Due)> items, string audience, DateTime now, CancellationToken ct)
    {
        foreach (var (itemId, due) in items)
        {
            db.VerificationNotices.Add(new VerificationNotice { ContentItemId = itemId, Due = due, Audience = audience, NotifiedUtc = now });
            try
            {
                using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Recorded already (the run was handed to the sweep again): the unique key keeps one row.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string Digest(string owner, IEnumerable<string> parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(owner.ToLowerInvariant() + "|" + string.Join("|", parts.Order(StringComparer.Ordinal)))))[..32];
}
