using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Util;

namespace SalesAcademy.Search.Services;

/// <summary>The index's field names. Every text is indexed twice: <c>_zh</c> (SmartCn) and <c>_en</c> (English, stemmed).</summary>
internal static class SearchFields
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public const string Id = "id";
    public const string Type = "type";
    public const string Tag = "tag";
    public const string Industry = "industry";
    public const string Outcome = "outcome";
    public const string Culture = "culture";
    public const string Audience = "audience";
    public const string Date = "date";
    public const string Title = "title";
    public const string Url = "url";
    /// <summary>The start of the text (stored), the snippet when no searched word is in the text.</summary>
    public const string Lead = "lead";
    /// <summary>Lower-cased whole title, for type-ahead (infix wildcard).</summary>
    public const string TitleKey = "title_key";

    /// <summary>The title, and the tags' labels in both languages: short fields, boosted.</summary>
    public const string TitleZh = "title_zh", TitleEn = "title_en";
    public const string TagsZh = "tags_zh", TagsEn = "tags_en";
    /// <summary>TextZh is also the stored text snippets are cut from.</summary>
    public const string TextZh = "text_zh", TextEn = "text_en";

    public const string FacetPrefix = "f_";

    public static readonly string[] QueryFields = [TitleZh, TitleEn, TagsZh, TagsEn, TextZh, TextEn];
    public static readonly IDictionary<string, float> Boosts = new Dictionary<string, float>
    {
        [TitleZh] = 4f, [TitleEn] = 4f, [TagsZh] = 2f, [TagsEn] = 2f, [TextZh] = 1f, [TextEn] = 1f,
    };
    public static readonly string[] TextFields = [TextZh, TextEn];

    /// <summary>Bump when the document shape or analysis changes: an index of another schema is rebuilt at start.</summary>
    public const string Schema = "2";

    public static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), new Dictionary<string, Analyzer>
    {
        [TitleZh] = Chinese, [TagsZh] = Chinese, [TextZh] = Chinese,
        [TitleEn] = English, [TagsEn] = English, [TextEn] = English,
    });

    // Both analyzers see every text; each keeps the tokens of its own script, so a word is indexed (and scored,
    // and highlighted) once: SmartCn's words for Chinese, EnglishAnalyzer's stems for the rest. Without this the
    // English field would hold every Chinese character as a one-letter word.
    private static readonly Analyzer Chinese = new ScriptAnalyzer(new SmartChinese(), han: true);
    private static readonly Analyzer English = new ScriptAnalyzer(new EnglishAnalyzer(Version), han: false);

    public static bool IsHan(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    private sealed class ScriptAnalyzer(Analyzer inner, bool han) : AnalyzerWrapper(GLOBAL_REUSE_STRATEGY)
    {
        protected override Analyzer GetWrappedAnalyzer(string fieldName) => inner;

        // The other script is blanked out before the tokenizer sees it (one space per character, so offsets stay
        // those of the stored text): SmartCn segments only Chinese, StandardTokenizer never emits ideographs.
        protected override TextReader WrapReader(string fieldName, TextReader reader) => new ScriptReader(reader, han);

        protected override TokenStreamComponents WrapComponents(string fieldName, TokenStreamComponents components) =>
            new(components.Tokenizer, new ScriptFilter(components.TokenStream, han));
    }

    /// <summary>
    /// SmartChineseAnalyzer's own chain (HMMChineseTokenizer, PorterStemFilter, its stop words), except that the
    /// tokenizer is created under a lock: it clones an ICU4N sentence BreakIterator, and ICU4N's break iterators are
    /// known not to be thread-safe (a rebuild creates one per indexing thread at the same moment).
    /// </summary>
    private sealed class SmartChinese : Analyzer
    {
        private static readonly object Gate = new();
        private static readonly Lucene.Net.Analysis.Util.CharArraySet StopWords = SmartChineseAnalyzer.DefaultStopSet;

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            Tokenizer tokenizer;
            lock (Gate) tokenizer = new HMMChineseTokenizer(reader);
            TokenStream result = new PorterStemFilter(tokenizer);
            result = new StopFilter(Version, result, StopWords);
            return new TokenStreamComponents(tokenizer, result);
        }
    }

    private sealed class ScriptReader(TextReader input, bool han) : TextReader
    {
        public override int Read(char[] buffer, int index, int count)
        {
            var read = input.Read(buffer, index, count);
            for (var i = index; i < index + read; i++)
            {
                var c = buffer[i];
                // Sentence ends stay for both (SmartCn splits sentences on them).
                if (IsHan(c) != han && c is not ('.' or '!' or '?' or ';' or '\n')) buffer[i] = ' ';
            }
            return read;
        }

        public override int Read()
        {
            var one = new char[1];
            return Read(one, 0, 1) == 1 ? one[0] : -1;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) input.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class ScriptFilter(TokenStream input, bool han) : Lucene.Net.Analysis.Util.FilteringTokenFilter(Version, input)
    {
        private readonly Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute _term = input.GetAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();

        protected override bool Accept()
        {
            var buffer = _term.Buffer;
            for (var i = 0; i < _term.Length; i++)
                if (IsHan(buffer[i])) return han;
            return !han;
        }
    }
}
