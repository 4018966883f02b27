using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Delivery;

/// <summary>The outbox rows' states after they are written: claimed by one node, sent, retried, failed, bundled into a digest.</summary>
public sealed class DeliveryOutbox(NotificationsDbContext db, DatabaseWriteGate gate, TimeProvider clock, PortalOptions portal, Microsoft.Extensions.Options.IOptions<DeliveryOptions> options)
{
    private DeliveryOptions Options => options.Value;

    /// <summary>
    /// Claims up to BatchSize due rows for this node with one conditional UPDATE (a row another node claimed meanwhile does not match),
    /// then reads back exactly the rows that carry this claim's token.
    /// </summary>
    public async Task<(string Token, List<Models.Delivery> Rows)> ClaimAsync(string node, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptUtc <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextAttemptUtc).ThenBy(d => d.Id).Select(d => d.Id).Take(Options.BatchSize).ToListAsync(ct);
        if (ids.Count == 0) return ("", []);
        var token = $"{(node.Length > 60 ? node[..60] : node)}:{Guid.NewGuid():N}";
        var until = now.AddSeconds(Options.ClaimSeconds);
        using (await gate.EnterAsync(ct))
        {
            await db.Deliveries
                .Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Queued && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, token).SetProperty(d => d.ClaimedUntil, until), ct);
        }
        return (token, await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.Id) && d.ClaimedBy == token).OrderBy(d => d.Id).ToListAsync(ct));
    }

    public sealed record Outcome(long Id, string? Error, bool Permanent = false);

    /// <summary>Records each send: sent, or one more attempt with its error and the next attempt time (Failed after MaxAttempts).</summary>
    public async Task CompleteAsync(string token, IReadOnlyList<Outcome> outcomes, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using (await gate.EnterAsync(ct))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var o in outcomes)
            {
                var mine = db.Deliveries.Where(d => d.Id == o.Id && d.ClaimedBy == token);
                if (o.Error is null)
                {
                    await mine.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentUtc, now)
                        .SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.LastError, (string?)null)
                        .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
                    continue;
                }
                var attempts = await mine.Select(d => d.Attempts).FirstOrDefaultAsync(ct) + 1;
                var failed = o.Permanent || attempts >= Options.MaxAttempts;
                var error = o.Error.Length > 1000 ? o.Error[..999] + "…" : o.Error;
                var next = now + Options.BackOff(attempts);
                await mine.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, failed ? DeliveryStatus.Failed : DeliveryStatus.Queued)
                    .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastError, error).SetProperty(d => d.NextAttemptUtc, next)
                    .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>
    /// At or after the digest hour (site time zone), one digest e-mail per user with waiting items and none yet today; the waiting
    /// items are bundled into it in the same transaction. Its key <c>digest:&lt;user&gt;:&lt;date&gt;</c> makes a second node's attempt fail.
    /// </summary>
    public async Task<int> PlanDigestsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(portal.TimeZone));
        if (local.Hour < Options.DigestHour) return 0;
        var date = local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var waiting = await db.Deliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Waiting && d.Channel == DeliveryChannels.Digest)
            .Select(d => d.Recipient).Distinct().ToListAsync(ct);
        var made = 0;
        foreach (var recipient in waiting)
        {
            var key = DigestKey(recipient, date);
            if (await db.Deliveries.AnyAsync(d => d.Key == key && d.Recipient == recipient && d.Channel == DeliveryChannels.Email, ct)) continue;
            var utc = now.UtcDateTime;
            try
            {
                using (await gate.EnterAsync(ct))
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    var digest = new Models.Delivery
                    {
                        Key = key, Recipient = recipient, Channel = DeliveryChannels.Email, Kind = DeliveryChannels.DigestKind,
                        Template = DeliveryChannels.DigestTemplate, Status = DeliveryStatus.Queued, CreatedUtc = utc, NextAttemptUtc = utc,
                    };
                    db.Deliveries.Add(digest);
                    await db.SaveChangesAsync(ct);
                    await db.Deliveries.Where(d => d.Recipient == recipient && d.Channel == DeliveryChannels.Digest && d.Status == DeliveryStatus.Waiting && d.CreatedUtc <= utc)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Bundled).SetProperty(d => d.DigestId, digest.Id), ct);
                    await tx.CommitAsync(ct);
                    made++;
                }
            }
            catch (DbUpdateException)
            {
                // Another node made this user's digest for today first.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return made;
    }

    public static string DigestKey(string recipient, string date) => $"digest:{recipient}:{date}";

    /// <summary>The rows waiting to be sent or given up on, newest first (for /admin/delivery).</summary>
    public Task<List<Models.Delivery>> PendingAsync(int take, CancellationToken ct) =>
        db.Deliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Failed)
            .OrderByDescending(d => d.Status == DeliveryStatus.Failed).ThenByDescending(d => d.Id).Take(take).ToListAsync(ct);

    public Task<Dictionary<string, int>> CountsAsync(CancellationToken ct) =>
        db.Deliveries.AsNoTracking().GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>Puts a failed row back in the queue, due now with a fresh count of attempts; false when it is not a failed row.</summary>
    public async Task<Models.Delivery?> RetryAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int changed;
        using (await gate.EnterAsync(ct))
        {
            changed = await db.Deliveries.Where(d => d.Id == id && d.Status == DeliveryStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.Attempts, 0)
                    .SetProperty(d => d.NextAttemptUtc, now).SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
        }
        return changed == 0 ? null : await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
    }
}
