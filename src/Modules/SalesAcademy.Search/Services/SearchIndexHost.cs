using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Search.Services;

/// <summary>What the index is doing, for the admin page, the search pages and /health.</summary>
public sealed class SearchIndexStatus
{
    private volatile string _state = "starting";
    public string State { get => _state; internal set => _state = value; }
    public bool Rebuilding => State is "starting" or "rebuilding";
    public string? RebuildReason { get; internal set; }
    public int RebuildDone { get; internal set; }
    public int RebuildTotal { get; internal set; }
    public DateTime? LastRebuildUtc { get; internal set; }
    /// <summary>Why the last finished rebuild ran (missing, damaged, count far off, requested by …).</summary>
    public string? LastRebuildReason { get; internal set; }
    public DateTime? LastIndexedUtc { get; internal set; }
    public string? LastError { get; internal set; }
    public DateTime? LastErrorUtc { get; internal set; }

    internal void Fail(Exception ex)
    {
        LastError = ex.Message;
        LastErrorUtc = DateTime.UtcNow;
    }
}

/// <summary>
/// Keeps this node's index in step with the content change log, through Content's follower contract
/// (<see cref="ContentChangeLog"/>, never Content's tables): opens the index at start (checking it is sound), rebuilds
/// it in the background when it is missing, damaged or far from the database, then applies every change after its
/// cursor — at once for this node's writes (<see cref="ContentChangeSignal"/>), every
/// <see cref="SearchOptions.PollSeconds"/> for other nodes' writes to the same database. A taxonomy change re-indexes
/// the items carrying the tag.
/// </summary>
public sealed class SearchIndexHost(
    IServiceScopeFactory scopes, PortalOptions portal, SearchOptions options, ContentChangeSignal signal,
    ContentDefinitions definitions, SearchDocumentFactory factory, ILogger<SearchIndexHost> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private readonly ContentChangeSignal _wake = new(); // the admin's rebuild request
    private volatile string? _rebuildRequest;
    private volatile SearchIndex? _index;

    /// <summary>The open index, or null until it is opened (or when another process holds it).</summary>
    public SearchIndex? Index => _index;
    public SearchIndexStatus Status { get; } = new();
    public string IndexPath => options.IndexPath(portal.DataDir);

    /// <summary>Asks for a rebuild from the database (the admin's button); it runs in the background.</summary>
    public void RequestRebuild(string reason)
    {
        _rebuildRequest = reason;
        Status.State = "rebuilding";
        Status.RebuildDone = 0;
        _wake.Raise();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never hold up start-up: the site serves while the index opens or rebuilds
        try
        {
            _index = await Task.Run(() =>
            {
                var index = new SearchIndex(IndexPath, SearchFields.CreateAnalyzer(), options.RamBufferMb);
                index.WarmUp(); // SmartCn loads its dictionaries on first use (~0.5 s): not on the first reader's search
                return index;
            }, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The search index could not be opened");
            Status.Fail(ex);
            Status.State = "failed";
            return;
        }

        try
        {
            var problem = _index.OpenProblem;
            if (problem is null)
            {
                await CatchUpAsync(stoppingToken);
                problem = await CountProblemAsync(stoppingToken);
            }
            if (problem is not null && _rebuildRequest is null) await RebuildAsync(problem, stoppingToken);
            if (_rebuildRequest is null) Status.State = "ready";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Opening the search index failed");
            Status.Fail(ex);
            Status.State = "ready";
        }

        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Read both signals first: a write or request arriving from here on wakes the wait below at once.
                var seen = signal.Version;
                var requested = _wake.Version;
                if (_rebuildRequest is { } reason)
                {
                    _rebuildRequest = null;
                    await RebuildAsync(reason, stoppingToken);
                    Status.State = "ready";
                }
                await CatchUpAsync(stoppingToken);
                // Woken by this node's writes; otherwise every PollSeconds for other nodes' writes to the same database.
                await Task.WhenAny(signal.WaitAsync(seen, poll, stoppingToken), _wake.WaitAsync(requested, poll, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Search indexing failed; retrying");
                Status.Fail(ex);
                if (Status.State == "rebuilding") Status.State = "ready";
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Applies every change after the cursor, in batches, each committed with its cursor.</summary>
    private async Task CatchUpAsync(CancellationToken ct)
    {
        var index = _index!;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<ContentChangeLog>();
            var changes = await log.ReadAfterAsync(index.Cursor, BatchSize, ct);
            if (changes.Count == 0) return;
            var ids = changes.Where(c => c.Kind != ContentChangeKind.Taxonomy).Select(c => c.ContentItemId).ToHashSet(StringComparer.Ordinal);
            // A relabelled tag: the items carrying it are indexed again with the new label (nothing to delete for them).
            var tagged = new HashSet<string>(StringComparer.Ordinal);
            foreach (var term in changes.Where(c => c.Kind == ContentChangeKind.Taxonomy && c.ContentItemId.Length > 0).Select(c => c.ContentItemId).Distinct())
                tagged.UnionWith(await log.PublishedIdsTaggedAsync(term, ct));
            // The item's state now, not the change's: applying a batch twice, or out of order, gives the same index.
            var items = await log.PublishedByIdAsync([.. ids.Union(tagged)], ct);
            // The taxonomy as committed: this node's snapshot may not have seen another node's relabel yet.
            var taxonomy = await log.TaxonomyAsync(ct);
            var upserts = items.Where(i => definitions.Find(i.ContentType)?.Searchable == true).Select(i => factory.Create(i, taxonomy)).ToList();
            var deletes = ids.Except(upserts.Select(u => u.Id), StringComparer.Ordinal).ToList();
            var cursor = changes[^1].Sequence;
            await Task.Run(() => index.Apply(upserts, deletes, cursor), ct);
            Status.LastIndexedUtc = DateTime.UtcNow;
            if (options.IndexingDelayMilliseconds > 0) await Task.Delay(options.IndexingDelayMilliseconds * upserts.Count, ct);
            if (changes.Count < BatchSize) return;
        }
    }

    /// <summary>Why the index cannot be trusted after catching up (its count is far from the database's), or null.</summary>
    private async Task<string?> CountProblemAsync(CancellationToken ct)
    {
        var expected = await PublishedCountAsync(ct);
        var actual = _index!.DocumentCount;
        return Math.Abs(actual - expected) > expected * options.RebuildWhenCountOffBy
            ? $"it holds {actual} documents but the database publishes {expected} items" : null;
    }

    public async Task<int> PublishedCountAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().PublishedCountAsync(SearchableTypes, ct);
    }

    private IReadOnlyCollection<string> SearchableTypes => definitions.Types.Where(t => t.Searchable).Select(t => t.Name).ToList();

    public async Task<long> HeadAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync(ct);
    }

    private async Task RebuildAsync(string reason, CancellationToken ct)
    {
        logger.LogWarning("Rebuilding the search index {Path}: {Reason}", IndexPath, reason);
        Status.State = "rebuilding";
        Status.RebuildReason = reason;
        Status.RebuildDone = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        long head;
        await using (var scope = scopes.CreateAsyncScope())
            head = await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync(ct); // read first: later changes are caught up after
        Status.RebuildTotal = await PublishedCountAsync(ct);
        TaxonomySnapshot taxonomy;
        await using (var scope = scopes.CreateAsyncScope())
            taxonomy = await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().TaxonomyAsync(ct);
        int count;
        try
        {
            count = await Task.Run(() =>
            {
                using var scope = scopes.CreateScope();
                var log = scope.ServiceProvider.GetRequiredService<ContentChangeLog>();
                return _index!.Rebuild(log.Published(SearchableTypes, BatchSize, ct), item => factory.Create(item, taxonomy),
                    head, done => Status.RebuildDone = done, options.IndexingDelayMilliseconds, ct: ct);
            }, ct);
        }
        catch when (!ct.IsCancellationRequested)
        {
            // Roll the half-built index back to its last commit and reopen it, so searches keep working.
            var broken = _index!;
            _index = null;
            broken.Dispose();
            _index = new SearchIndex(IndexPath, broken.Analyzer, options.RamBufferMb);
            throw;
        }
        Status.LastRebuildUtc = DateTime.UtcNow;
        Status.LastRebuildReason = reason;
        Status.RebuildReason = null;
        logger.LogInformation("Search index rebuilt: {Count} documents in {Seconds:0.0} s", count,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public override void Dispose()
    {
        base.Dispose();
        _index?.Dispose();
    }
}
