using System.Net;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SalesAcademy.Search.Models;

namespace SalesAcademy.Search.Services;

/// <summary>
/// Full-text search over this node's index: bilingual query parsing with glossary expansion, filters and facet
/// counts limited to what the reader may see, highlighted snippets, type-ahead and "more like this".
/// </summary>
public sealed class SearchService
{
    public const int MaxQueryLength = 200;
    public const int MaxPageSize = 50;
    public const int MaxPage = 200;
    private const int SnippetChars = 160;

    private static readonly ISet<string> HitFields = new HashSet<string> { SearchFields.Id, SearchFields.Type, SearchFields.Title, SearchFields.Url, SearchFields.Culture, SearchFields.Date, SearchFields.Tag, SearchFields.Lead };
    // With the text the snippet is cut from: a hit's stored fields are read (and their block decompressed) once.
    private static readonly ISet<string> HitFieldsAndText = new HashSet<string>(HitFields) { SearchFields.TextZh };
    // "More like this" re-analyses the stored text, title and tag labels for each field they are indexed in, and
    // searches the best words of all six.
    private const int MaxLikeTerms = 40;
    private static readonly (string Field, string Source)[] LikeSources =
    [
        (SearchFields.TextZh, SearchFields.TextZh), (SearchFields.TextEn, SearchFields.TextZh), (SearchFields.TitleZh, SearchFields.Title),
        (SearchFields.TitleEn, SearchFields.Title), (SearchFields.TagsZh, SearchFields.TagsZh), (SearchFields.TagsEn, SearchFields.TagsZh),
    ];
    private static readonly ISet<string> LikeFields = LikeSources.Select(s => s.Source).ToHashSet();
    private static readonly Sort ByDate = new(new SortField(SearchFields.Date, SortFieldType.INT64, true));

    // One cached bit set per audience and segment (CachingWrapperFilter keys on the segment, so a near-real-time
    // refresh only computes it for new segments): the audience check costs nothing per query.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Filter> _audienceFilters = new(StringComparer.Ordinal);
    private readonly Func<SearchIndex?> _index;
    private readonly Func<GlossaryData> _glossary;
    private readonly Func<bool> _rebuilding;

    private readonly int _minDocsPerSlice;
    private readonly SearchOptions _limits;

    /// <summary>An index of at least twice this many documents is searched (and its hits highlighted) on every core.</summary>
    public const int MinDocsPerSlice = 20_000;

    public SearchService(SearchIndexHost host, SearchGlossary glossary, SearchOptions options)
        : this(() => host.Index, () => glossary.Current, () => host.Status.Rebuilding, limits: options) { }

    internal SearchService(Func<SearchIndex?> index, Func<GlossaryData> glossary, Func<bool> rebuilding, int minDocsPerSlice = MinDocsPerSlice, SearchOptions? limits = null)
    {
        _index = index;
        _glossary = glossary;
        _rebuilding = rebuilding;
        _minDocsPerSlice = minDocsPerSlice;
        _limits = limits ?? new SearchOptions();
    }

    /// <param name="cancel">The request's abort token: a reader who has gone stops the search.</param>
    public SearchResults Search(SearchRequest request, SearchAudience audience, bool highlight = true, CancellationToken cancel = default)
    {
        var page = Math.Clamp(request.Page, 1, MaxPage);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var empty = new Dictionary<string, IReadOnlyDictionary<string, int>>();
        var rebuilding = _rebuilding();
        if (_index() is not { } index) return new(0, [], empty, SearchHint.None, true, page, size);
        // Every search runs under a time budget: what was found by then is shown, marked as cut short.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        budget.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, _limits.TimeBudgetSeconds)));
        if (_limits.TimeBudgetSeconds <= 0) budget.Cancel();
        var stop = budget.Token;

        var (query, hint) = Parse(request.Query, index);
        if (query is null && hint == SearchHint.NothingToSearch) return new(0, [], empty, hint, rebuilding, page, size);
        var browse = query is null;
        query ??= new MatchAllDocsQuery();
        var filter = Filter(request);
        var textQuery = query;
        if (AudienceFilter(audience) is { } visible) query = new FilteredQuery(query, visible);

        return index.Read(searcher =>
        {
            var slices = SlicedSearch.SliceCount(searcher.IndexReader.MaxDoc, _minDocsPerSlice);
            var result = SlicedSearch.Run(searcher, query, filter, browse || request.Sort == SearchSort.Date ? ByDate : null, scores: !browse,
                (page - 1) * size, size, SearchResults.FacetNames, slices, stop);
            var hits = new SearchHit[result.Page.Length];
            var snippets = highlight && !browse && hits.Length > 0 ? new Snippets(searcher.Rewrite(textQuery), searcher.IndexReader, SearchFields.TextFields, SnippetChars) : null;
            if (snippets is { HasWords: false }) snippets = null; // only titles or tags were searched: every hit shows its lead
            void Hits(int from, int to)
            {
                for (var i = from; i < to; i++) hits[i] = Hit(searcher, result.Page[i], snippets);
            }
            if (slices == 1 || hits.Length < 2) Hits(0, hits.Length);
            else Parallel.Invoke(() => Hits(0, hits.Length / 2), () => Hits(hits.Length / 2, hits.Length));
            return new SearchResults(result.TotalHits, hits, result.Facets, hint, rebuilding, page, size) { CutShort = result.CutShort };
        });
    }

