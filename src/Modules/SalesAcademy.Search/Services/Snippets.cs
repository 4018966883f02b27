using System.Net;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SalesAcademy.Search.Services;

/// <summary>
/// Highlighted snippets cut from a hit's stored text at the offsets its words were indexed with (postings with
/// offsets): no term vectors and no re-analysis. The words of all the given fields are marked in one fragment, so a
/// Chinese word (text_zh, SmartCn) and an English one (text_en) of the same text are highlighted together. The
/// fragment is the one of about <c>chars</c> characters holding the most weight of distinct query words (boost ×
/// rarity), widened to the nearest sentence or word boundary; a phrase is marked only where its words stand together,
/// and words the query excludes (NOT) are not marked. The text is HTML-escaped except the &lt;mark&gt; tags.
/// Built once per query (from the rewritten query: prefixes are their words) and safe to use from several threads.
/// </summary>
internal sealed class Snippets
{
    /// <summary>Characters of text shown before the first marked word.</summary>
    private const int Context = 20;
    /// <summary>How far a fragment's ends may move to reach a boundary.</summary>
    private const int BoundaryScan = 20;
    /// <summary>Later occurrences of a word already in the fragment add this share of its weight.</summary>
    private const float Repeat = 0.1f;

    private readonly IList<AtomicReaderContext> _leaves;
    private readonly int _chars;
    private readonly List<Word> _words = [];
    private readonly List<Phrase> _phrases = [];
    private readonly HashSet<string> _fields;

    /// <summary>Pairs of role labels in the text are shown in the reader's language (<see cref="RoleLabels"/>).</summary>
    private readonly bool _chinese;

    public Snippets(Query rewritten, IndexReader reader, IEnumerable<string> fields, int chars, bool chinese = false)
    {
        _chinese = chinese;
        _leaves = reader.Leaves;
        _chars = chars;
        _fields = new HashSet<string>(fields, StringComparer.Ordinal);
        Collect(rewritten, 1f);
        // Rarer words weigh more (classic idf over the whole index), times their boost in the query.
        var maxDoc = Math.Max(1, reader.MaxDoc);
        foreach (var word in _words) word.Idf = (float)(1 + Math.Log(maxDoc / (double)(reader.DocFreq(word.Term) + 1)));
        foreach (var phrase in _phrases) phrase.Weight = phrase.Boost * phrase.Words.Sum(w => _words[w].Idf);
    }

    /// <summary>True when the query has words in these fields (otherwise every snippet would be null).</summary>
    public bool HasWords => _words.Count > 0;

