using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SalesAcademy.Search.Services;

/// <summary>
/// One search over a big index on every core: the documents are cut into contiguous slices of about equal size (a
/// slice may be part of a segment), each slice is scored by its own scorers into its own top-N and facet counts, and
/// the results are merged. The weight is built once for the whole index, so scores are those of a sequential search;
/// ties keep document order (TopDocs.Merge prefers the earlier slice). A small index is searched in one slice.
/// </summary>
internal static class SlicedSearch
{
    /// <summary>The matching documents' page, the total, and the facet counts over every match.</summary>
    public sealed record Result(ScoreDoc[] Page, int TotalHits, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets, bool CutShort = false);

    /// <summary>How many matches are collected between two looks at the stop token.</summary>
    private const int CheckEvery = 1024;

    /// <summary>How many slices an index of <paramref name="maxDoc"/> documents is cut into: one per core, none smaller than <paramref name="minDocsPerSlice"/>.</summary>
    public static int SliceCount(int maxDoc, int minDocsPerSlice) =>
        Math.Clamp(maxDoc / Math.Max(1, minDocsPerSlice), 1, Environment.ProcessorCount);

    /// <param name="sort">null: by score.</param>
    /// <param name="sliceCount">How many slices to cut the documents into, each searched on its own core.</param>
    public static Result Run(IndexSearcher searcher, Query query, Filter? filter, Sort? sort, bool scores, int start, int size,
        IReadOnlyList<string> facetNames, int sliceCount, CancellationToken stop = default)
    {
        var cutShort = 0;
        if (filter is not null) query = new FilteredQuery(query, filter);
        var weight = searcher.CreateNormalizedWeight(query);
        var slices = Slices(searcher.IndexReader.Leaves, searcher.IndexReader.MaxDoc, sliceCount);
        var wanted = start + size;
        var tops = new ITopDocsCollector[slices.Count];
        var facets = new FacetCollector[slices.Count];
        void Search(int i)
        {
            var top = tops[i] = sort is null
                ? TopScoreDocCollector.Create(wanted, true)
                : TopFieldCollector.Create(sort, wanted, true, scores, false, true);
            var counts = facets[i] = new FacetCollector(facetNames);
            var collected = 0;
            foreach (var (leaf, from, to) in slices[i])
            {
                if (stop.IsCancellationRequested)
                {
                    Interlocked.Exchange(ref cutShort, 1);
                    break;
                }
                if (weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is not { } scorer) continue;
                top.SetNextReader(leaf);
                counts.SetNextReader(leaf);
                top.SetScorer(scorer);
                for (var doc = from == 0 ? scorer.NextDoc() : scorer.Advance(from); doc < to; doc = scorer.NextDoc())
                {
                    // Out of time, or the reader has gone: keep what was found and stop.
                    if (++collected % CheckEvery == 0 && stop.IsCancellationRequested)
                    {
                        Interlocked.Exchange(ref cutShort, 1);
                        break;
                    }
                    top.Collect(doc);
                    counts.Collect(doc);
                }
            }
            counts.Finish();
        }
        if (slices.Count == 1) Search(0);
        else Parallel.For(0, slices.Count, new ParallelOptions { MaxDegreeOfParallelism = slices.Count }, Search);

        var shards = tops.Select(t => t.GetTopDocs()).ToArray();
        var merged = TopDocs.Merge(sort, start, size, shards);
        return new Result(merged.ScoreDocs, tops.Sum(t => t.TotalHits), FacetCollector.Merge(facets), cutShort == 1);
    }

    /// <summary>Contiguous ranges [From, To) of segment-local documents, one list per slice, in document order.</summary>
    private static List<List<(AtomicReaderContext Leaf, int From, int To)>> Slices(IList<AtomicReaderContext> leaves, int maxDoc, int sliceCount)
    {
        var count = Math.Clamp(sliceCount, 1, Math.Max(1, maxDoc));
        var bounds = Enumerable.Range(0, count + 1).Select(s => (int)((long)s * maxDoc / count)).ToArray();
        var slices = Enumerable.Range(0, count).Select(_ => new List<(AtomicReaderContext, int, int)>()).ToList();
        foreach (var leaf in leaves)
        {
            var docs = leaf.AtomicReader.MaxDoc;
            for (var local = 0; local < docs;)
            {
                var slice = 0;
                while (bounds[slice + 1] <= leaf.DocBase + local) slice++;
                var to = Math.Min(docs, bounds[slice + 1] - leaf.DocBase);
                slices[slice].Add((leaf, local, to));
                local = to;
            }
        }
        return slices;
    }
}
