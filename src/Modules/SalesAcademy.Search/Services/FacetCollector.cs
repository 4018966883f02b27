using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SalesAcademy.Search.Services;

/// <summary>Counts the values of the facet fields over every matching document (after the reader's filters).</summary>
internal sealed class FacetCollector(IReadOnlyList<string> names) : ICollector
{
    private readonly Dictionary<string, int>[] _counts = names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
    private readonly SortedSetDocValues?[] _values = new SortedSetDocValues?[names.Count];
    private readonly int[]?[] _segment = new int[]?[names.Count];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        for (var i = 0; i < names.Count; i++)
        {
            var values = context.AtomicReader.GetSortedSetDocValues(SearchFields.FacetPrefix + names[i]);
            _values[i] = values;
            _segment[i] = values is null ? null : new int[values.ValueCount];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is not { } values) continue;
            var counts = _segment[i]!;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) counts[ord]++;
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Result()
    {
        Flush();
        var result = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
            result[names[i]] = _counts[i].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return result;
    }

    private void Flush()
    {
        var term = new BytesRef();
        for (var i = 0; i < names.Count; i++)
        {
            if (_values[i] is not { } values || _segment[i] is not { } counts) continue;
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                values.LookupOrd(ord, term);
                var key = term.Utf8ToString();
                _counts[i][key] = _counts[i].GetValueOrDefault(key) + counts[ord];
            }
            _segment[i] = null;
            _values[i] = null;
        }
    }
}