    /// <summary>The best fragment of <paramref name="text"/> (the stored text of hit <paramref name="doc"/>, a top-level document number), or null when none of the query's words is in it.</summary>
    public string? Snippet(int doc, string text)
    {
        if (_words.Count == 0 || text.Length == 0) return null;
        var spans = new List<Span>();
        var occurrences = _phrases.Count > 0 ? new List<Occurrence>?[_words.Count] : null;
        var leaf = _leaves[ReaderUtil.SubIndex(doc, _leaves)];
        var target = doc - leaf.DocBase;
        foreach (var field in _fields)
        {
            if (leaf.AtomicReader.GetTerms(field) is not { } terms) continue;
            var termsEnum = terms.GetEnumerator();
            DocsAndPositionsEnum? postings = null;
            for (var w = 0; w < _words.Count; w++)
            {
                var word = _words[w];
                if (word.Term.Field != field || !termsEnum.SeekExact(word.Term.Bytes)) continue;
                postings = termsEnum.DocsAndPositions(null, postings, DocsAndPositionsFlags.OFFSETS);
                if (postings is null || postings.Advance(target) != target) continue;
                for (var i = postings.Freq; i > 0; i--)
                {
                    var position = postings.NextPosition();
                    int start = postings.StartOffset, end = postings.EndOffset;
                    if (start < 0 || end > text.Length || start >= end) continue; // indexed without offsets, or another text
                    if (word.Alone) spans.Add(new Span(start, end, w, word.Weight));
                    if (word.InPhrase) (occurrences![w] ??= []).Add(new Occurrence(position, start, end));
                }
            }
        }
        for (var p = 0; p < _phrases.Count; p++) AddPhrase(p, occurrences!, spans);
        if (spans.Count == 0) return null;
        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));

        var (from, to) = Fragment(text, spans);
        return Format(text, spans, from, to, _chinese);
    }

    /// <summary>Marks the phrase where its first word stands at the place the others' positions say.</summary>
    private void AddPhrase(int p, List<Occurrence>?[] occurrences, List<Span> spans)
    {
        var phrase = _phrases[p];
        if (occurrences[phrase.Words[0]] is not { } firsts) return;
        foreach (var first in firsts)
        {
            var at = first.Position - phrase.Positions[0];
            var end = first.End;
            var all = true;
            for (var k = 1; k < phrase.Words.Length && all; k++)
            {
                all = false;
                foreach (var o in occurrences[phrase.Words[k]] ?? [])
                    if (o.Position == at + phrase.Positions[k])
                    {
                        end = Math.Max(end, o.End);
                        all = true;
                        break;
                    }
            }
            if (all) spans.Add(new Span(first.Start, end, _words.Count + p, phrase.Weight));
        }
    }

    /// <summary>The fragment [from, to) holding the most weight of distinct words, its ends moved to boundaries.</summary>
    private (int From, int To) Fragment(string text, List<Span> spans)
    {
        if (text.Length <= _chars) return (0, text.Length);
        var seen = new int[_words.Count + _phrases.Count];
        int best = 0, bestEnd = 0, stamp = 0;
        var bestScore = -1f;
        for (var i = 0; i < spans.Count; i++)
        {
            var windowEnd = Math.Max(0, spans[i].Start - Context) + _chars;
            stamp++;
            var score = 0f;
            var end = 0;
            for (var j = i; j < spans.Count && spans[j].Start < windowEnd; j++)
            {
                if (spans[j].End > windowEnd) continue;
                score += seen[spans[j].Id] == stamp ? spans[j].Weight * Repeat : spans[j].Weight;
                seen[spans[j].Id] = stamp;
                end = Math.Max(end, spans[j].End);
            }
            if (score > bestScore) (bestScore, best, bestEnd) = (score, i, end);
        }
        var first = spans[best].Start;
        var from = StartBoundary(text, Math.Max(0, first - Context), first);
        // The words the fragment was chosen for stay whole, even when its start moved left to a boundary.
        var to = Math.Min(text.Length, Math.Max(from + _chars, bestEnd));
        return (from, EndBoundary(text, to));
    }

    private static bool IsBreak(char c) => char.IsWhiteSpace(c) || IsStop(c);

    private static bool IsStop(char c) => c is '.' or ',' or '!' or '?' or ';' or ':' or '。' or '，' or '！' or '？' or '；' or '：' or '、';

    /// <summary>Moves the start left (at most <see cref="BoundaryScan"/>) to just after a break; never past <paramref name="first"/>.</summary>
    private static int StartBoundary(string text, int from, int first)
    {
        for (var k = from; k > 0 && k > from - BoundaryScan; k--)
            if (IsBreak(text[k - 1])) return k;
        if (from <= BoundaryScan) return 0;
        for (var k = from; k < first; k++) // no break behind: the next one ahead, if it comes before the first word
            if (IsBreak(text[k - 1])) return k;
        return char.IsLowSurrogate(text[from]) ? from + 1 : from;
    }

    /// <summary>Moves the end right (at most <see cref="BoundaryScan"/>) to a space or just after punctuation.</summary>
    private static int EndBoundary(string text, int to)
    {
        for (var k = to; k < text.Length && k < to + BoundaryScan; k++)
        {
            if (char.IsWhiteSpace(text[k])) return k;
            if (IsStop(text[k])) return k + 1;
        }
        if (to >= text.Length) return text.Length;
        return char.IsHighSurrogate(text[to - 1]) ? to - 1 : to;
    }

    private static string Format(string text, List<Span> spans, int from, int to, bool chinese)
    {
        // A pair of role labels is shown whole, as the reader's label: the fragment reaches over a pair it cuts.
        var labels = RoleLabels.Find(text, from, to, chinese);
        foreach (var (start, end, _) in labels)
        {
            if (start < from) from = start;
            if (end > to) to = end;
        }
        while (from < to && char.IsWhiteSpace(text[from])) from++;
        var last = to;
        while (last > from && char.IsWhiteSpace(text[last - 1])) last--;
        // Marked characters: overlapping or touching words (跨 + 部门) make one mark.
        var marked = new bool[last - from];
        foreach (var span in spans)
        {
            if (span.Start < from || span.End > last) continue;
            for (var k = span.Start; k < span.End; k++) marked[k - from] = true;
        }
        var html = new StringBuilder(last - from + 64);
        if (from > 0) html.Append('…');
        var at = from;
        var next = 0;
        while (at < last)
        {
            while (next < labels.Count && labels[next].Start < at) next++;
            if (next < labels.Count && labels[next].Start == at && labels[next].End <= last)
            {
                var (start, end, label) = labels[next++];
                var isMarked = Array.IndexOf(marked, true, start - from, end - start) >= 0;
                html.Append(isMarked ? "<mark>" : "").Append(WebUtility.HtmlEncode(label)).Append(isMarked ? "</mark>" : "");
                at = end;
                continue;
            }
            var state = marked[at - from];
            var stop = at + 1;
            var labelAt = next < labels.Count ? labels[next].Start : int.MaxValue;
            while (stop < last && marked[stop - from] == state && stop != labelAt) stop++;
            if (state) html.Append("<mark>");
            Append(html, text, at, stop);
            if (state) html.Append("</mark>");
            at = stop;
        }
        if (to < text.Length) html.Append('…');
        return html.ToString();
    }

    /// <summary>The text HTML-escaped, its line breaks as spaces.</summary>
    private static void Append(StringBuilder html, string text, int from, int to)
    {
        if (to > from) html.Append(WebUtility.HtmlEncode(text.Substring(from, to - from).ReplaceLineEndings(" ")));
    }

    /// <summary>The query's words (and phrases) in the highlighted fields; what the query excludes is left out.</summary>
    private void Collect(Query query, float boost)
    {
        boost *= query.Boost;
        switch (query)
        {
            case BooleanQuery boolean:
                foreach (var clause in boolean.Clauses)
                    if (clause.Occur != Occur.MUST_NOT) Collect(clause.Query, boost);
                break;
            case TermQuery term:
                AddWord(term.Term, boost, alone: true);
                break;
            case PhraseQuery phrase:
                var terms = phrase.GetTerms();
                if (terms.Length == 1) AddWord(terms[0], boost, alone: true);
                else if (terms.Length > 1 && _fields.Contains(terms[0].Field))
                    _phrases.Add(new Phrase(terms.Select(t => AddWord(t, boost, alone: false)).ToArray(), phrase.GetPositions(), boost));
                break;
            case DisjunctionMaxQuery max:
                foreach (var disjunct in max.Disjuncts) Collect(disjunct, boost);
                break;
            case ConstantScoreQuery { Query: { } inner }:
                Collect(inner, boost);
                break;
            case MostWordsQuery most:
                foreach (var q in most.Words.Concat(most.Required)) Collect(q, boost);
                break;
            case FilteredQuery filtered:
                Collect(filtered.Query, boost);
                break;
            default:
                var found = new HashSet<Term>();
                try { query.ExtractTerms(found); }
                catch (NotSupportedException) { }
                foreach (var t in found) AddWord(t, boost, alone: true);
                break;
        }
    }

    private int AddWord(Term term, float boost, bool alone)
    {
        if (!_fields.Contains(term.Field)) return -1;
        var index = _words.FindIndex(w => w.Term.Equals(term));
        if (index < 0)
        {
            index = _words.Count;
            _words.Add(new Word(term));
        }
        var word = _words[index];
        word.Boost = Math.Max(word.Boost, boost);
        word.Alone |= alone;
        word.InPhrase |= !alone;
        return index;
    }

    private sealed class Word(Term term)
    {
        public Term Term { get; } = term;
        public float Boost { get; set; }
        public float Idf { get; set; }
        public float Weight => Boost * Idf;
        /// <summary>Marked wherever it is (not only as part of a phrase).</summary>
        public bool Alone { get; set; }
        public bool InPhrase { get; set; }
    }

    private sealed class Phrase(int[] words, int[] positions, float boost)
    {
        public int[] Words { get; } = words;
        public int[] Positions { get; } = positions;
        public float Boost { get; } = boost;
        public float Weight { get; set; }
    }

    private readonly record struct Span(int Start, int End, int Id, float Weight);

    private readonly record struct Occurrence(int Position, int Start, int End);
}
