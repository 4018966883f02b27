using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SalesAcademy.Search.Services;

/// <summary>
/// Counts the values of the facet fields over every matching document. A hit only sets its bit; the counts are made
/// per segment when the segment is done, from arrays read from doc values once per segment core (so a
/// near-real-time refresh reads only new segments), in whichever of two ways costs less:
/// <list type="bullet">
/// <item>few hits: per hit, one increment for its "combination" of single-valued facets (type, industry, outcome,
/// culture together) and one per tag; the combinations are spread into per-value counts at the end;</item>
/// <item>many hits (an unselective query matching most of the index): per facet value, the population count of the
/// hits' bits AND the value's bits, 64 documents per machine word.</item>
/// </list>
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> names, FacetCollector.Counting counting = FacetCollector.Counting.Cheaper) : ICollector
{
    /// <summary>How hits are counted: the cheaper way for each segment, or (for tests) always one way.</summary>
    internal enum Counting { Cheaper, PerHit, BitSets }

    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private readonly Dictionary<string, int>[] _totals = names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
    private SegmentFacets? _segment;
    private FixedBitSet _hits = new(0);
    private int _hitCount;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        _segment = Cache.GetValue(reader.CoreCacheKey, _ => SegmentFacets.Read(reader, names));
        if (_hits.Length < reader.MaxDoc) _hits = new FixedBitSet(reader.MaxDoc);
        else _hits.Clear(0, _hits.Length);
        _hitCount = 0;
    }

    public void Collect(int doc)
    {
        _hits.Set(doc);
        _hitCount++;
    }

    /// <summary>Counts the last segment's hits (on the calling thread: each slice of a search on its own core).</summary>
    public void Finish() => Flush();

    /// <summary>The counts, each dimension's values most frequent first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Result() => Merge([this]);

    /// <summary>The counts of several collectors that saw disjoint documents (slices of one search).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Merge(IReadOnlyList<FacetCollector> collectors)
    {
        var names = collectors[0].Names;
        var result = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        for (var d = 0; d < names.Count; d++)
        {
            var sum = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var collector in collectors)
            {
                collector.Flush();
                foreach (var (label, count) in collector._totals[d]) sum[label] = sum.GetValueOrDefault(label) + count;
            }
            result[names[d]] = sum.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }
        return result;
    }

    private IReadOnlyList<string> Names => names;

    private void Flush()
    {
        if (_segment is not { } segment) return;
        _segment = null;
        if (_hitCount == 0) return;
        // Counting per hit costs about (1 + tags) increments a hit; by bit sets, a pass over the segment per value.
        var perHit = counting switch
        {
            Counting.PerHit => true,
            Counting.BitSets => false,
            _ => _hitCount * (1L + segment.Multi.Length * 2) < (long)segment.ValueCount * (segment.MaxDoc / 64 + 1) / 4,
        };
        if (perHit)
        {
            CountPerHit(segment);
            return;
        }
        foreach (var (dim, labels, bits) in segment.ValueBits)
            for (var ord = 0; ord < labels.Length; ord++)
            {
                var count = (int)FixedBitSet.IntersectionCount(_hits, bits[ord]);
                if (count > 0) _totals[dim][labels[ord]] = _totals[dim].GetValueOrDefault(labels[ord]) + count;
            }
    }

    private void CountPerHit(SegmentFacets segment)
    {
        var combos = new int[segment.Combinations.Length];
        var multiCounts = segment.Multi.Select(m => new int[m.Labels.Length]).ToArray();
        var combination = segment.Combination;
        for (var doc = _hits.NextSetBit(0); doc >= 0; doc = doc + 1 < _hits.Length ? _hits.NextSetBit(doc + 1) : -1)
        {
            combos[combination[doc]]++;
            for (var m = 0; m < multiCounts.Length; m++)
            {
                var (_, _, starts, ords) = segment.Multi[m];
                for (var i = starts[doc]; i < starts[doc + 1]; i++) multiCounts[m][ords[i]]++;
            }
        }
        for (var c = 0; c < combos.Length; c++)
        {
            if (combos[c] == 0) continue;
            var ords = segment.Combinations[c];
            for (var s = 0; s < segment.Single.Length; s++)
            {
                if (ords[s] < 0) continue;
                var (dim, labels) = segment.Single[s];
                _totals[dim][labels[ords[s]]] = _totals[dim].GetValueOrDefault(labels[ords[s]]) + combos[c];
            }
        }
        for (var m = 0; m < multiCounts.Length; m++)
        {
            var (dim, labels, _, _) = segment.Multi[m];
            for (var ord = 0; ord < labels.Length; ord++)
                if (multiCounts[m][ord] > 0) _totals[dim][labels[ord]] = _totals[dim].GetValueOrDefault(labels[ord]) + multiCounts[m][ord];
        }
    }

    /// <summary>
    /// One segment's facet values. Single-valued dimensions: <see cref="Combination"/>[doc] indexes
    /// <see cref="Combinations"/>, whose entry holds one ordinal per single dimension (-1: none). Multi-valued ones
    /// (a document with several tags): the ordinals of document n are Ords[Starts[n]..Starts[n+1]).
    /// </summary>
    private sealed class SegmentFacets
    {
        public required (int Dim, string[] Labels)[] Single { get; init; }
        public required int[][] Combinations { get; init; }
        public required int[] Combination { get; init; }
        public required (int Dim, string[] Labels, int[] Starts, int[] Ords)[] Multi { get; init; }
        /// <summary>Per dimension, the documents having each value.</summary>
        public required (int Dim, string[] Labels, FixedBitSet[] Bits)[] ValueBits { get; init; }
        public required int ValueCount { get; init; }
        public required int MaxDoc { get; init; }

        public static SegmentFacets Read(AtomicReader reader, IReadOnlyList<string> names)
        {
            var maxDoc = reader.MaxDoc;
            var single = new List<(int Dim, string[] Labels, int[] Ords)>();
            var multi = new List<(int, string[], int[], int[])>();
            var valueBits = new List<(int, string[], FixedBitSet[])>();
            for (var d = 0; d < names.Count; d++)
            {
                var values = reader.GetSortedSetDocValues(SearchFields.FacetPrefix + names[d]);
                if (values is null)
                {
                    single.Add((d, [], Enumerable.Repeat(-1, maxDoc).ToArray()));
                    continue;
                }
                var term = new BytesRef();
                var labels = new string[values.ValueCount];
                for (var o = 0; o < values.ValueCount; o++)
                {
                    values.LookupOrd(o, term);
                    labels[o] = term.Utf8ToString();
                }
                var all = new List<int>(maxDoc);
                var starts = new int[maxDoc + 1];
                var isMulti = false;
                for (var doc = 0; doc < maxDoc; doc++)
                {
                    starts[doc] = all.Count;
                    values.SetDocument(doc);
                    long ord;
                    var n = 0;
                    while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                    {
                        all.Add((int)ord);
                        n++;
                    }
                    isMulti |= n > 1;
                }
                starts[maxDoc] = all.Count;
                var bits = labels.Select(_ => new FixedBitSet(maxDoc)).ToArray();
                for (var doc = 0; doc < maxDoc; doc++)
                    for (var i = starts[doc]; i < starts[doc + 1]; i++) bits[all[i]].Set(doc);
                valueBits.Add((d, labels, bits));
                if (isMulti) multi.Add((d, labels, starts, all.ToArray()));
                else
                {
                    var ords = new int[maxDoc];
                    for (var doc = 0; doc < maxDoc; doc++) ords[doc] = starts[doc + 1] > starts[doc] ? all[starts[doc]] : -1;
                    single.Add((d, labels, ords));
                }
            }
            // Number each distinct combination of single-valued ordinals.
            var numbers = new Dictionary<int[], int>(OrdinalsComparer.Instance);
            var combinations = new List<int[]>();
            var combination = new int[maxDoc];
            for (var doc = 0; doc < maxDoc; doc++)
            {
                var key = new int[single.Count];
                for (var s = 0; s < single.Count; s++) key[s] = single[s].Ords[doc];
                if (!numbers.TryGetValue(key, out var number))
                {
                    numbers[key] = number = combinations.Count;
                    combinations.Add(key);
                }
                combination[doc] = number;
            }
            return new SegmentFacets
            {
                Single = single.Select(s => (s.Dim, s.Labels)).ToArray(),
                Combinations = combinations.ToArray(),
                Combination = combination,
                Multi = [.. multi],
                ValueBits = [.. valueBits],
                ValueCount = valueBits.Sum(v => v.Item2.Length),
                MaxDoc = maxDoc,
            };
        }
    }

    private sealed class OrdinalsComparer : IEqualityComparer<int[]>
    {
        public static readonly OrdinalsComparer Instance = new();
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(int[] ords)
        {
            var hash = new HashCode();
            foreach (var o in ords) hash.Add(o);
            return hash.ToHashCode();
        }
    }
}
