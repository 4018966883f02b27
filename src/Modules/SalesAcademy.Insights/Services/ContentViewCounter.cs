using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Services;

/// <summary>
/// Counts page views of published items in memory, per day, item and signed-in user (anonymous readers are not counted);
/// <see cref="ContentViewFlush"/> adds the counts to the database every few minutes. A page view costs a dictionary update.
/// A crash loses at most one interval of counts; on a cluster each node adds its own counts when the task runs there.
/// </summary>
public sealed class ContentViewCounter(TimeProvider clock) : IContentViews
{
    /// <summary>Past this many distinct (day, item, user) keys waiting, new ones are dropped until the next flush.</summary>
    public const int MaxPending = 200_000;

    private ConcurrentDictionary<(DateOnly Day, string Item, string User), int> _pending = new();
    private int _keys; // distinct keys waiting in _pending (approximate while a Take swaps it)

    public void Viewed(string contentItemId, string? userId)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(contentItemId)) return;
        var key = (DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), contentItemId, userId);
        var pending = _pending;
        // ConcurrentDictionary.Count takes every lock: on each signed-in page view that serialised readers. A key already
        // waiting is counted without it; a new one checks a counter kept beside the dictionary.
        if (!pending.ContainsKey(key))
        {
            if (Volatile.Read(ref _keys) >= MaxPending) return;
            if (pending.TryAdd(key, 1))
            {
                Interlocked.Increment(ref _keys);
                return;
            }
        }
        pending.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    /// <summary>Takes what was counted so far (the next views go to a fresh dictionary).</summary>
    public IReadOnlyDictionary<(DateOnly Day, string Item, string User), int> Take()
    {
        var taken = Interlocked.Exchange(ref _pending, new());
        Interlocked.Exchange(ref _keys, 0);
        return taken;
    }

    /// <summary>Puts counts back after a failed write, so the next flush tries again.</summary>
    public void Return(IReadOnlyDictionary<(DateOnly Day, string Item, string User), int> counts)
    {
        foreach (var (key, n) in counts) _pending.AddOrUpdate(key, n, (_, m) => m + n);
        Interlocked.Exchange(ref _keys, _pending.Count); // rare: after a failed write
    }
}

/// <summary>Adds the in-memory view counts to <see cref="ContentViewCount"/> rows (one transaction per flush).</summary>
public sealed class ContentViewFlush(ContentViewCounter counter, InsightsDbContext db, DatabaseWriteGate gate) : IPeriodicTask
{
    public const string Key = "insights.content-views";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var counts = counter.Take();
        if (counts.Count == 0) return 0;
        try
        {
            using (await gate.EnterAsync(ct))
            {
                foreach (var day in counts.GroupBy(c => c.Key.Day))
                {
                    var items = day.Select(c => c.Key.Item).Distinct().ToList();
                    var existing = await db.ContentViews.Where(v => v.Day == day.Key && items.Contains(v.ContentItemId))
                        .ToDictionaryAsync(v => (v.ContentItemId, v.UserId), ct);
                    foreach (var ((_, item, user), n) in day)
                    {
                        if (existing.TryGetValue((item, user), out var row)) row.Count += n;
                        else db.ContentViews.Add(new ContentViewCount { Day = day.Key, ContentItemId = item, UserId = user, Count = n });
                    }
                }
                await db.SaveChangesAsync(ct);
            }
        }
        catch
        {
            counter.Return(counts);
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return counts.Count;
    }
}

/// <summary>The Insights module's own source: content views per member in the period (from <see cref="ContentViewCount"/>).</summary>
internal sealed class ContentViewSource(InsightsDbContext db) : IInsightSource
{
    public string Name => "content-views";

    public async Task<IReadOnlyList<InsightRecord>> MeasureAsync(InsightQuery query, CancellationToken ct)
    {
        var teamsOf = InsightMembers.TeamsByUserId(query);
        if (teamsOf.Count == 0) return [];
        var userIds = teamsOf.Keys.ToList();
        var (from, to) = (DateOnly.FromDateTime(query.FromUtc), DateOnly.FromDateTime(query.ToUtc));
        var rows = await db.ContentViews.AsNoTracking().Where(v => userIds.Contains(v.UserId) && v.Day >= from && v.Day < to)
            .GroupBy(v => v.UserId).Select(g => new { UserId = g.Key, Count = g.Sum(v => v.Count) }).ToListAsync(ct);
        return rows.SelectMany(r => teamsOf[r.UserId].Select(team =>
            new InsightRecord(team, InsightMeasureKeys.SharingViews, "", r.UserId, r.Count, 1, r.Count))).ToList();
    }
}
