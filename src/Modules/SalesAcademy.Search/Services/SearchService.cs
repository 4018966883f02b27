using System.Net;
using Microsoft.Extensions.Caching.Memory;
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

    /// <summary>
    /// Results of recent searches, for as long as the index shows the same documents and the glossary is the same (like
    /// Solr's query result cache): the same question asked by readers who may see the same things is answered once per
    /// index change. Keyed by the request, the reader's audience and language; a search cut short is never kept.
    /// </summary>
    private readonly MemoryCache _results = new(new MemoryCacheOptions { SizeLimit = MaxCachedResults });
    private (SearchIndex? Index, long Generation, GlossaryData? Glossary) _resultsFor;
    private readonly object _resultsLock = new();
    public const int MaxCachedResults = 500;
    private readonly record struct ResultKey(SearchRequest Request, string Audience, bool Chinese, bool Highlight, bool Rebuilding);

    /// <param name="cancel">The request's abort token: a reader who has gone stops the search.</param>
    public SearchResults Search(SearchRequest request, SearchAudience audience, bool highlight = true, CancellationToken cancel = default)
    {
        var rebuilding = _rebuilding();
        if (_index() is not { } index)
        {
            var (page, size) = (Math.Clamp(request.Page, 1, MaxPage), Math.Clamp(request.PageSize, 1, MaxPageSize));
            return new(0, [], new Dictionary<string, IReadOnlyDictionary<string, int>>(), SearchHint.None, true, page, size);
        }
        // Read before searching: a change that lands during the search empties the cache after this result is kept.
        var generation = index.Generation;
        var glossary = _glossary();
        lock (_resultsLock)
        {
            if (!ReferenceEquals(_resultsFor.Index, index) || _resultsFor.Generation != generation || !ReferenceEquals(_resultsFor.Glossary, glossary))
            {
                _results.Compact(1.0);
                _resultsFor = (index, generation, glossary);
            }
        }
        var key = new ResultKey(request, audience.Key, SalesAcademy.Core.Localization.PortalCultures.CurrentIsChinese, highlight, rebuilding);
        if (_results.TryGetValue(key, out SearchResults? cached) && cached is not null) return cached;
        var results = Search(index, request, audience, highlight, rebuilding, cancel);
        lock (_resultsLock)
        {
            if (!results.CutShort && ReferenceEquals(_resultsFor.Index, index) && _resultsFor.Generation == generation && ReferenceEquals(_resultsFor.Glossary, glossary))
                _results.Set(key, results, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        return results;
    }

    private SearchResults Search(SearchIndex index, SearchRequest request, SearchAudience audience, bool highlight, bool rebuilding, CancellationToken cancel)
    {
        var page = Math.Clamp(request.Page, 1, MaxPage);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var empty = new Dictionary<string, IReadOnlyDictionary<string, int>>();
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

        var chinese = SalesAcademy.Core.Localization.PortalCultures.CurrentIsChinese; // read here: hits may be made on other threads
        return index.Read(searcher =>
        {
            var slices = SlicedSearch.SliceCount(searcher.IndexReader.MaxDoc, _minDocsPerSlice);
            var sort = browse || request.Sort == SearchSort.Date ? ByDate : null;
            var result = SlicedSearch.Run(searcher, query, filter, sort, scores: !browse,
                (page - 1) * size, size, SearchResults.FacetNames, slices, stop);
            // Fewer than a page hold every word: items holding the most of the words follow (decided on the all-words
            // total, so every page of one query makes the same choice).
            var someWords = false;
            if (!browse && result.TotalHits < size && !result.CutShort
                && AnyWords(request.Query, index, searcher, literal: hint is SearchHint.ReadAsPlainText or SearchHint.PatternRefused) is { } anyWords)
            {
                var wider = SlicedSearch.Run(searcher, AudienceFilter(audience) is { } seen ? new FilteredQuery(anyWords, seen) : anyWords, filter, sort, scores: true,
                    (page - 1) * size, size, SearchResults.FacetNames, slices, stop);
                if (wider.TotalHits > result.TotalHits)
                {
                    (result, textQuery, someWords) = (wider, anyWords, true);
                    if (hint == SearchHint.None) hint = SearchHint.SomeWords;
                }
            }
            var hits = new SearchHit[result.Page.Length];
            var snippets = highlight && !browse && hits.Length > 0 ? new Snippets(searcher.Rewrite(textQuery), searcher.IndexReader, SearchFields.TextFields, SnippetChars, chinese) : null;
            if (snippets is { HasWords: false }) snippets = null; // only titles or tags were searched: every hit shows its lead
            void Hits(int from, int to)
            {
                for (var i = from; i < to; i++) hits[i] = Hit(searcher, result.Page[i], snippets, chinese);
            }
            if (slices == 1 || hits.Length < 2) Hits(0, hits.Length);
            else Parallel.Invoke(() => Hits(0, hits.Length / 2), () => Hits(hits.Length / 2, hits.Length));
            return new SearchResults(result.TotalHits, hits, result.Facets, hint, rebuilding, page, size) { CutShort = result.CutShort, SomeWords = someWords };
        });
    }

    private static SearchHit Hit(IndexSearcher searcher, ScoreDoc scoreDoc, Snippets? snippets, bool chinese)
    {
        var doc = searcher.Doc(scoreDoc.Doc, snippets is null ? HitFields : HitFieldsAndText);
        return ToHit(doc, scoreDoc.Score, snippets?.Snippet(scoreDoc.Doc, doc.Get(SearchFields.TextZh) ?? "") ?? Lead(doc.Get(SearchFields.Lead), chinese));
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
    /// Items whose text is most like a given text (a team's weak questions), that the reader may see, of the given types
    /// (none: every type): MoreLikeThis's most telling words of the text, analysed for both languages.
    /// </summary>
    public IReadOnlyList<SearchHit> SimilarToText(string text, SearchAudience audience, IReadOnlyCollection<string> types, int max = 5)
    {
        if (_index() is not { } index || string.IsNullOrWhiteSpace(text)) return [];
        if (text.Length > 20_000) text = text[..20_000];
        return index.Read(searcher =>
        {
            var mlt = new MoreLikeThis(searcher.IndexReader) { Analyzer = index.Analyzer, MinTermFreq = 1, MinDocFreq = 1, MinWordLen = 2 };
            mlt.SetMaxDocFreqPct(60);
            var words = new List<ScoreTerm>();
            foreach (var field in new[] { SearchFields.TextZh, SearchFields.TextEn, SearchFields.TitleZh, SearchFields.TitleEn })
            {
                mlt.FieldNames = [field];
                var queue = mlt.RetrieveTerms(new StringReader(text), field);
                while (queue.Count > 0) words.Add(queue.Pop());
            }
            var anyWord = new BooleanQuery();
            foreach (var word in words.OrderByDescending(w => w.Score).Take(MaxLikeTerms)) anyWord.Add(new TermQuery(new Term(word.TopField, word.Word)), Occur.SHOULD);
            if (anyWord.Clauses.Count == 0) return (IReadOnlyList<SearchHit>)[];
            var like = new BooleanQuery { { anyWord, Occur.MUST } };
            if (types.Count > 0)
            {
                var anyType = new BooleanQuery();
                foreach (var type in types) anyType.Add(new TermQuery(new Term(SearchFields.Type, type)), Occur.SHOULD);
                like.Add(anyType, Occur.MUST);
            }
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
    /// The query's words made optional, for <see cref="MostWordsQuery"/>: each plain word (each word of a run of Chinese)
    /// and each glossary group is one word; what the reader made compulsory (+word, either side of AND, a "phrase")
    /// stays required and what they excluded (NOT, -word) stays excluded. Null when nothing would change: a single
    /// word, or a query with OR or parentheses of its own (the reader already said which words may be missing).
    /// </summary>
    internal Query? AnyWords(string? text, SearchIndex index, IndexSearcher searcher, bool literal = false)
    {
        var typed = (text ?? "").Trim();
        if (typed.Length > MaxQueryLength) typed = typed[..MaxQueryLength];
        if (typed.Length == 0) return null;
        var words = new List<Query>();
        var required = new List<Query>();
        var excluded = new List<Query>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (literal)
        {
            AddPlainWords(new string(typed.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()), index, words, seen);
        }
        else
        {
            if (typed.IndexOfAny(['(', ')']) >= 0 || typed.Contains("||", StringComparison.Ordinal)
                || typed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Contains("OR", StringComparer.Ordinal)) return null;
            var parser = new ReaderQueryParser(index.Analyzer, _limits)
            {
                DefaultOperator = Operator.OR,
                AllowLeadingWildcard = false,
                MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(Math.Max(1, _limits.MaxPatternExpansions)),
                FuzzyPrefixLength = Math.Max(0, _limits.MinPatternPrefix),
            };
            var units = QueryUnits(_glossary().Expand(typed));
            foreach (var unit in units)
            {
                if (unit.Occur == Occur.SHOULD && unit.Plain)
                {
                    AddPlainWords(unit.Text, index, words, seen);
                    continue;
                }
                Query? parsed;
                try { parsed = parser.Parse(unit.Text); }
                catch (Exception ex) when (ex is ParseException or BooleanQuery.TooManyClausesException or ArgumentException) { parsed = null; }
                if (parsed is null || parsed is BooleanQuery { Clauses.Count: 0 })
                {
                    if (unit.Occur == Occur.SHOULD) AddPlainWords(unit.Text, index, words, seen);
                    continue;
                }
                if (unit.Occur == Occur.MUST) required.Add(parsed);
                else if (unit.Occur == Occur.MUST_NOT) excluded.Add(parsed);
                else if (seen.Add(parsed.ToString())) words.Add(parsed);
            }
        }
        // One optional word and nothing else: the all-words query was that word already.
        if (words.Count == 0 || (words.Count == 1 && required.Count == 0)) return null;
        // A word counts as matched unless it is a question or filler word, or is in more than half of the items.
        var common = searcher.IndexReader.NumDocs / 2;
        var counted = words.Select(w => !(w is BooleanQuery { Clauses: [{ Query: TermQuery first }, ..] } && Filler.Contains(first.Term.Text))
            && Count(searcher, w) <= common).ToList();
        Query most = new MostWordsQuery(words, counted, required);
        if (excluded.Count == 0) return most;
        var without = new BooleanQuery(disableCoord: true) { { most, Occur.MUST } };
        foreach (var q in excluded) without.Add(q, Occur.MUST_NOT);
        return without;
    }

    private static int Count(IndexSearcher searcher, Query query)
    {
        var collector = new TotalHitCountCollector();
        searcher.Search(query, collector);
        return collector.TotalHits;
    }

    /// <summary>
    /// Words of questions as reps type them ("how do we…", 怎么办) as the analyzers index them: in the fallback they add to
    /// an item's score but not to its count of matched words.
    /// </summary>
    private static readonly HashSet<string> Filler = AnalyzedFiller(
        "how what why when where who which whom do does did doing done can could should would will shall may might must " +
        "we i you he she our my me us your his her one get got make makes always never very too so also just really still " +
        "怎么 怎么办 怎么样 怎样 如何 为什么 什么 哪些 哪个 吗 呢 吧 啊 了 的 地 得 是 我们 我 你 你们 他 她 他们 总 总是 说 老是 " +
        "一直 能 能不能 可以 应该 要 需要 做 很 太 还 都 就 有 没有 后 以后 时候 时 怎 办");

    private static HashSet<string> AnalyzedFiller(string words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var analyzer = SearchFields.CreateAnalyzer();
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        foreach (var field in new[] { SearchFields.TextZh, SearchFields.TextEn })
        {
            set.Add(word);
            using var stream = analyzer.GetTokenStream(field, word);
            var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken()) set.Add(term.ToString());
            stream.End();
        }
        return set;
    }

    /// <summary>Each word the analyzers make of <paramref name="text"/>, in every field it is searched in, as one clause.</summary>
    private static void AddPlainWords(string text, SearchIndex index, List<Query> words, HashSet<string> seen)
    {
        var byWord = new Dictionary<string, BooleanQuery>(StringComparer.Ordinal);
        foreach (var field in SearchFields.QueryFields)
        {
            using var stream = index.Analyzer.GetTokenStream(field, text);
            var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var word = term.ToString();
                if (word.Length == 0 || word == ",") continue;
                if (!byWord.TryGetValue(word, out var fields))
                {
                    if (!seen.Add("w:" + word)) continue;
                    byWord[word] = fields = new BooleanQuery(disableCoord: true);
                    words.Add(fields);
                }
                if (fields.Clauses.Any(c => c.Query is TermQuery t && t.Term.Field == field)) continue;
                fields.Add(new TermQuery(new Term(field, word)) { Boost = SearchFields.Boosts[field] }, Occur.SHOULD);
            }
            stream.End();
        }
    }

    /// <summary>A piece of a (glossary-expanded) query: a plain word, a "phrase", a glossary (group) or a word with syntax, and whether it is required, optional or excluded.</summary>
    internal readonly record struct QueryUnit(string Text, Occur Occur, bool Plain);

    /// <summary>Splits a query without OR or parentheses of the reader's own into its pieces; AND, NOT, &amp;&amp;, !, + and - set the pieces' occurrence.</summary>
    internal static List<QueryUnit> QueryUnits(string text)
    {
        var units = new List<QueryUnit>();
        var i = 0;
        var nextOccur = Occur.SHOULD;
        var andPending = false;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var occur = nextOccur;
            if (text[i] is '+' or '-' or '!' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                occur = text[i] == '+' ? Occur.MUST : Occur.MUST_NOT;
                i++;
            }
            var start = i;
            bool plain;
            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                i = close < 0 ? text.Length : close + 1;
                plain = false;
                if (occur == Occur.SHOULD) occur = Occur.MUST; // a phrase the reader typed is kept
            }
            else if (text[i] == '(')
            {
                // A glossary group ("a" OR "b"): one word.
                var close = text.IndexOf(')', i + 1);
                i = close < 0 ? text.Length : close + 1;
                plain = false;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '"' and not '(') i++;
                var word = text[start..i];
                if (word is "AND" or "&&")
                {
                    if (units.Count > 0 && units[^1].Occur == Occur.SHOULD) units[^1] = units[^1] with { Occur = Occur.MUST };
                    andPending = true;
                    continue;
                }
                if (word is "NOT")
                {
                    nextOccur = Occur.MUST_NOT;
                    continue;
                }
                plain = word.IndexOfAny(['*', '?', '~', '^', ':', '\\', '[', ']', '{', '}', '/']) < 0;
            }
            if (andPending && occur == Occur.SHOULD) occur = Occur.MUST;
            andPending = false;
            nextOccur = Occur.SHOULD;
            units.Add(new QueryUnit(text[start..i], occur, plain));
        }
        return units;
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
    private static string Lead(string? lead, bool chinese)
    {
        lead ??= "";
        if (lead.Length >= LuceneDocuments.LeadChars) lead += "…";
        return WebUtility.HtmlEncode(RoleLabels.Localize(lead, chinese).ReplaceLineEndings(" ").Trim());
    }

    private static string EscapeWildcard(string s) =>
        s.Replace("\\", "\\\\").Replace("*", "\\*").Replace("?", "\\?");
}
