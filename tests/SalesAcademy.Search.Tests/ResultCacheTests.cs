using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// SearchService keeps recent results while the index and glossary stay the same: a repeated question is answered
/// from memory, and never once the documents, the glossary, the reader's audience or language differ.
/// </summary>
public sealed class ResultCacheTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sa-resultcache-{Guid.NewGuid():N}");
    private readonly SearchIndex _index;
    private GlossaryData _glossary = GlossaryData.Empty;
    private readonly SearchService _search;
    private long _cursor;

    public ResultCacheTests()
    {
        _index = new SearchIndex(_dir, SearchFields.CreateAnalyzer());
        Add("public-pipeline", "Pipeline review", "How the team reviews its pipeline every week.", SearchAudience.Public);
        Add("team-pipeline", "Our pipeline", "The pipeline of team one, seen only by its members.", SearchAudience.Team("t1"));
        _search = new SearchService(() => _index, () => _glossary, () => false);
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_dir, true);
    }

    private void Add(string id, string title, string text, string audience) => _index.Apply([new SearchDocument
    {
        Id = id, Type = "CaseStudy", Title = title, Url = $"/cases/{id}", Culture = "en",
        DateUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Text = text, Audience = [audience],
    }], [], ++_cursor);

    private SearchResults Search(string query, SearchAudience? audience = null) =>
        _search.Search(new SearchRequest { Query = query }, audience ?? SearchAudience.PublicOnly);

    [Fact]
    public void The_same_question_from_the_same_audience_is_answered_from_memory()
    {
        var first = Search("pipeline");
        Assert.Same(first, Search("pipeline"));
        Assert.NotSame(first, _search.Search(new SearchRequest { Query = "pipeline", Page = 2 }, SearchAudience.PublicOnly));
    }

    [Fact]
    public void Another_audience_gets_its_own_results()
    {
        Assert.Equal(["public-pipeline"], Search("pipeline").Hits.Select(h => h.Id));
        var team = new SearchAudience(new HashSet<string> { SearchAudience.Public, SearchAudience.Team("t1") });
        Assert.Equal(2, Search("pipeline", team).Total);
        Assert.Equal(1, Search("pipeline").Total);
    }

    [Fact]
    public void A_change_to_the_index_is_seen_by_the_next_search()
    {
        Assert.Equal(0, Search("forecast").Total);
        Add("forecast", "Forecast call", "The weekly forecast call.", SearchAudience.Public);
        Assert.Equal(["forecast"], Search("forecast").Hits.Select(h => h.Id));
        _index.Apply([], ["forecast"], ++_cursor);
        Assert.Equal(0, Search("forecast").Total);
    }

    [Fact]
    public void A_new_glossary_is_seen_by_the_next_search()
    {
        Assert.Equal(0, Search("funnel").Total);
        _glossary = new GlossaryData([["funnel", "pipeline"]]);
        Assert.Equal(["public-pipeline"], Search("funnel").Hits.Select(h => h.Id));
    }

    [Fact]
    public void Each_language_gets_snippets_made_for_it()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new("en");
            var english = Search("weekly");
            System.Globalization.CultureInfo.CurrentUICulture = new("zh-CN");
            Assert.NotSame(english, Search("weekly"));
        }
        finally { System.Globalization.CultureInfo.CurrentUICulture = culture; }
    }
}
