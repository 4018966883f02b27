using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Markdown.Services;

namespace SalesAcademy.Markdown.Tests;

/// <summary>Safe Markdown must survive sanitising intact.</summary>
public sealed class MarkdownRendererTests : IDisposable
{
    private readonly MarkdownRenderer _renderer = new();

    public void Dispose() => _renderer.Dispose();

    private IHtmlDocument Render(string markdown) =>
        new HtmlParser().ParseDocument("<!doctype html><html><body>" + _renderer.Render(markdown));

    [Fact]
    public void Headings_get_ids_including_non_ascii()
    {
        var doc = Render("# Hello World\n\n## 客户经理 ABC");
        Assert.Equal("hello-world", doc.QuerySelector("h1")!.Id);
        Assert.Equal("客户经理-abc", doc.QuerySelector("h2")!.Id);
    }

    [Fact]
    public void User_ids_and_classes_outside_markdig_output_are_dropped()
    {
        var doc = Render("<div id=\"location\" class=\"position-fixed top-0\">x</div>");
        var div = doc.QuerySelector("div")!;
        Assert.False(div.HasAttribute("id"));
        Assert.False(div.HasAttribute("class"));
    }

    [Fact]
    public void Pipe_tables_keep_structure_and_alignment()
    {
        var doc = Render("| a | b |\n|---|--:|\n| 1 | 2 |");
        Assert.Equal(2, doc.QuerySelectorAll("table thead th").Length);
        Assert.Equal(2, doc.QuerySelectorAll("table tbody td").Length);
        // Alignment as a class: the Content-Security-Policy refuses style attributes.
        Assert.Null(doc.QuerySelectorAll("th")[1].GetAttribute("style"));
        Assert.Contains("text-end", doc.QuerySelectorAll("th")[1].ClassList);
    }

    [Fact]
    public void Task_lists_render_disabled_checkboxes()
    {
        var doc = Render("- [x] done\n- [ ] todo");
        Assert.Equal("contains-task-list", doc.QuerySelector("ul")!.ClassName);
        var boxes = doc.QuerySelectorAll("li.task-list-item > input").Cast<IHtmlInputElement>().ToList();
        Assert.Equal(2, boxes.Count);
        Assert.All(boxes, b => Assert.Equal("checkbox", b.Type));
        Assert.All(boxes, b => Assert.True(b.IsDisabled));
        Assert.True(boxes[0].HasAttribute("checked"));
        Assert.False(boxes[1].HasAttribute("checked"));
    }

    [Fact]
    public void Footnotes_keep_ids_links_and_classes()
    {
        var doc = Render("Text[^1]\n\n[^1]: Note");
        var reference = doc.QuerySelector("a.footnote-ref")!;
        Assert.Equal("fnref:1", reference.Id);
        Assert.Equal("#fn:1", reference.GetAttribute("href"));
        Assert.Equal("fn:1", doc.QuerySelector("div.footnotes li")!.Id);
        Assert.Equal("#fnref:1", doc.QuerySelector("a.footnote-back-ref")!.GetAttribute("href"));
    }

    [Fact]
    public void Absolute_links_get_rel_relative_links_do_not()
    {
        var links = Render("[a](https://example.com) [b](http://example.com) [c](//example.com) [d](/lessons/1) [e](#x) [f](mailto:a@b.example)")
            .QuerySelectorAll("a").ToDictionary(a => a.TextContent);
        foreach (var k in new[] { "a", "b", "c" })
            Assert.Equal("nofollow noopener noreferrer", links[k].GetAttribute("rel"));
        Assert.Null(links["d"].GetAttribute("rel"));
        Assert.Null(links["e"].GetAttribute("rel"));
        Assert.Equal("/lessons/1", links["d"].GetAttribute("href"));
        Assert.Equal("mailto:a@b.example", links["f"].GetAttribute("href"));
    }

    [Fact]
    public void Code_blocks_keep_language_class()
    {
        var doc = Render("```cs\nvar x = 1;\n```");
        Assert.Equal("language-cs", doc.QuerySelector("pre > code")!.ClassName);
        Assert.Equal("var x = 1;\n", doc.QuerySelector("code")!.TextContent);
    }

    [Fact]
    public void Ordered_list_start_and_emphasis_extras_survive()
    {
        var doc = Render("3. a\n4. b\n\n~~del~~ ==mark== ++ins++ H~2~O x^2^");
        Assert.Equal("3", doc.QuerySelector("ol")!.GetAttribute("start"));
        foreach (var tag in new[] { "del", "mark", "ins", "sub", "sup" })
            Assert.NotNull(doc.QuerySelector(tag));
    }

    [Fact]
    public void RenderCached_returns_cached_html_for_same_key()
    {
        var first = _renderer.RenderCached("v1:body", "# One");
        // Same key, different markdown: the cached result wins (versions are immutable).
        Assert.Same(first, _renderer.RenderCached("v1:body", "# Two"));
        Assert.Contains("Two", _renderer.RenderCached("v2:body", "# Two"));
    }

    [Fact]
    public void Module_registers_renderer_as_singleton()
    {
        var services = new ServiceCollection();
        new MarkdownModule().ConfigureServices(services, null!);
        using var sp = services.BuildServiceProvider();
        Assert.Same(sp.GetRequiredService<IMarkdownRenderer>(), sp.GetRequiredService<IMarkdownRenderer>());
    }
}
