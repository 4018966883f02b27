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
