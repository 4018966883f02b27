using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using SalesAcademy.Search.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Search.Tests;

/// <summary>The Chinese analysis: SmartCn's segmenter on the Chinese runs of the text, without its ICU sentence splitter.</summary>
public sealed class AnalysisTests
{
    private static List<(string Term, int Start, int End)> Tokens(Tokenizer tokenizer)
    {
        using (tokenizer)
        {
            var term = tokenizer.AddAttribute<ICharTermAttribute>();
            var offset = tokenizer.AddAttribute<IOffsetAttribute>();
            var list = new List<(string, int, int)>();
            tokenizer.Reset();
            while (tokenizer.IncrementToken()) list.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
            tokenizer.End();
            return list;
        }
    }

    /// <summary>The runs of Chinese text in the seed content (what the Chinese field's analyzer segments).</summary>
    private static IEnumerable<string> ChineseRuns()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.SeedContent, "*.md", SearchOption.AllDirectories).Order())
        {
            var text = File.ReadAllText(file);
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var han = i < text.Length && SearchFields.IsHan(text[i]);
                if (han && start < 0) start = i;
                else if (!han && start >= 0)
                {
                    yield return text[start..i];
                    start = -1;
                }
            }
        }
    }

    [Fact]
    public void Every_Chinese_sentence_of_the_seed_content_is_segmented_as_SmartCn_segments_it()
    {
        var compared = 0;
        foreach (var run in ChineseRuns())
        {
            // A run of Chinese with no sentence end inside is one sentence for HMMChineseTokenizer too.
            foreach (var sentence in run.Split(['。', '！', '？'], StringSplitOptions.RemoveEmptyEntries))
            {
                var expected = Tokens(new HMMChineseTokenizer(new StringReader(sentence)));
                var actual = Tokens(new SearchFields.HanRunTokenizer(new StringReader(sentence)));
                Assert.Equal(expected, actual);
                compared++;
            }
        }
        Assert.True(compared > 500, $"only {compared} sentences in the seed content");
    }

    /// <summary>What SmartCn's own segmenter gives for a sentence, as HMMChineseTokenizer emits it (WordSegmenter's steps).</summary>
    private static List<(string Term, int Start, int End)> StockSegmentation(string sentence)
    {
        var filter = new Lucene.Net.Analysis.Cn.Smart.Hhmm.SegTokenFilter();
        var tokens = new Lucene.Net.Analysis.Cn.Smart.Hhmm.HHMMSegmenter().Process(sentence);
        var list = new List<(string, int, int)>();
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            var token = tokens[i];
            if (token.WordType is WordType.STRING or WordType.NUMBER or WordType.FULLWIDTH_NUMBER or WordType.FULLWIDTH_STRING)
                token.CharArray = sentence[token.StartOffset..token.EndOffset].ToCharArray();
            token = filter.Filter(token);
            list.Add((new string(token.CharArray), token.StartOffset, token.EndOffset));
        }
        return list;
    }

    [Fact]
    public void Random_Chinese_text_with_spaces_full_width_letters_digits_punctuation_and_rare_characters_is_segmented_as_SmartCn_segments_it()
    {
        // Pieces of the seed content's Chinese (so that dictionary words and their bigrams occur), mixed with every
        // kind of character SmartCn treats apart: ideographic space, full-width letters and digits, punctuation,
        // kana, ideographs outside GB2312. No sentence end, so the stock tokenizer sees one sentence too.
        var seed = string.Concat(ChineseRuns().Select(r => r.Replace("。", "").Replace("！", "").Replace("？", "")));
        string[] special = ["\u3000", "Ａ", "ｂ", "Ｘｙ", "０", "１２", "，", "、", "：", "；", "（", "）", "《", "》", "「", "」", "あ", "カ", "龦", "豈", "㐀", "⺁", "ｶ", "～"];
        var random = new Random(20261127);
        var compared = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var sentence = new System.Text.StringBuilder();
            var pieces = random.Next(1, 16);
            for (var p = 0; p < pieces; p++)
            {
                if (random.NextDouble() < 0.75)
                {
                    var length = random.Next(1, 6);
                    var at = random.Next(seed.Length - length);
                    sentence.Append(seed, at, length);
                }
                else sentence.Append(special[random.Next(special.Length)]);
            }
            var text = sentence.ToString();
            Assert.All(text, c => Assert.True(SearchFields.IsHan(c), $"U+{(int)c:X4} would end the run"));
            var expected = StockSegmentation(text);
            var actual = Tokens(new SearchFields.HanRunTokenizer(new StringReader(text)));
            if (!expected.SequenceEqual(actual))
                Assert.Fail($"\"{text}\":\n  SmartCn: {string.Join(" | ", expected)}\n  ours:    {string.Join(" | ", actual)}");
            compared++;
        }
        Assert.Equal(20_000, compared);
    }

    [Fact]
    public void A_reused_plain_text_renderer_gives_what_Markdig_ToPlainText_gives_for_every_seed_file()
    {
        var files = Directory.EnumerateFiles(TestPaths.SeedContent, "*.md", SearchOption.AllDirectories).Order().ToList();
        Assert.True(files.Count > 40);
        // Twice through, on one thread: each document's text alone, nothing left over from the one before.
        foreach (var file in files.Concat(files))
        {
            var markdown = File.ReadAllText(file);
            Assert.Equal(Markdig.Markdown.ToPlainText(markdown, SearchDocumentFactory.PlainText), SearchDocumentFactory.PlainTextOf(markdown));
        }
    }

    [Fact]
    public void Mixed_text_gives_Chinese_words_with_offsets_into_the_original_and_no_word_across_English()
    {
        var analyzer = SearchFields.CreateAnalyzer();
        const string text = "华为铁三角：客户经理 and the iron triangle. 交付 AR 经理。解决方案";
        using var stream = analyzer.GetTokenStream(SearchFields.TextZh, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var words = new List<string>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
            Assert.Equal(term.ToString(), text[offset.StartOffset..offset.EndOffset]);
        }
        stream.End();
        Assert.Equal(["华为", "铁三角", "客户", "经理", "交付", "经理", "解决", "方案"], words);
    }
}
