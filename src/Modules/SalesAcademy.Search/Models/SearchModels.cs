namespace SalesAcademy.Search.Models;

/// <summary>What one item contributes to the index: display fields, filters and the text to search.</summary>
public sealed record SearchDocument
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public required string Culture { get; init; }
    public DateTime DateUtc { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The tags' labels in both languages (searchable as tag text).</summary>
    public string TagText { get; init; } = "";
    /// <summary>Filter values the content type declares (<c>IContentIndexed.IndexedFacets</c>), e.g. a case's ("industry", "ICT").</summary>
    public IReadOnlyList<(string Name, string Value)> Facets { get; init; } = [];
    /// <summary>Summary, body and the text the content type declares (<c>IContentIndexed.IndexedText</c>), as plain text (searched and highlighted).</summary>
    public required string Text { get; init; }
    /// <summary>Who may see it: <see cref="SearchAudience.Public"/>, or <c>team:&lt;id&gt;</c> for one team's data.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [SearchAudience.Public];
}

public enum SearchSort { Relevance, Date }

public sealed record SearchRequest
{
    public string? Query { get; init; }
    public string? Type { get; init; }
    public string? Tag { get; init; }
    public string? Industry { get; init; }
    public string? Outcome { get; init; }
    public string? Culture { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 10;
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
}

public sealed record SearchHit(string Id, string Type, string Title, string Url, string Snippet, float Score, string Culture, DateTime DateUtc, IReadOnlyList<string> Tags);

/// <summary>Why a query was changed or gave nothing (shown to the reader).</summary>
/// <remarks><see cref="SomeWords"/>: fewer than a page of items hold every word, so items holding some of them follow, those with the most words first.</remarks>
public enum SearchHint { None, Shortened, ReadAsPlainText, NothingToSearch, PatternRefused, SomeWords }

public sealed record SearchResults(
    int Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets,
    SearchHint Hint,
    bool Rebuilding,
    int Page,
    int PageSize)
{
    public static readonly string[] FacetNames = ["type", "tag", "industry", "outcome", "culture"];
    /// <summary>The search ran out of its time budget (or its reader left): the total and facets count what was found by then.</summary>
    public bool CutShort { get; init; }
    /// <summary>Fewer than a page of items hold every word: the results are the items holding the most of the words (also when <see cref="Hint"/> says something else).</summary>
    public bool SomeWords { get; init; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record SearchSuggestion(string Kind, string Text, string? Url, string? Key);

/// <summary>The audiences a reader belongs to; null <see cref="Audiences"/> means every document (trainers, administrators).</summary>
public sealed record SearchAudience(IReadOnlySet<string>? Audiences)
{
    public const string Public = "public";
    public static readonly SearchAudience PublicOnly = new(new HashSet<string> { Public });
    public static readonly SearchAudience Everything = new((IReadOnlySet<string>?)null);
    public static string Team(string teamId) => "team:" + teamId;

    /// <summary>A stable key for caching per audience.</summary>
    public string Key => Audiences is null ? "*" : string.Join('|', Audiences.Order(StringComparer.Ordinal));
}