    private static SearchHit Hit(IndexSearcher searcher, ScoreDoc scoreDoc, Snippets? snippets)
    {
        var doc = searcher.Doc(scoreDoc.Doc, snippets is null ? HitFields : HitFieldsAndText);
        return ToHit(doc, scoreDoc.Score, snippets?.Snippet(scoreDoc.Doc, doc.Get(SearchFields.TextZh) ?? "") ?? Lead(doc.Get(SearchFields.Lead)));
    }

    private static SearchHit ToHit(Document doc, float score, string snippet) =>
        new(doc.Get(SearchFields.Id), doc.Get(SearchFields.Type), doc.Get(SearchFields.Title), doc.Get(SearchFields.Url),
            snippet, float.IsNaN(score) ? 0 : score, doc.Get(SearchFields.Culture),
            new DateTime(doc.GetField(SearchFields.Date)?.GetInt64Value() ?? 0, DateTimeKind.Utc), doc.GetValues(SearchFields.Tag));

    /// <summary>Titles containing what was typed (and tags, from <paramref name="tags"/>), for a type-ahead list.</summary>
    public IReadOnlyList<SearchSuggestion> Suggest(string? text, SearchAudience audience, IEnumerable<(string Key, string Label, string OtherLabel)> tags, int max = 8)
    {
        var typed = (text ?? "").Trim();
        if (typed.Length == 0) return [];
        if (typed.Length > 50) typed = typed[..50];
        var result = new List<SearchSuggestion>();
        foreach (var (key, label, other) in tags)
        {
            if (result.Count >= 3) break;
            if (label.Contains(typed, StringComparison.OrdinalIgnoreCase) || other.Contains(typed, StringComparison.OrdinalIgnoreCase) || key.Contains(typed, StringComparison.OrdinalIgnoreCase))
                result.Add(new SearchSuggestion("tag", label, null, key));
        }
        if (_index() is not { } index) return result;
        var pattern = "*" + EscapeWildcard(typed.ToLowerInvariant()) + "*";
        index.Read(searcher =>
        {
            var docs = searcher.Search(new WildcardQuery(new Term(SearchFields.TitleKey, pattern)), AudienceFilter(audience), max, ByDate);
            foreach (var scoreDoc in docs.ScoreDocs)
            {
                var doc = searcher.Doc(scoreDoc.Doc, HitFields);
                result.Add(new SearchSuggestion("title", doc.Get(SearchFields.Title), doc.Get(SearchFields.Url), doc.Get(SearchFields.Id)));
            }
            return 0;
        });
        return result;
    }

