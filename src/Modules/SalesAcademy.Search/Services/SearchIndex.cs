using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using SalesAcademy.Search.Models;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SalesAcademy.Search.Services;

/// <summary>The index folder could not be opened because another writer holds it.</summary>
public sealed class SearchIndexLockedException(string path, Exception inner)
    : Exception($"The search index '{path}' is already open for writing by another process (its write.lock is held). " +
                "Each node needs its own index folder: give every node a different Search:NodeName.", inner);

/// <summary>
/// One node's Lucene index: the single writer for its folder, a near-real-time <see cref="SearcherManager"/>
/// refreshed after each write, and the change-log cursor stored in the commit itself, so documents and
/// cursor are always saved together (a process killed between commits resumes from the last one).
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const string CursorKey = "cursor", SchemaKey = "schema";
    private const int BatchSize = 8;

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly object _commitLock = new();
    private long _generation;
    private volatile bool _rebuilding;

    /// <summary>Opens (or creates) the index in <paramref name="path"/>; a damaged index is wiped and reported in <see cref="OpenProblem"/>.</summary>
    public SearchIndex(string path, Analyzer analyzer, double ramBufferMb = 64) : this(path, analyzer, ramBufferMb, mergePolicy: null) { }

    /// <summary>With a merge policy other than Lucene's default (tests that need the segments they wrote, unmerged).</summary>
    internal SearchIndex(string path, Analyzer analyzer, double ramBufferMb, MergePolicy? mergePolicy)
    {
        Path = path;
        System.IO.Directory.CreateDirectory(path);
        // Positioned reads into a buffer: Lucene.Net's memory-mapped inputs read byte by byte through an accessor, and
        // decompressing a hit's stored fields that way cost more than finding it.
        _directory = new NIOFSDirectory(new DirectoryInfo(path), new NativeFSLockFactory(new DirectoryInfo(path)));
        Analyzer = analyzer;
        var existed = DirectoryReader.IndexExists(_directory);
        if (!existed) OpenProblem = "missing";
        else if (ReadProblem() is { } problem)
        {
            OpenProblem = problem;
            existed = false;
            // A damaged index is a cache: drop its files (not the lock) and start empty.
            foreach (var file in System.IO.Directory.EnumerateFiles(path).Where(f => System.IO.Path.GetFileName(f) != "write.lock"))
                File.Delete(file);
        }

        try
        {
            _writer = new IndexWriter(_directory, new IndexWriterConfig(SearchFields.Version, analyzer)
            {
                OpenMode = existed ? OpenMode.CREATE_OR_APPEND : OpenMode.CREATE,
                RAMBufferSizeMB = ramBufferMb,
                // Each flushed segment as its own files, not copied once more into a compound file.
                UseCompoundFile = false,
                MergePolicy = mergePolicy ?? new TieredMergePolicy(),
            });
        }
        catch (LockObtainFailedException ex)
        {
            _directory.Dispose();
            throw new SearchIndexLockedException(path, ex);
        }
        var data = _writer.CommitData;
        Cursor = data.TryGetValue(CursorKey, out var c) && long.TryParse(c, out var cursor) ? cursor : 0;
        if (OpenProblem is null && (!data.TryGetValue(SchemaKey, out var schema) || schema != SearchFields.Schema))
            OpenProblem = "built with another schema";
        _searchers = new SearcherManager(_writer, true, null);
    }

    public string Path { get; }
    public Analyzer Analyzer { get; }

    /// <summary>Why the index must be rebuilt (missing, damaged, other schema), or null when it opened sound.</summary>
    public string? OpenProblem { get; }

    /// <summary>The last change-log sequence whose effect is committed in this index and visible to searches.</summary>
    public long Cursor { get; private set; }

    /// <summary>Changes whenever searches may see different documents (a cache key).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Documents visible to searches now.</summary>
    public int DocumentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try { return searcher.IndexReader.NumDocs; }
            finally { _searchers.Release(searcher); }
        }
    }

    /// <summary>Runs <paramref name="read"/> on the current searcher (never re-opened per query).</summary>
    public T Read<T>(Func<IndexSearcher, T> read)
    {
        var searcher = _searchers.Acquire();
        try { return read(searcher); }
        finally { _searchers.Release(searcher); }
    }

    /// <summary>Adds or replaces the given documents, removes the given ids, and commits them with the new cursor.</summary>
    public void Apply(IEnumerable<SearchDocument> upserts, IEnumerable<string> deletes, long cursor)
    {
        var documents = new LuceneDocuments.Builder();
        foreach (var d in upserts) _writer.UpdateDocument(LuceneDocuments.IdTerm(d.Id), documents.Build(d));
        foreach (var id in deletes) _writer.DeleteDocuments(LuceneDocuments.IdTerm(id));
        Commit(cursor);
        Refresh();
        Cursor = cursor; // only once searches see it
    }

    /// <summary>
    /// Replaces the whole index with the documents built from <paramref name="source"/> (built and added on every core), merged into one
    /// segment and committed once at the end with <paramref name="cursor"/>: until then searches keep the previous contents, and a process killed
    /// part-way leaves the previous commit intact.
    /// </summary>
    public int Rebuild<T>(IEnumerable<T> source, Func<T, SearchDocument?> build, long cursor, Action<int>? progress = null, int delayPerDocumentMs = 0, int threads = 0, CancellationToken ct = default)
    {
        _rebuilding = true;
        _writer.DeleteAll();
        var count = 0;
        // Dedicated threads, not the thread pool: a rebuild of a large library keeps every core busy for minutes,
        // and pool threads blocked that long would delay the web requests the site keeps serving meanwhile.
        using var items = source.GetEnumerator();
        var gate = new object();
        Exception? failure = null;
        var workers = Enumerable.Range(0, threads > 0 ? threads : Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            try
            {
                var documents = new LuceneDocuments.Builder();
                var batch = new List<T>(BatchSize);
                while (failure is null && !ct.IsCancellationRequested)
                {
                    // A few items at a time from the shared source: the workers seldom wait for each other.
                    batch.Clear();
                    lock (gate)
                    {
                        while (batch.Count < BatchSize && items.MoveNext()) batch.Add(items.Current);
                    }
                    if (batch.Count == 0) return;
                    foreach (var item in batch)
                    {
                        if (failure is not null || ct.IsCancellationRequested) return;
                        // Building a document (parsing parts, Markdown to text) and analysing it run on every worker.
                        if (build(item) is not { } d) continue;
                        _writer.AddDocument(documents.Build(d));
                        var done = Interlocked.Increment(ref count);
                        progress?.Invoke(done);
                        if (delayPerDocumentMs > 0) Thread.Sleep(delayPerDocumentMs);
                    }
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
            }
        }) { IsBackground = true, Name = "search-rebuild" }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        ct.ThrowIfCancellationRequested();
        // Merged into one segment before it is committed: a rebuilt index is searched far more than it is written, and
        // a search then looks each word up once instead of in each of the segments the workers flushed.
        _writer.ForceMerge(1);
        Commit(cursor);
        _rebuilding = false;
        Refresh();
        Cursor = cursor;
        return count;
    }

    public void WarmUp()
    {
        foreach (var field in SearchFields.QueryFields)
        {
            using var stream = Analyzer.GetTokenStream(field, "华为铁三角：客户经理 and the iron triangle");
            stream.Reset();
            while (stream.IncrementToken()) { }
            stream.End();
        }
    }

    public void Refresh()
    {
        _searchers.MaybeRefreshBlocking();
        Interlocked.Increment(ref _generation);
    }

    private void Commit(long cursor)
    {
        lock (_commitLock)
        {
            _writer.SetCommitData(new Dictionary<string, string> { [CursorKey] = cursor.ToString(), [SchemaKey] = SearchFields.Schema });
            _writer.Commit();
        }
    }

    /// <summary>Opens the last commit and reads every segment's header; null when it opens.</summary>
    private string? ReadProblem()
    {
        try
        {
            using var reader = DirectoryReader.Open(_directory);
            _ = reader.NumDocs;
            return null;
        }
        catch (Exception ex) when (ex is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or InvalidOperationException)
        {
            return $"damaged ({ex.GetType().Name}: {ex.Message})";
        }
    }

    /// <summary>A full <see cref="CheckIndex"/> of the last commit (slow on big indexes: for tests and the admin).</summary>
    public bool CheckClean(out string report)
    {
        using var output = new StringWriter();
        var checker = new CheckIndex(_directory);
        checker.InfoStream = output;
        var status = checker.DoCheckIndex();
        report = output.ToString();
        return status.Clean;
    }

    public void Dispose()
    {
        _searchers.Dispose();
        // Closing an IndexWriter commits: a rebuild cut short is rolled back instead, keeping the last commit.
        if (_rebuilding) _writer.Rollback();
        else _writer.Dispose();
        _directory.Dispose();
    }
}
