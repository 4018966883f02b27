using Lucene.Net.Index;
using Lucene.Net.Search;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// A search cut into slices searched on several cores (<see cref="SlicedSearch"/>) gives what one slice gives, and facet
/// counts are exact however they are counted. The index has several segments and deleted documents, so slice
/// boundaries fall inside segments and across them.
/// </summary>
public sealed class SlicedSearchTests : IDisposable
{
    private static readonly string[] Words = ["客户", "经理", "交付", "铁三角", "方案", "iron", "triangle", "delivery", "account", "pipeline", "信息孤岛", "绩效"];
    private static readonly string[] Tags = ["tag-a", "tag-b", "tag-c", "tag-d", "tag-e"];
    private static readonly string[] Industries = ["ICT", "Retail", "Energy"];
    private static readonly Sort ByDate = new(new SortField(SearchFields.Date, SortFieldType.INT64, true));

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sa-sliced-{Guid.NewGuid():N}");
    private readonly SearchIndex _index;
    private readonly Dictionary<string, SearchDocument> _live = new(StringComparer.Ordinal);

    public SlicedSearchTests()
    {
        // No background merges: they would fold the ten segments into fewer at a moment that depends on the machine's load.
        _index = new SearchIndex(_dir, SearchFields.CreateAnalyzer(), 64, NoMergePolicy.NO_COMPOUND_FILES);
        var random = new Random(11);
        var cursor = 0;
        // Ten commits of 37 documents (ten segments), then a few deletions.
        for (var batch = 0; batch < 10; batch++)
        {
            var docs = Enumerable.Range(batch * 37, 37).Select(i => Document(i, random)).ToList();
            _index.Apply(docs, [], ++cursor);
            foreach (var d in docs) _live[d.Id] = d;
        }
        var deleted = _live.Keys.Where((_, i) => i % 9 == 4).ToList();
        _index.Apply([], deleted, ++cursor);
        foreach (var id in deleted) _live.Remove(id);
    }

