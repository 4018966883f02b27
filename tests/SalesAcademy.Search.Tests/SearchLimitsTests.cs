using Lucene.Net.Search;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// What a reader's query may cost (issue 12, finding 4): no regular expressions, prefixes and wildcards only with a few
/// letters before the first wildcard and a capped expansion, and a search that stops at its time budget or when its
/// reader has gone.
/// </summary>
public sealed class SearchLimitsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sa-limits-{Guid.NewGuid():N}");
    private readonly SearchIndex _index;

    public SearchLimitsTests()
    {
        _index = new SearchIndex(_dir, SearchFields.CreateAnalyzer());
        // "iron" once, and 40 words sharing the prefix "term" for the expansion cap.
        var docs = new List<SearchDocument> { Doc("iron", "The iron triangle wins deals.") };
        docs.AddRange(Enumerable.Range(0, 40).Select(i => Doc($"t{i}", $"A note about term{i:00} and the pipeline.")));
        _index.Apply(docs, [], 1);
    }

    private static SearchDocument Doc(string id, string text) => new()
    {
        Id = id, Type = "CaseStudy", Title = $"Case {id}", Url = $"/cases/{id}", Culture = "en",
        DateUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Text = text,
    };

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_dir, true);
    }

    private SearchService Service(SearchOptions? limits = null) => new(() => _index, () => GlossaryData.Empty, () => false, limits: limits);

    private static SearchResults Find(SearchService search, string query, CancellationToken cancel = default) =>
        search.Search(new SearchRequest { Query = query, PageSize = 50 }, SearchAudience.PublicOnly, cancel: cancel);

    [Theory]
    [InlineData("/ir.n/")]
    [InlineData("/[a-z]+on/")]
    [InlineData("/[xy]*x[xy]{18}/")]
    public void A_regular_expression_is_not_run_but_searched_as_plain_words(string query)
    {
        var results = Find(Service(), query);

        Assert.DoesNotContain(results.Hits, h => h.Id == "iron");
        Assert.Equal(SearchHint.PatternRefused, results.Hint);
        Assert.False(results.CutShort);
    }

    [Theory]
    [InlineData("i*")]
    [InlineData("t?rm*")]
    [InlineData("*ron")]
    [InlineData("te*m??")]
    [InlineData("i~")]
    public void Leading_wildcards_short_prefixes_and_many_wildcards_are_refused(string query)
    {
        var results = Find(Service(), query);

        Assert.DoesNotContain(results.Hits, h => h.Id == "iron" || h.Id.StartsWith('t'));
        Assert.NotEqual(SearchHint.None, results.Hint);
    }

    [Fact]
    public void A_prefix_with_enough_letters_still_finds_its_words()
    {
        var search = Service();

        Assert.Equal(["iron"], Find(search, "iro*").Hits.Select(h => h.Id));
        Assert.Equal(["iron"], Find(search, "irn~1").Hits.Select(h => h.Id));
        Assert.Equal(SearchHint.None, Find(search, "ir?n").Hint);
    }

    [Fact]
    public void A_prefix_expands_to_at_most_the_configured_number_of_words_per_field()
    {
        var search = Service(new SearchOptions { MaxPatternExpansions = 3 });
        var query = search.Parse("term*", _index).Query!;

        var words = _index.Read(searcher => CountTerms(searcher.Rewrite(query)));

        // Three words in each of the text fields at most, instead of all forty.
        Assert.InRange(words, 1, 3 * SearchFields.QueryFields.Length);
        Assert.Equal(40, Find(Service(), "term*").Total);
    }

    private static int CountTerms(Query query) => query switch
    {
        BooleanQuery b => b.Clauses.Sum(c => CountTerms(c.Query)),
        TermQuery => 1,
        _ => 0,
    };

    [Fact]
    public void A_search_whose_reader_has_gone_stops_and_says_so()
    {
        using var gone = new CancellationTokenSource();
        gone.Cancel();

        var results = Find(Service(), "pipeline", gone.Token);

        Assert.True(results.CutShort);
        Assert.Equal(0, results.Total);
        Assert.Equal(40, Find(Service(), "pipeline").Total);
    }

    [Fact]
    public void A_search_past_its_time_budget_stops_and_says_so()
    {
        var results = Find(Service(new SearchOptions { TimeBudgetSeconds = 0 }), "pipeline");

        Assert.True(results.CutShort);
        Assert.Equal(0, results.Total);
    }
}
