using System.Net;
using System.Text.RegularExpressions;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// Snippets cut from the stored text at the offsets the postings keep (<see cref="Snippets"/>): which fragment is
/// chosen, what is marked, where it is cut, and what is escaped.
/// </summary>
public sealed partial class SnippetTests : IDisposable
{
    private const string Filler = "The quarterly review covered pricing, staffing and the travel budget for the next season. ";

    private static readonly Dictionary<string, string> Texts = new()
    {
        ["mixed"] = "华为的铁三角模式 puts the account manager, the solution manager and the delivery manager in one iron triangle team.",
        ["best-window"] = "Delivery was late. " + string.Concat(Enumerable.Repeat(Filler, 8)) +
            "In the end the delivery manager, the 交付 team and the account manager agreed on one plan. " + string.Concat(Enumerable.Repeat(Filler, 4)),
        ["phrase"] = "Iron ore prices rose. " + string.Concat(Enumerable.Repeat(Filler, 3)) + "A triangle of roles. " +
            string.Concat(Enumerable.Repeat(Filler, 3)) + "The iron triangle wins deals together. " + string.Concat(Enumerable.Repeat(Filler, 3)),
        ["repeat"] = "Pipeline, pipeline, pipeline and pipeline again. " + string.Concat(Enumerable.Repeat(Filler, 4)) +
            "The pipeline review moved the 交付 date. " + string.Concat(Enumerable.Repeat(Filler, 4)),
        ["escape"] = "Quote <script>alert('x')</script> & compare a < b for the zebracorn\nclause on a new line.",
        ["chinese-long"] = string.Concat(Enumerable.Repeat("客户关系管理系统上线以后，销售团队每周复盘一次商机。", 8)) + "跨部门协作让交付经理更早参与方案设计。" +
            string.Concat(Enumerable.Repeat("客户关系管理系统上线以后，销售团队每周复盘一次商机。", 8)),
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sa-snippets-{Guid.NewGuid():N}");
    private readonly SearchIndex _index;
    private readonly SearchService _search;

    public SnippetTests()
    {
        _index = new SearchIndex(_dir, SearchFields.CreateAnalyzer());
        _index.Apply(Texts.Select(t => new SearchDocument
        {
            Id = t.Key, Type = "CaseStudy", Title = $"Case {t.Key}", Url = $"/cases/{t.Key}", Culture = "en",
            DateUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Text = t.Value,
        }).ToList(), [], 1);
        _search = new SearchService(() => _index, () => GlossaryData.Empty, () => false);
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_dir, true);
    }

    private string Snippet(string query, string id) =>
        _search.Search(new SearchRequest { Query = query, PageSize = 50 }, SearchAudience.PublicOnly).Hits.Single(h => h.Id == id).Snippet;

    private static List<string> Marks(string snippet) => MarkPattern().Matches(snippet).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The snippet's text without marks, ellipses and escapes.</summary>
    private static string Plain(string snippet) => WebUtility.HtmlDecode(snippet.Replace("<mark>", "").Replace("</mark>", "")).Trim('…');

    [Fact]
    public void Chinese_and_English_words_of_one_text_are_marked_in_one_snippet()
    {
        var snippet = Snippet("铁三角 delivery", "mixed");
        Assert.Equal(["铁三角", "delivery"], Marks(snippet));
        // A short text is shown whole, without ellipses.
        Assert.Equal(Texts["mixed"], Plain(snippet));
        Assert.False(snippet.StartsWith('…') || snippet.EndsWith('…'), snippet);
    }

    [Fact]
    public void The_fragment_with_the_most_distinct_words_is_chosen_and_cut_at_word_boundaries()
    {
        var text = Texts["best-window"];
        var snippet = Snippet("delivery 交付 account", "best-window");
        // "Delivery" alone opens the text; the fragment near the end holds all three words.
        Assert.Equal(["delivery", "交付", "account"], Marks(snippet));
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        var plain = Plain(snippet);
        Assert.InRange(plain.Length, 100, 200);
        var at = text.IndexOf(plain, StringComparison.Ordinal);
        Assert.True(at > 0, $"not a piece of the text: {plain}");
        Assert.True(!char.IsLetter(text[at - 1]) && !char.IsLetter(text[at + plain.Length]), $"a word is cut: {plain}");
    }

    [Fact]
    public void Distinct_words_count_more_than_one_word_repeated()
    {
        Assert.Equal(["pipeline", "交付"], Marks(Snippet("pipeline 交付", "repeat")));
    }

    [Fact]
    public void A_phrase_is_marked_only_where_its_words_stand_together()
    {
        var snippet = Snippet("\"iron triangle\"", "phrase");
        Assert.Equal(["iron triangle"], Marks(snippet));
        // The same words as separate terms are marked wherever they are.
        Assert.Equal(["triangle"], Marks(Snippet("triangle", "phrase")));
    }

    [Fact]
    public void A_prefix_marks_the_words_it_stands_for()
    {
        Assert.Equal(["delivery"], Marks(Snippet("deliv*", "mixed")));
    }

    [Fact]
    public void Everything_but_the_marks_is_escaped_and_line_breaks_are_spaces()
    {
        var snippet = Snippet("zebracorn", "escape");
        Assert.Equal(["zebracorn"], Marks(snippet));
        Assert.Equal(2, snippet.Split('<').Length - 1); // <mark> and </mark>, nothing else
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.Contains("a &lt; b", snippet);
        Assert.DoesNotContain('\n', snippet);
        Assert.Equal(Texts["escape"].Replace('\n', ' '), Plain(snippet));
    }

    [Fact]
    public void Chinese_text_is_cut_after_punctuation_around_the_words()
    {
        var text = Texts["chinese-long"];
        var snippet = Snippet("跨部门 交付经理", "chinese-long");
        Assert.Equal(["跨部门", "交付经理"], Marks(snippet));
        var plain = Plain(snippet);
        var at = text.IndexOf(plain, StringComparison.Ordinal);
        Assert.True(at > 0 && "，。".Contains(text[at - 1]), $"not started after punctuation: {plain}");
        Assert.True("，。".Contains(plain[^1]), $"not ended with punctuation: {plain}");
        Assert.InRange(plain.Length, 100, 200);
    }

    [Fact]
    public void A_hit_on_its_title_alone_shows_the_start_of_its_text()
    {
        var hit = _search.Search(new SearchRequest { Query = "escape" }, SearchAudience.PublicOnly).Hits.Single();
        Assert.Equal("escape", hit.Id);
        Assert.Empty(Marks(hit.Snippet));
        Assert.StartsWith("Quote &lt;script&gt;", hit.Snippet);
    }

    [GeneratedRegex("<mark>(.*?)</mark>")]
    private static partial Regex MarkPattern();
}
