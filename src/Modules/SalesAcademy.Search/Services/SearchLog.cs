using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Data;
using SalesAcademy.Search.Data;
using SalesAcademy.Search.Models;

namespace SalesAcademy.Search.Services;

/// <summary>
/// Records every search (query, result count, UI language) for the trainers' improvement queue. A search does not wait
/// for the database: it queues its record, and this service writes whatever is queued in one statement about once a
/// second (and everything on shutdown). Reading the log first writes what is queued, so nothing recorded is missed.
/// </summary>
public sealed class SearchLog(IServiceScopeFactory scopes, TimeProvider clock, DatabaseWriteGate writes, ILogger<SearchLog> logger) : BackgroundService
{
    /// <summary>How long a record may wait to be written together with others.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(1);
    private const int MaxPerWrite = 1000;

    private readonly Channel<SearchQueryRecord> _queue = Channel.CreateUnbounded<SearchQueryRecord>(new() { SingleReader = false });
    private readonly SemaphoreSlim _writing = new(1, 1);

    public void Record(string? query, int resultCount, string culture, string? userId, string source)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0) return;
        _queue.Writer.TryWrite(new SearchQueryRecord
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Query = text.Length > 500 ? text[..500] : text,
            Culture = culture.Length > 16 ? culture[..16] : culture,
            ResultCount = resultCount,
            UserId = userId,
            Source = source,
        });
    }

    /// <summary>Writes every record queued so far.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _writing.WaitAsync(ct);
        try
        {
            while (_queue.Reader.TryPeek(out _))
            {
                var batch = new List<SearchQueryRecord>();
                while (batch.Count < MaxPerWrite && _queue.Reader.TryRead(out var record)) batch.Add(record);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SearchDbContext>();
                // Multi-row INSERTs, not tracked entities: under a load of searches (about 3,000 a second under wrk), a
                // thousand tracked inserts a second were a sixth of the search page's time.
                using (await writes.EnterAsync(ct))
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    await BulkInsert.InsertAsync(db, batch, ct);
                    await transaction.CommitAsync(ct);
                }
            }
        }
        finally { _writing.Release(); }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Coalesce, stoppingToken); // batching, not a business time: the real clock
                try { await FlushAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A record that could not be written is dropped rather than retried forever; the search itself succeeded.
                    logger.LogWarning(ex, "Writing the search log failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await FlushAsync(cancellationToken); }
        catch (Exception ex) { logger.LogWarning(ex, "Writing the search log at shutdown failed"); }
    }

    /// <summary>The most frequent recent searches that found nothing.</summary>
    public async Task<IReadOnlyList<(string Query, int Times, DateTime LastUtc)>> FoundNothingAsync(int max, CancellationToken ct = default)
    {
        await FlushAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SearchDbContext>();
        var rows = await db.Queries.AsNoTracking().Where(q => q.ResultCount == 0).OrderByDescending(q => q.Id).Take(1000)
            .Select(q => new { q.Query, q.AtUtc }).ToListAsync(ct);
        return rows.GroupBy(r => r.Query, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First().Query, g.Count(), g.Max(r => r.AtUtc)))
            .OrderByDescending(r => r.Item2).ThenByDescending(r => r.Item3).Take(max).ToList();
    }
}
