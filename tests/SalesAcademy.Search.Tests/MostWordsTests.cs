using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// The fallback when fewer than a page of items hold every word (<see cref="MostWordsQuery"/>): items holding more of
/// the words rank first whatever their scores, words in most items or question words do not count, and what the
/// reader made required or excluded stays so.
/// </summary>
public sealed class MostWordsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sa-mostwords-{Guid.NewGuid():N}");
    private readonly SearchIndex _index;
    private readonly SearchService _search;

    public MostWordsTests()
    {
        _index = new SearchIndex(_dir, SearchFields.CreateAnalyzer());
        var texts = new Dictionary<string, (string Title, string Text)>
        {
            // One word, everywhere in its title and text: the highest score for that word by far.
            ["one-word"] = ("pipeline pipeline pipeline", string.Concat(Enumerable.Repeat("pipeline ", 40))),
            ["two-words"] = ("A long story", "Somewhere in a long text the pipeline meets the forecast once, " + string.Concat(Enumerable.Repeat("and more filler words. ", 20))),
            ["three-words"] = ("Another long story", "The pipeline, the forecast and the quota, each once, " + string.Concat(Enumerable.Repeat("and more filler words. ", 20))),
            ["common-a"] = ("Common a", "how to run a meeting"),
            ["common-b"] = ("Common b", "how to plan a meeting"),
            ["common-c"] = ("Common c", "how to end a meeting"),
            ["common-d"] = ("Common d", "how to share a meeting"),
        };
        _index.Apply(texts.Select(t => new SearchDocument
        {
            Id = t.Key, Type = "CaseStudy", Title = t.Value.Title, Url = $"/cases/{t.Key}", Culture = "en",
            DateUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Text = t.Value.Text,
        }).ToList(), [], 1);
        _search = new SearchService(() => _index, () => GlossaryData.Empty, () => false);
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_dir, true);
    }

    private SearchResults Search(string query) => _search.Search(new SearchRequest { Query = query, PageSize = 10 }, SearchAudience.PublicOnly);

    [Fact]
    public void More_words_rank_first_whatever_the_scores()
    {
        var results = Search("pipeline forecast quota missingword");
        Assert.Equal(SearchHint.SomeWords, results.Hint);
        Assert.True(results.SomeWords);
        Assert.Equal(["three-words", "two-words", "one-word"], results.Hits.Select(h => h.Id));
        Assert.Equal([3, 2, 1], results.Hits.Select(h => (int)h.Score));
    }

    [Fact]
    public void Question_words_and_words_in_most_items_do_not_count_as_matched_words()
    {
        // "how" and "meeting" are in four of seven items, "how" is also a question word: the one telling word decides.
        var results = Search("how meeting pipeline quota");
        Assert.Equal("three-words", results.Hits[0].Id);
        Assert.Equal(2, (int)results.Hits[0].Score);
    }

    [Fact]
    public void All_words_found_in_a_page_of_items_needs_no_fallback()
    {
        var results = Search("pipeline");
        Assert.Equal(SearchHint.None, results.Hint);
        Assert.False(results.SomeWords);
        Assert.Equal(3, results.Total);
    }

    [Fact]
    public void Required_and_excluded_words_keep_their_meaning()
    {
        Assert.Equal(["three-words"], Search("+quota pipeline missingword").Hits.Select(h => h.Id));
        Assert.Empty(Search("+missingword pipeline forecast").Hits);
        Assert.Equal(["two-words", "one-word"], Search("pipeline forecast missingword -quota").Hits.Select(h => h.Id));
        Assert.Empty(Search("\"forecast pipeline\" quota missingword").Hits);
    }

    [Fact]
    public void Query_units_say_what_is_required_optional_and_excluded()
    {
        var units = SearchService.QueryUnits("a +b \"c d\" e AND f NOT g -h (\"i\" OR \"j\") k*");
        Assert.Equal(
        [
            ("a", "SHOULD"), ("b", "MUST"), ("\"c d\"", "MUST"), ("e", "MUST"), ("f", "MUST"), ("g", "MUST_NOT"), ("h", "MUST_NOT"),
            ("(\"i\" OR \"j\")", "SHOULD"), ("k*", "SHOULD"),
        ], units.Select(u => (u.Text, u.Occur.ToString())));
    }
}
