using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Delivery;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Services;

/// <summary>
/// The outbox writer: per notice, in one SaveChanges, the in-app rows and one delivery row per recipient and channel
/// (e-mail, digest) or per team webhook, following each recipient's route for the notice's kind. A keyed notice adds only
/// the rows that are missing, so a re-run job sends nothing twice. The delivery service sends the rows.
/// </summary>
internal sealed class DbUserNotifications(NotificationsDbContext db, NotificationKindCatalog kinds, DatabaseWriteGate gate,
    DeliverySignal signal, TimeProvider clock) : IUserNotifications
{
    /// <summary>Arguments are names and titles; a longer one is cut (the notification links to the whole thing).</summary>
    public const int MaxArgumentLength = 200;

    /// <summary>Up to this many recipients, queries name them (IN …); above, they read the kind's or key's rows whole.</summary>
    private const int SmallBatch = 200;

    // Stored readable (Chinese names and titles as text, not \uXXXX); it is data, never written into HTML as is.
    internal static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task NotifyAsync(string recipient, string template, IReadOnlyList<string> args, string? url, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        return NotifyAsync([recipient], new Notice(NotificationKinds.General, template, args, url), ct);
    }

    public async Task NotifyAsync(IReadOnlyCollection<string> recipients, Notice notice, CancellationToken ct = default)
    {
        var (arguments, kind) = Validate(notice);
        var people = recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Select(NotificationInbox.Key).Distinct(StringComparer.Ordinal).ToList();
        if (people.Count == 0) return;

        for (var attempt = 1; ; attempt++)
        {
            var routes = await RoutesAsync(kind.Key, people, ct);
            var (shown, sent) = notice.Key is { } key ? await ExistingAsync(key, people, ct) : ([], []);

            var now = clock.GetUtcNow().UtcDateTime;
            var inApp = new List<UserNotification>();
            var outbox = new List<Models.Delivery>();
            foreach (var person in people)
            {
                var (toInApp, channel) = NotificationKindCatalog.Channels(kind, routes.GetValueOrDefault(person));
                if (toInApp && !shown.Contains(person))
                    inApp.Add(new UserNotification { Recipient = person, Kind = kind.Key, Key = notice.Key, Template = notice.Template, Arguments = arguments, Url = notice.Url, CreatedUtc = now });
                if (channel is not null && !sent.Contains((person, channel)))
                    outbox.Add(Row(notice, kind.Key, arguments, person, channel, now));
            }
            if (inApp.Count == 0 && outbox.Count == 0) return;
            if (await SaveAsync(inApp, outbox, attempt, ct))
            {
                if (outbox.Any(d => d.Channel == DeliveryChannels.Email)) signal.Wake();
                return;
            }
        }
    }

    public async Task NotifyTeamAsync(string teamId, Notice notice, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        var (arguments, kind) = Validate(notice);
        for (var attempt = 1; ; attempt++)
        {
            var hooks = await db.Webhooks.AsNoTracking().Where(w => w.TeamId == teamId).Select(w => w.Id).ToListAsync(ct);
            if (hooks.Count == 0) return;
            var recipients = hooks.Select(WebhookRecipient).ToList();
            var (_, sent) = notice.Key is { } key ? await ExistingAsync(key, recipients, ct) : ([], []);
            var now = clock.GetUtcNow().UtcDateTime;
            var outbox = hooks.Where(h => !sent.Contains((WebhookRecipient(h), DeliveryChannels.Webhook)))
                .Select(h => Row(notice, kind.Key, arguments, WebhookRecipient(h), DeliveryChannels.Webhook, now, teamId, h)).ToList();
            if (outbox.Count == 0) return;
            if (await SaveAsync([], outbox, attempt, ct))
            {
                signal.Wake();
                return;
            }
        }
    }

    public static string WebhookRecipient(long webhookId) => $"webhook:{webhookId}";

    private (string Arguments, NotificationKind Kind) Validate(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentException.ThrowIfNullOrWhiteSpace(notice.Template);
        ArgumentException.ThrowIfNullOrWhiteSpace(notice.Kind);
        ArgumentNullException.ThrowIfNull(notice.Args);
        if (notice.Template.Length > 500) throw new ArgumentException("A notification template has at most 500 characters.", nameof(notice));
        if (notice.Key is { Length: > 200 }) throw new ArgumentException("A notification key has at most 200 characters.", nameof(notice));
        // The list page redirects to the url: only paths on this site, or it becomes an open redirect.
        if (notice.Url is { } url && !NotificationLinks.IsLocal(url)) throw new ArgumentException($"'{url}' is not a local path such as /cases/x.", nameof(notice));
        var arguments = JsonSerializer.Serialize(notice.Args.Select(a => a is { Length: > MaxArgumentLength } ? a[..(MaxArgumentLength - 1)] + "…" : a ?? ""), Json);
        return (arguments, kinds.Find(notice.Kind));
    }

    private static Models.Delivery Row(Notice notice, string kind, string arguments, string recipient, string channel, DateTime now, string? teamId = null, long? webhookId = null) => new()
    {
        Key = notice.Key, Recipient = recipient, Channel = channel, Kind = kind, Template = notice.Template, Arguments = arguments, Url = notice.Url,
        TeamId = teamId, WebhookId = webhookId, CreatedUtc = now, NextAttemptUtc = now,
        Status = channel == DeliveryChannels.Digest ? DeliveryStatus.Waiting : DeliveryStatus.Queued,
    };

    /// <summary>The recipients' routes for one kind: for a large fan-out every route of the kind (one query, no long IN list).</summary>
    private async Task<Dictionary<string, string>> RoutesAsync(string kind, List<string> people, CancellationToken ct)
    {
        var routes = db.Routes.AsNoTracking().Where(r => r.Kind == kind);
        if (people.Count <= SmallBatch) routes = routes.Where(r => people.Contains(r.Recipient));
        return await routes.ToDictionaryAsync(r => r.Recipient, r => r.Route, StringComparer.Ordinal, ct);
    }

    /// <summary>
    /// Who already has the keyed notice in-app, and on which channels it is already in the outbox: the rows of the key (one indexed
    /// query each; a key's rows are at most one per recipient and channel), narrowed to the recipients for a small batch.
    /// </summary>
    private async Task<(HashSet<string> Shown, HashSet<(string, string)> Sent)> ExistingAsync(string key, List<string> recipients, CancellationToken ct)
    {
        var small = recipients.Count <= SmallBatch;
        var shown = db.Notifications.AsNoTracking().Where(n => n.Key == key);
        var sent = db.Deliveries.AsNoTracking().Where(d => d.Key == key);
        if (small)
        {
            shown = shown.Where(n => recipients.Contains(n.Recipient));
            sent = sent.Where(d => recipients.Contains(d.Recipient));
        }
        return (new HashSet<string>(await shown.Select(n => n.Recipient).ToListAsync(ct), StringComparer.Ordinal),
            (await sent.Select(d => new { d.Recipient, d.Channel }).ToListAsync(ct)).Select(d => (d.Recipient, d.Channel)).ToHashSet());
    }

    /// <summary>
    /// One transaction for the in-app and outbox rows; false when another node wrote some of the same keyed rows meanwhile
    /// (the caller reads again and adds the rest). A few rows go through SaveChanges, a fan-out through multi-row INSERTs.
    /// </summary>
    private async Task<bool> SaveAsync(List<UserNotification> inApp, List<Models.Delivery> outbox, int attempt, CancellationToken ct)
    {
        try
        {
            using (await gate.EnterAsync(ct))
            {
                if (inApp.Count + outbox.Count <= SmallBatch)
                {
                    db.Notifications.AddRange(inApp);
                    db.Deliveries.AddRange(outbox);
                    await db.SaveChangesAsync(ct);
                }
                else
                {
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    await BulkInsert.InsertAsync(db, inApp, ct);
                    await BulkInsert.InsertAsync(db, outbox, ct);
                    await tx.CommitAsync(ct);
                }
            }
            return true;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException && attempt < 3)
        {
            return false; // a concurrent writer's unique row: the next pass reads it and skips it
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}

public static class NotificationLinks
{
    /// <summary>A path on this site: one leading '/', not '//' or '/\' (which browsers treat as another host).</summary>
    public static bool IsLocal(string url) =>
        url.Length is > 0 and <= 1000 && url[0] == '/' && (url.Length == 1 || url[1] is not '/' and not '\\')
        && !url.Any(char.IsControl);
}