    private static SearchDocument Document(int i, Random random)
    {
        var text = string.Join(random.Next(2) == 0 ? " " : "", Enumerable.Range(0, random.Next(3, 12)).Select(_ => Words[random.Next(Words.Length)]));
        return new SearchDocument
        {
            Id = $"d{i}",
            Type = i % 3 == 0 ? "Drill" : "CaseStudy",
            Title = $"{Words[i % Words.Length]} {i}",
            Url = $"/x/{i}",
            Culture = i % 2 == 0 ? "zh-CN" : "en",
            DateUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(500)), // many equal dates: ties
            Tags = Tags.Where(_ => random.Next(3) == 0).ToList(),
            Facets = [.. i % 5 == 0 ? [] : new[] { ("industry", Industries[random.Next(Industries.Length)]) }, ("outcome", i % 4 == 0 ? "won" : "lost")],
            Text = text,
        };
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_dir, true);
    }

    private SearchService Service(int minDocsPerSlice) => new(() => _index, () => GlossaryData.Empty, () => false, minDocsPerSlice);

    public static TheoryData<string> Queries => ["客户", "客户 经理", "iron OR 交付", "NOT 绩效", "\"iron triangle\"", "deliv*", "account 方案"];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Any_number_of_slices_gives_the_page_total_and_facets_of_one_slice(string text)
    {
        var query = Service(int.MaxValue).Parse(text, _index).Query!;
        var filter = new QueryWrapperFilter(new TermQuery(new Term(SearchFields.Industry, "ICT")));
        _index.Read(searcher =>
        {
            Assert.True(searcher.IndexReader.Leaves.Count >= 5, $"{searcher.IndexReader.Leaves.Count} segments");
            Assert.True(searcher.IndexReader.HasDeletions);
            foreach (var (sort, scores) in new[] { ((Sort?)null, true), (ByDate, true), (ByDate, false) })
            foreach (var f in new Filter?[] { null, filter })
            foreach (var (start, size) in new[] { (0, 10), (10, 10), (25, 7) })
            {
                var one = SlicedSearch.Run(searcher, query, f, sort, scores, start, size, SearchResults.FacetNames, 1);
                Assert.True(one.TotalHits > 0, $"{text}: nothing found");
                foreach (var slices in new[] { 2, 3, 5, 8 })
                {
                    var many = SlicedSearch.Run(searcher, query, f, sort, scores, start, size, SearchResults.FacetNames, slices);
                    var what = $"{text}, sort {sort?.ToString() ?? "score"}, filter {f is not null}, page {start}+{size}, {slices} slices";
                    Assert.Equal(one.TotalHits, many.TotalHits);
                    Assert.Equal(one.Page.Select(d => (d.Doc, d.Score)), many.Page.Select(d => (d.Doc, d.Score)));
                    Assert.True(one.Page.Length > 0 || start >= one.TotalHits, what);
                    Assert.Equal(Flatten(one.Facets), Flatten(many.Facets));
                }
            }
            return 0;
        });
    }

    [Fact]
    public void A_search_on_every_core_returns_the_hits_and_snippets_of_a_search_on_one()
    {
        foreach (var text in new[] { "客户 经理", "iron", "" })
        {
            var request = new SearchRequest { Query = text, PageSize = 20 };
            var one = Service(int.MaxValue).Search(request, SearchAudience.PublicOnly);
            var many = Service(1).Search(request, SearchAudience.PublicOnly);
            Assert.True(one.Total > 0, text);
            Assert.Equal(one.Total, many.Total);
            Assert.Equal(one.Hits, many.Hits, (a, b) => a.Id == b.Id && a.Score == b.Score && a.Snippet == b.Snippet);
            Assert.Equal(Flatten(one.Facets), Flatten(many.Facets));
            if (text.Length > 0) Assert.Contains(many.Hits, h => h.Snippet.Contains("<mark>", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("PerHit")]
    [InlineData("BitSets")]
    [InlineData("Cheaper")]
    public void Facet_counts_are_the_counts_of_the_matching_documents(string countingName)
    {
        var counting = Enum.Parse<FacetCollector.Counting>(countingName);
        foreach (var text in new[] { "客户", "iron OR 交付", "" })
        {
            var query = text.Length == 0 ? new MatchAllDocsQuery() : Service(int.MaxValue).Parse(text, _index).Query!;
            _index.Read(searcher =>
            {
                var facets = new FacetCollector(SearchResults.FacetNames, counting);
                var ids = new List<string>();
                searcher.Search(query, MultiCollector.Wrap(facets, new IdCollector(ids)));
                var matching = ids.Select(id => _live[id]).ToList();
                Assert.NotEmpty(matching);
                var expected = new Dictionary<string, Dictionary<string, int>>
                {
                    ["type"] = Count(matching.Select(d => d.Type)),
                    ["tag"] = Count(matching.SelectMany(d => d.Tags)),
                    ["industry"] = Count(matching.SelectMany(d => d.Facets).Where(f => f.Name == "industry").Select(f => f.Value)),
                    ["outcome"] = Count(matching.SelectMany(d => d.Facets).Where(f => f.Name == "outcome").Select(f => f.Value)),
                    ["culture"] = Count(matching.Select(d => d.Culture)),
                };
                var actual = facets.Result();
                foreach (var (name, counts) in expected)
                    Assert.Equal(counts.OrderBy(p => p.Key, StringComparer.Ordinal), actual[name].OrderBy(p => p.Key, StringComparer.Ordinal));
                return 0;
            });
        }
    }

    private static Dictionary<string, int> Count(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static List<string> Flatten(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> facets) =>
        facets.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value.Select(v => $"{f.Key}:{v.Key}={v.Value}")).ToList();

    /// <summary>The stored id of every matching document.</summary>
    private sealed class IdCollector(List<string> ids) : ICollector
    {
        private AtomicReader? _reader;
        public bool AcceptsDocsOutOfOrder => true;
        public void SetScorer(Scorer scorer) { }
        public void SetNextReader(AtomicReaderContext context) => _reader = context.AtomicReader;
        public void Collect(int doc) => ids.Add(_reader!.Document(doc).Get(SearchFields.Id));
    }
}
