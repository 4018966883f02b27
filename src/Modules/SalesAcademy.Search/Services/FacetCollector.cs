using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SalesAcademy.Search.Services;

/// <summary>
/// Counts the values of the facet fields over every matching document. Each segment's facet values are read from
/// doc values once into plain arrays (cached per segment core, so a near-real-time refresh reads only new segments);
/// counting a hit is then a few array reads.
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> names) : ICollector
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private readonly Dictionary<string, int>[] _totals = names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
    private SegmentFacets? _segment;
    private int[][] _counts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        _segment = Cache.GetValue(reader.CoreCacheKey, _ => SegmentFacets.Read(reader, names));
        _counts = _segment.Labels.Select(l => new int[l.Length]).ToArray();
    }

    public void Collect(int doc)
    {
        var segment = _segment!;
        // Single-valued dimensions share one 64-bit word per document (one memory access per hit)...
        if (segment.Packed is { } packed)
        {
            var word = packed[doc];
            foreach (var (d, shift, mask) in segment.PackedDims)
            {
                var ord = (int)((word >> shift) & mask);
                if (ord != 0) _counts[d][ord - 1]++;
            }
        }
        // ...multi-valued ones (tags), and single-valued ones that did not fit, have their own arrays.
        for (var d = 0; d < _counts.Length; d++)
        {
            var ords = segment.Ords[d];
            if (ords is null) continue;
            var counts = _counts[d];
            if (segment.Starts[d] is not { } starts)
            {
                var ord = ords[doc];
                if (ord >= 0) counts[ord]++;
            }
            else
            {
                for (var i = starts[doc]; i < starts[doc + 1]; i++) counts[ords[i]]++;
            }
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Result()
    {
        Flush();
        var result = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
            result[names[i]] = _totals[i].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return result;
    }

    private void Flush()
    {
        if (_segment is not { } segment) return;
        for (var d = 0; d < _counts.Length; d++)
        for (var ord = 0; ord < _counts[d].Length; ord++)
        {
            if (_counts[d][ord] == 0) continue;
            var label = segment.Labels[d][ord];
            _totals[d][label] = _totals[d].GetValueOrDefault(label) + _counts[d][ord];
        }
        _segment = null;
    }

    /// <summary>One segment's facet values: per dimension either one ordinal per document (-1: none) or, when some
    /// document has several (tags), the ordinals of document n at Ords[Starts[n]..Starts[n+1]).</summary>
    private sealed class SegmentFacets
    {
        public required string[][] Labels { get; init; }
        /// <summary>Per dimension, null when the dimension lives in <see cref="Packed"/>.</summary>
        public required int[]?[] Ords { get; init; }
        public required int[]?[] Starts { get; init; }
        /// <summary>Single-valued dimensions packed per document as ord+1 (0: none) at (Shift, Mask).</summary>
        public long[]? Packed { get; init; }
        public (int Dim, int Shift, long Mask)[] PackedDims { get; init; } = [];

        public static SegmentFacets Read(AtomicReader reader, IReadOnlyList<string> names)
        {
            var maxDoc = reader.MaxDoc;
            var labels = new string[names.Count][];
            var ords = new int[names.Count][];
            var starts = new int[]?[names.Count];
            for (var d = 0; d < names.Count; d++)
            {
                var values = reader.GetSortedSetDocValues(SearchFields.FacetPrefix + names[d]);
                if (values is null)
                {
                    labels[d] = [];
                    ords[d] = Enumerable.Repeat(-1, maxDoc).ToArray();
                    continue;
                }
                var term = new BytesRef();
                labels[d] = new string[values.ValueCount];
                for (var o = 0; o < values.ValueCount; o++)
                {
                    values.LookupOrd(o, term);
                    labels[d][o] = term.Utf8ToString();
                }
                var all = new List<int>(maxDoc);
                var docStarts = new int[maxDoc + 1];
                var multi = false;
                for (var doc = 0; doc < maxDoc; doc++)
                {
                    docStarts[doc] = all.Count;
                    values.SetDocument(doc);
                    long ord;
                    var n = 0;
                    while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                    {
                        all.Add((int)ord);
                        n++;
                    }
                    multi |= n > 1;
                }
                docStarts[maxDoc] = all.Count;
                if (multi)
                {
                    ords[d] = all.ToArray();
                    starts[d] = docStarts;
                }
                else
                {
                    var single = new int[maxDoc];
                    for (var doc = 0; doc < maxDoc; doc++) single[doc] = docStarts[doc + 1] > docStarts[doc] ? all[docStarts[doc]] : -1;
                    ords[d] = single;
                }
            }
            // Pack the single-valued dimensions that fit into 64 bits.
            var packedDims = new List<(int Dim, int Shift, long Mask)>();
            var shift = 0;
            for (var d = 0; d < names.Count; d++)
            {
                if (starts[d] is not null) continue;
                var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(labels[d].Length + 1));
                if (shift + bits > 64) continue;
                packedDims.Add((d, shift, (1L << bits) - 1));
                shift += bits;
            }
            long[]? packed = null;
            var finalOrds = (int[]?[])ords.Clone();
            if (packedDims.Count > 0)
            {
                packed = new long[maxDoc];
                foreach (var (d, at, _) in packedDims)
                {
                    for (var doc = 0; doc < maxDoc; doc++) packed[doc] |= (long)(ords[d][doc] + 1) << at;
                    finalOrds[d] = null;
                }
            }
            return new SegmentFacets { Labels = labels, Ords = finalOrds, Starts = starts, Packed = packed, PackedDims = [.. packedDims] };
        }
    }
}