    /// <summary>
    /// Items whose text is most like the given item's, that the reader may see: MoreLikeThis's most telling words of
    /// its stored text, title and tag labels, each analysed for both languages (the 40 best over all six fields).
    /// </summary>
    public IReadOnlyList<SearchHit> Similar(string contentItemId, SearchAudience audience, int max = 5)
    {
        if (_index() is not { } index) return [];
        return index.Read(searcher =>
        {
            var self = searcher.Search(new TermQuery(LuceneDocuments.IdTerm(contentItemId)), 1);
            if (self.TotalHits == 0) return (IReadOnlyList<SearchHit>)[];
            var stored = searcher.Doc(self.ScoreDocs[0].Doc, LikeFields);
            var mlt = new MoreLikeThis(searcher.IndexReader) { Analyzer = index.Analyzer, MinTermFreq = 1, MinDocFreq = 1, MinWordLen = 2 };
            mlt.SetMaxDocFreqPct(60);
            var words = new List<ScoreTerm>();
            foreach (var (field, source) in LikeSources)
            {
                if (stored.Get(source) is not { Length: > 0 } text) continue;
                mlt.FieldNames = [field];
                var queue = mlt.RetrieveTerms(new StringReader(text), field);
                while (queue.Count > 0) words.Add(queue.Pop());
            }
            var anyWord = new BooleanQuery();
            foreach (var word in words.OrderByDescending(w => w.Score).Take(MaxLikeTerms)) anyWord.Add(new TermQuery(new Term(word.TopField, word.Word)), Occur.SHOULD);
            if (anyWord.Clauses.Count == 0) return (IReadOnlyList<SearchHit>)[];
            var like = new BooleanQuery
            {
                { anyWord, Occur.MUST },
                { new TermQuery(LuceneDocuments.IdTerm(contentItemId)), Occur.MUST_NOT },
            };
            var docs = searcher.Search(like, AudienceFilter(audience), max);
            return docs.ScoreDocs.Select(sd => ToHit(searcher.Doc(sd.Doc, HitFields), sd.Score, "")).ToList();
        });
    }

    /// <summary>
    /// The user's text as a query: glossary-expanded, parsed with phrases, AND/OR/NOT and prefixes (AND by default);
    /// text that is not valid syntax is searched as plain words; text with no words gives a hint instead.
    /// Null with <see cref="SearchHint.None"/> means "no text": browse everything.
    /// </summary>
    internal (Query? Query, SearchHint Hint) Parse(string? text, SearchIndex index)
    {
        var typed = (text ?? "").Trim();
        if (typed.Length == 0) return (null, SearchHint.None);
        var hint = SearchHint.None;
        if (typed.Length > MaxQueryLength)
        {
            typed = typed[..MaxQueryLength];
            hint = SearchHint.Shortened;
        }
        var parser = new ReaderQueryParser(index.Analyzer, _limits)
        {
            DefaultOperator = Operator.AND,
            AllowLeadingWildcard = false,
            // A prefix (iron*) scores its words as if typed, up to 64 per field, title matches weighing most;
            // Lucene's default gives every match one constant score, ranking them by index order.
            MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(Math.Max(1, _limits.MaxPatternExpansions)),
            FuzzyPrefixLength = Math.Max(0, _limits.MinPatternPrefix),
        };
        try
        {
            var parsed = parser.Parse(_glossary().Expand(typed));
            // "NOT 华为" alone means everything except: Lucene matches nothing for a purely negative query.
            if (parsed is BooleanQuery { Clauses.Count: > 0 } negative && negative.Clauses.All(c => c.Occur == Occur.MUST_NOT))
                negative.Add(new MatchAllDocsQuery(), Occur.MUST);
            if (parsed is not null && !(parsed is BooleanQuery { Clauses.Count: 0 })) return (parsed, hint);
        }
        catch (Exception ex) when (ex is ParseException or BooleanQuery.TooManyClausesException or ArgumentException)
        {
        }
        var literal = Literal(typed, index);
        var plain = parser.RefusedPattern ? SearchHint.PatternRefused : SearchHint.ReadAsPlainText;
        return literal is null ? (null, SearchHint.NothingToSearch) : (literal, hint == SearchHint.None ? plain : hint);
    }

