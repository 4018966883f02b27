using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
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
    /// <summary>TagsZh is also the stored text of the tag labels.</summary>
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
    public const string Schema = "5";

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

        // Chinese is blanked out before the English tokenizer sees it (one space per character, so offsets stay
        // those of the stored text): StandardTokenizer never emits ideographs. The Chinese tokenizer reads only the
        // runs of Chinese, so its text needs no blanking.
        protected override TextReader WrapReader(string fieldName, TextReader reader) => han ? reader : new HanBlankingReader(reader);

        protected override TokenStreamComponents WrapComponents(string fieldName, TokenStreamComponents components) =>
            new(components.Tokenizer, new ScriptFilter(components.TokenStream, han));
    }

    /// <summary>
    /// SmartChineseAnalyzer's own chain (its HHMM word segmentation and dictionaries, PorterStemFilter, its stop words),
    /// with <see cref="HanRunTokenizer"/> in place of HMMChineseTokenizer: the text this analyzer sees is already
    /// reduced to its Chinese runs, so the ICU sentence BreakIterator (a fifth of SmartCn's time here, and not
    /// thread-safe to clone) is not needed to cut it into sentences, and the segmentation allocates nothing per sentence.
    /// </summary>
    private sealed class SmartChinese : Analyzer
    {
        private static readonly Lucene.Net.Analysis.Util.CharArraySet StopWords = SmartChineseAnalyzer.DefaultStopSet;

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new HanRunTokenizer(reader);
            TokenStream result = new PorterStemFilter(tokenizer);
            result = new StopFilter(Version, result, StopWords);
            return new TokenStreamComponents(tokenizer, result);
        }
    }

    /// <summary>
    /// Segments each run of Chinese characters (ended by anything else, or after 。！？) as HMMChineseTokenizer segments a
    /// sentence: SmartCn's words (<see cref="ChineseSegmenter"/>), normalised as its SegTokenFilter does (full-width
    /// letters and digits to ASCII, letters lower-cased, punctuation to ","), with offsets into the text. A word never
    /// spans two runs, i.e. never joins Chinese across other text.
    /// </summary>
    internal sealed class HanRunTokenizer : Tokenizer
    {
        private readonly ChineseSegmenter _segmenter = new();
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private readonly ITypeAttribute _type;
        private char[] _text = new char[1024];
        private int _length, _next, _runStart;
        private readonly List<ChineseSegmenter.Token> _segments = [];
        private int _segment;

        public HanRunTokenizer(TextReader input) : base(input)
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
            _type = AddAttribute<ITypeAttribute>();
        }

        public override bool IncrementToken()
        {
            while (_segment >= _segments.Count)
                if (!NextRun()) return false;
            var s = _segments[_segment++];
            ClearAttributes();
            var run = _text.AsSpan(_runStart);
            switch (s.Kind)
            {
                case ChineseSegmenter.Kind.Word:
                    _term.CopyBuffer(_segmenter.Chars, s.CharsAt, s.CharsLength);
                    break;
                case ChineseSegmenter.Kind.Delimiter:
                    _term.Append(',');
                    break;
                default:
                    var buffer = _term.ResizeBuffer(s.End - s.Start);
                    for (var i = s.Start; i < s.End; i++)
                    {
                        var c = run[i];
                        if (s.Kind is ChineseSegmenter.Kind.FullwidthLetters or ChineseSegmenter.Kind.FullwidthDigits && c >= '\uFF10') c = (char)(c - 0xFEE0);
                        if (s.Kind is not (ChineseSegmenter.Kind.Digits or ChineseSegmenter.Kind.FullwidthDigits) && c is >= 'A' and <= 'Z') c = (char)(c + 0x20);
                        buffer[i - s.Start] = c;
                    }
                    _term.Length = s.End - s.Start;
                    break;
            }
            _offset.SetOffset(CorrectOffset(_runStart + s.Start), CorrectOffset(_runStart + s.End));
            _type.Type = "word";
            return true;
        }

        /// <summary>Segments the next run into <see cref="_segments"/>; false at the end of the text.</summary>
        private bool NextRun()
        {
            _segment = 0;
            _segments.Clear();
            while (_next < _length && !IsHan(_text[_next])) _next++;
            if (_next >= _length) return false;
            _runStart = _next;
            while (_next < _length && IsHan(_text[_next]))
            {
                var c = _text[_next++];
                if (c is '\u3002' or '\uFF01' or '\uFF1F') break; // 。！？ end a sentence
            }
            _segmenter.Segment(_text.AsSpan(_runStart, _next - _runStart), _segments);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _length = 0;
            int read;
            while ((read = m_input.Read(_text, _length, _text.Length - _length)) > 0)
            {
                _length += read;
                if (_length == _text.Length) Array.Resize(ref _text, _text.Length * 2);
            }
            _next = 0;
            _segments.Clear();
            _segment = 0;
        }

        public override void End()
        {
            base.End();
            var end = CorrectOffset(_length);
            _offset.SetOffset(end, end);
        }
    }

    private sealed class HanBlankingReader(TextReader input) : TextReader
    {
        public override int Read(char[] buffer, int index, int count)
        {
            var read = input.Read(buffer, index, count);
            for (var i = index; i < index + read; i++)
                if (IsHan(buffer[i])) buffer[i] = ' ';
            return read;
        }

        public override int Read()
        {
            var c = input.Read();
            return c >= 0 && IsHan((char)c) ? ' ' : c;
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
