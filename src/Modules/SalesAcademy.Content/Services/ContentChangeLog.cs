using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Services;

/// <summary>
/// Content's contract for followers that keep their own copy of published content with their own cursor (the search
/// index): the change log, published items by id, a paged enumeration for rebuilds, and the taxonomy as committed.
/// Followers learn of this node's writes from <see cref="ContentChangeSignal"/> and of other nodes' by polling
/// <see cref="HeadAsync"/> now and then. Nothing here exposes Content's tables.
/// </summary>
public sealed class ContentChangeLog(ContentDbContext db, ContentDefinitions definitions)
{
    public async Task<long> HeadAsync(CancellationToken ct = default) => await db.Changes.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;

    /// <summary>Changes after <paramref name="sequence"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ContentChange>> ReadAfterAsync(long sequence, int max, CancellationToken ct = default) =>
        await db.Changes.AsNoTracking().Where(c => c.Sequence > sequence).OrderBy(c => c.Sequence).Take(max).ToListAsync(ct);

    /// <summary>The published versions of these items, as they are now (unpublished and unknown ids are left out).</summary>
    public async Task<IReadOnlyList<ContentItem>> PublishedByIdAsync(IReadOnlyCollection<string> contentItemIds, CancellationToken ct = default) =>
        contentItemIds.Count == 0 ? []
            : await db.Items.AsNoTracking().Where(i => contentItemIds.Contains(i.ContentItemId) && i.Published).ToListAsync(ct);

    /// <summary>
    /// One page of the published items of <paramref name="contentTypes"/> in a stable order; pass the previous page's
    /// <see cref="PublishedPage.Next"/> (0 for the first) until it is null. A large library is never held in memory at once.
    /// </summary>
    public async Task<PublishedPage> PublishedPageAsync(IReadOnlyCollection<string> contentTypes, long after, int size, CancellationToken ct = default)
    {
        var rows = await db.Items.AsNoTracking().Where(i => i.Published && i.Id > after && contentTypes.Contains(i.ContentType))
            .OrderBy(i => i.Id).Take(size).ToListAsync(ct);
        return new PublishedPage(rows, rows.Count < size ? null : rows[^1].Id);
    }

    /// <summary>Every published item of <paramref name="contentTypes"/>, read page by page as it is enumerated (a rebuild's worker thread).</summary>
    public IEnumerable<ContentItem> Published(IReadOnlyCollection<string> contentTypes, int pageSize, CancellationToken ct = default)
    {
        long? next = 0;
        while (next is { } after)
        {
            ct.ThrowIfCancellationRequested();
            var rows = db.Items.AsNoTracking().Where(i => i.Published && i.Id > after && contentTypes.Contains(i.ContentType))
                .OrderBy(i => i.Id).Take(pageSize).ToList();
            foreach (var item in rows) yield return item;
            next = rows.Count < pageSize ? null : rows[^1].Id;
        }
    }

    public Task<int> PublishedCountAsync(IReadOnlyCollection<string> contentTypes, CancellationToken ct = default) =>
        db.Items.CountAsync(i => i.Published && contentTypes.Contains(i.ContentType), ct);

    /// <summary>Ids of the published items that carry a tag (whose label a <see cref="ContentChangeKind.Taxonomy"/> change may have changed).</summary>
    public async Task<IReadOnlyList<string>> PublishedIdsTaggedAsync(string termKey, CancellationToken ct = default)
    {
        // Tags live in the item's JSON: a LIKE narrows the rows (keys are a-z, 0-9 and '-'), the parts decide.
        var pattern = $"%\"{termKey}\"%";
        var rows = await db.Items.AsNoTracking().Where(i => i.Published && EF.Functions.Like(i.Content, pattern)).ToListAsync(ct);
        // A field holding the term (a case's industry) shows its label too.
        return rows.Where(i => i.As<TagsPart>().Tags.Contains(termKey, StringComparer.Ordinal) || definitions.Terms(i).Any(t => t.Key == termKey))
            .Select(i => i.ContentItemId).ToList();
    }

    /// <summary>The taxonomy as committed now (not a node's snapshot, which may lag behind another node's change).</summary>
    public async Task<TaxonomySnapshot> TaxonomyAsync(CancellationToken ct = default) => new(
        await db.TaxonomyTerms.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Key).ToListAsync(ct),
        await db.TaxonomyGroups.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Key).ToListAsync(ct), definitions.TermGroups);
}

/// <param name="Next">Where the next page starts; null after the last page.</param>
public sealed record PublishedPage(IReadOnlyList<ContentItem> Items, long? Next);

/// <summary>
/// Raised by <see cref="ContentManager"/> after a write on this node has committed its change-log rows, so followers
/// apply it at once instead of polling. Writes by other nodes sharing the database raise nothing here: followers
/// also poll the log's head every few seconds.
/// </summary>
public sealed class ContentChangeSignal
{
    private TaskCompletionSource _next = NewSource();
    private long _version;

    /// <summary>Moves on with every raise; a follower remembers the value it has seen.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Raise()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, NewSource()).TrySetResult();
    }

    /// <summary>Returns when the signal has moved past <paramref name="seen"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(long seen, TimeSpan timeout, CancellationToken ct)
    {
        var next = Volatile.Read(ref _next);
        if (Version != seen) return;
        // Not thrown: a timeout is how a quiet library looks, once a second on every node.
        await next.Task.WaitAsync(timeout, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Builds this node's published snapshot once the portal listens (at 10,000 items that takes seconds, which the first
/// reader would otherwise wait for), then drops it when the change log moves past it (writes from other nodes).
/// </summary>
internal sealed class ContentChangePoller(IServiceScopeFactory scopes, PublishedContent published, ContentOptions options, IHostApplicationLifetime lifetime,
    ILogger<ContentChangePoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After the portal listens: the build must not hold up start-up (it takes both cores for seconds at 10,000 items).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        try
        {
            await published.AllAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Building the published snapshot at start-up failed; the first reader builds it");
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.ChangePollSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (published.SnapshotHead is not { } seen) continue;
                await using var scope = scopes.CreateAsyncScope();
                var head = await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync(stoppingToken);
                if (head != seen) published.Invalidate();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Polling the content change log failed; retrying");
            }
        }
    }
}

/// <summary>The <c>Content</c> configuration section.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    public double ChangePollSeconds { get; set; } = 2;

    /// <summary>Days an item may stay overdue for verification before the verification sweep escalates it to the administrators.</summary>
    public int VerificationGraceDays { get; set; } = 7;
}