    /// <summary>
    /// The classic parser without the expensive forms a reader could abuse: no /regular expressions/ (one of them kept
    /// a core busy for minutes), and prefixes, wildcards and fuzzy words only with a few letters before their first
    /// wildcard and few wildcards. A refused form makes the text be searched as plain words.
    /// </summary>
    private sealed class ReaderQueryParser(Lucene.Net.Analysis.Analyzer analyzer, SearchOptions limits)
        : MultiFieldQueryParser(SearchFields.Version, SearchFields.QueryFields, analyzer, SearchFields.Boosts)
    {
        public bool RefusedPattern { get; private set; }

        private ParseException Refuse(string what)
        {
            RefusedPattern = true;
            return new ParseException($"{what} is not offered to readers");
        }

        protected override Query GetRegexpQuery(string field, string termStr) => throw Refuse("A regular expression");

        protected override Query GetWildcardQuery(string field, string termStr)
        {
            CheckPattern(termStr);
            return base.GetWildcardQuery(field, termStr);
        }

        protected override Query GetPrefixQuery(string field, string termStr)
        {
            // termStr is the text before the trailing *.
            if (termStr.Length < limits.MinPatternPrefix) throw Refuse("A short prefix");
            return base.GetPrefixQuery(field, termStr);
        }

        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
        {
            if (termStr.Length <= limits.MinPatternPrefix) throw Refuse("A short fuzzy word");
            // One edit at most: two edits over a big dictionary match most short words.
            return base.GetFuzzyQuery(field, termStr, minSimilarity >= 1 ? 1 : Math.Max(minSimilarity, 0.5f));
        }

        private void CheckPattern(string term)
        {
            var first = term.IndexOfAny(['*', '?']);
            if (first >= 0 && first < limits.MinPatternPrefix) throw Refuse("A short prefix");
            if (term.Count(c => c is '*' or '?') > limits.MaxPatternWildcards) throw Refuse("A word with many wildcards");
        }
    }

    /// <summary>Every word of the text, in any field, with no syntax.</summary>
    private static Query? Literal(string text, SearchIndex index)
    {
        var words = new string(text.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray());
        var builder = new QueryBuilder(index.Analyzer);
        var any = new BooleanQuery();
        foreach (var field in SearchFields.QueryFields)
        {
            try
            {
                if (builder.CreateBooleanQuery(field, words, Occur.MUST) is not { } q) continue;
                q.Boost = SearchFields.Boosts[field];
                any.Add(q, Occur.SHOULD);
            }
            catch (BooleanQuery.TooManyClausesException)
            {
            }
        }
        return any.Clauses.Count == 0 ? null : any;
    }

    private Filter? AudienceFilter(SearchAudience audience)
    {
        if (audience.Audiences is not { } audiences) return null;
        return _audienceFilters.GetOrAdd(audience.Key, _ =>
        {
            var any = new BooleanQuery();
            foreach (var a in audiences) any.Add(new TermQuery(new Term(SearchFields.Audience, a)), Occur.SHOULD);
            return new CachedBitsFilter(any);
        });
    }

    /// <summary>
    /// A filter kept as one bit set per segment core. Unlike CachingWrapperFilter's compressed sets it offers random
    /// access, so the query is scored as usual (out of order, in bulk) with the filter checked per hit.
    /// </summary>
    private sealed class CachedBitsFilter(Query query) : Filter
    {
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, FixedBitSet> _cache = new();

        public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
        {
            var reader = context.AtomicReader;
            var bits = _cache.GetValue(reader.CoreCacheKey, _ =>
            {
                var set = new FixedBitSet(reader.MaxDoc);
                if (new QueryWrapperFilter(query).GetDocIdSet(context, null)?.GetIterator() is { } matching) set.Or(matching);
                return set;
            });
            return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
        }
    }

    private static Filter? Filter(SearchRequest request)
    {
        var all = new BooleanQuery();
        void Must(string field, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) all.Add(new TermQuery(new Term(field, value.Trim())), Occur.MUST);
        }
        Must(SearchFields.Type, request.Type);
        Must(SearchFields.Tag, request.Tag);
        Must(SearchFields.Industry, request.Industry);
        Must(SearchFields.Outcome, request.Outcome);
        Must(SearchFields.Culture, request.Culture);
        return all.Clauses.Count == 0 ? null : new QueryWrapperFilter(all);
    }

    /// <summary>The start of the item's text, when no searched word is in it (e.g. only the title matched).</summary>
    private static string Lead(string? lead)
    {
        lead ??= "";
        if (lead.Length >= LuceneDocuments.LeadChars) lead += "…";
        return WebUtility.HtmlEncode(lead.ReplaceLineEndings(" ").Trim());
    }

    private static string EscapeWildcard(string s) =>
        s.Replace("\\", "\\\\").Replace("*", "\\*").Replace("?", "\\?");
}
