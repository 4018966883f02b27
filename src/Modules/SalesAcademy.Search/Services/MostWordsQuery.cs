using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SalesAcademy.Search.Services;

/// <summary>
/// The fallback when too few items hold every word of a query: items that hold all of <see cref="Required"/> and any
/// of <see cref="Words"/>, ranked by how many of the words they hold, then by their usual score. The score is
/// <c>words matched + s / (s + 1)</c> (s the summed score of the matching clauses), so one more word always ranks
/// higher, whatever the scores. Words that say little (<see cref="Counted"/> false: "how", 怎么, a word in most
/// items) add to the score but not to the count.
/// </summary>
internal sealed class MostWordsQuery(IReadOnlyList<Query> words, IReadOnlyList<bool> counted, IReadOnlyList<Query> required) : Query
{
    /// <summary>Each one word (with its glossary synonyms) in every field it is searched in.</summary>
    public IReadOnlyList<Query> Words { get; } = words;
    /// <summary>Per word: whether holding it counts as one more word matched.</summary>
    public IReadOnlyList<bool> Counted { get; } = counted;
    /// <summary>What the reader made compulsory: +word, AND, a "phrase".</summary>
    public IReadOnlyList<Query> Required { get; } = required;

    public override Query Rewrite(IndexReader reader)
    {
        var words = Words.Select(w => w.Rewrite(reader)).ToList();
        var required = Required.Select(r => r.Rewrite(reader)).ToList();
        var changed = words.Where((w, i) => !ReferenceEquals(w, Words[i])).Any() || required.Where((r, i) => !ReferenceEquals(r, Required[i])).Any();
        return changed ? new MostWordsQuery(words, Counted, required) { Boost = Boost } : this;
    }

    public override void ExtractTerms(ISet<Term> terms)
    {
        foreach (var q in Words.Concat(Required)) q.ExtractTerms(terms);
    }

    public override Weight CreateWeight(IndexSearcher searcher) =>
        new MostWordsWeight(this, Words.Select(w => w.CreateWeight(searcher)).ToArray(), Required.Select(r => r.CreateWeight(searcher)).ToArray());

    public override string ToString(string field) =>
        $"mostwords({string.Join(" ", Words.Select(w => w.ToString(field)))}{(Required.Count > 0 ? " | " : "")}{string.Join(" ", Required.Select(r => "+" + r.ToString(field)))})";

    public override bool Equals(object? obj) =>
        obj is MostWordsQuery other && Boost == other.Boost && Words.SequenceEqual(other.Words) && Counted.SequenceEqual(other.Counted) && Required.SequenceEqual(other.Required);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Boost);
        foreach (var q in Words) hash.Add(q);
        hash.Add('|');
        foreach (var q in Required) hash.Add(q);
        return hash.ToHashCode();
    }

    private sealed class MostWordsWeight(MostWordsQuery query, Weight[] words, Weight[] required) : Weight
    {
        public override Query Query => query;

        public override float GetValueForNormalization()
        {
            var sum = 0f;
            foreach (var w in words.Concat(required)) sum += w.GetValueForNormalization();
            return sum * query.Boost * query.Boost;
        }

        public override void Normalize(float norm, float topLevelBoost)
        {
            foreach (var w in words.Concat(required)) w.Normalize(norm, topLevelBoost * query.Boost);
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            var must = new Scorer[required.Length];
            for (var i = 0; i < required.Length; i++)
                if ((must[i] = required[i].GetScorer(context, acceptDocs)) is null) return null;
            var should = new List<Scorer>();
            var counts = new List<bool>();
            for (var i = 0; i < words.Length; i++)
                if (words[i].GetScorer(context, acceptDocs) is { } scorer)
                {
                    should.Add(scorer);
                    counts.Add(query.Counted[i]);
                }
            return should.Count == 0 && must.Length == 0 ? null : new MostWordsScorer(this, should.ToArray(), counts.ToArray(), must);
        }

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            if (GetScorer(context, context.AtomicReader.LiveDocs) is MostWordsScorer scorer && scorer.Advance(doc) == doc)
                return new Explanation(scorer.GetScore(), $"{scorer.Freq} of {words.Length} words, then their score");
            return new Explanation(0, "no matching word");
        }
    }

    private sealed class MostWordsScorer(Weight weight, Scorer[] words, bool[] counted, Scorer[] required) : Scorer(weight)
    {
        private int _doc = -1;

        public override int DocID => _doc;

        public override int NextDoc() => _doc == NO_MORE_DOCS ? NO_MORE_DOCS : Advance(_doc + 1);

        public override int Advance(int target)
        {
            if (required.Length == 0)
            {
                var min = NO_MORE_DOCS;
                foreach (var w in words)
                {
                    if (w.DocID < target) w.Advance(target);
                    min = Math.Min(min, w.DocID);
                }
                return _doc = min;
            }
            // Leapfrog to the next document all required clauses match; the words only count there.
            var doc = target;
            while (true)
            {
                var agreed = true;
                foreach (var r in required)
                {
                    if (r.DocID < doc) r.Advance(doc);
                    if (r.DocID > doc)
                    {
                        doc = r.DocID;
                        agreed = false;
                    }
                }
                if (doc == NO_MORE_DOCS) return _doc = NO_MORE_DOCS;
                if (agreed) break;
            }
            foreach (var w in words)
                if (w.DocID < doc) w.Advance(doc);
            return _doc = doc;
        }

        public override float GetScore()
        {
            var sum = 0f;
            var count = 0;
            for (var i = 0; i < words.Length; i++)
                if (words[i].DocID == _doc)
                {
                    if (counted[i]) count++;
                    sum += words[i].GetScore();
                }
            foreach (var r in required) sum += r.GetScore();
            return count + sum / (sum + 1);
        }

        public override int Freq => words.Count(w => w.DocID == _doc);

        public override long GetCost() => words.Concat(required).Sum(s => s.GetCost());
    }
}
