using AngleSharp.Dom;
using Ganss.Xss;
using Microsoft.Extensions.Caching.Memory;

namespace SalesAcademy.Markdown.Services;

public sealed class MarkdownRenderer : IMarkdownRenderer, IDisposable
{
    private const long CacheSizeLimitChars = 64L * 1024 * 1024;

    // Only classes Markdig emits (plus language-*); arbitrary user classes could restyle the portal (UI redressing).
    private static readonly HashSet<string> AllowedClasses = new(StringComparer.Ordinal)
    {
        "contains-task-list", "task-list-item", "task-list-item-checkbox",
        "footnotes", "footnote-ref", "footnote-back-ref",
    };

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheSizeLimitChars });

    public string Render(string markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return string.Empty;
        var html = Markdig.Markdown.ToHtml(markdown, MarkdownPipelines.Portal);
        return Sanitizer.Sanitize(html);
    }

    public string RenderCached(string cacheKey, string markdown)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheKey);
        // Keys identify immutable content versions, so entries never need invalidation; size bounds memory.
        return _cache.GetOrCreate(cacheKey, entry =>
        {
            var html = Render(markdown);
            entry.Size = Math.Max(1, html.Length);
            return html;
        })!;
    }

    public void Dispose() => _cache.Dispose();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
                "details", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input",
                "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
                "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "id", "class", "start", "type", "checked", "disabled",
                "colspan", "rowspan", "align", "style", "width", "height", "open",
            },
            // style is only for Markdig's table alignment (style="text-align: …"); it becomes a class after sanitising,
            // as the Content-Security-Policy refuses style attributes.
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "text-align" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "action", "formaction", "background", "cite", "longdesc", "poster", "xlink:href",
            },
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement el) return;
            FilterClasses(el);
            AlignmentToClass(el);
            // ids only where Markdig generates them (headings, footnotes): limits DOM clobbering of page globals.
            if (el.GetAttribute("id") is { } id && !IsMarkdigId(el, id)) el.RemoveAttribute("id");
            switch (el.LocalName)
            {
                // input is allowed only as Markdig's read-only task-list checkbox.
                case "input" when !string.Equals(el.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase):
                    el.Remove();
                    break;
                case "input":
                    el.SetAttribute("disabled", "disabled");
                    break;
                case "a" when IsAbsolute(el.GetAttribute("href")):
                    el.SetAttribute("rel", "nofollow noopener noreferrer");
                    break;
            }
        };
        return sanitizer;
    }

    private static void AlignmentToClass(IElement el)
    {
        if (el.GetAttribute("style") is not { } style) return;
        el.RemoveAttribute("style");
        var align = style.Split(':', 2) is [var property, var value] && property.Trim().Equals("text-align", StringComparison.OrdinalIgnoreCase)
            ? value.Trim().TrimEnd(';').Trim().ToLowerInvariant() switch { "left" => "text-start", "right" => "text-end", "center" => "text-center", _ => null }
            : null;
        if (align is not null) el.ClassList.Add(align);
    }

    private static void FilterClasses(IElement el)
    {
        var cls = el.GetAttribute("class");
        if (cls is null) return;
        var kept = cls.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(c => AllowedClasses.Contains(c) || (c.StartsWith("language-", StringComparison.Ordinal) && c.Length > 9))
            .ToArray();
        if (kept.Length == 0) el.RemoveAttribute("class");
        else el.SetAttribute("class", string.Join(' ', kept));
    }

    private static bool IsMarkdigId(IElement el, string id) =>
        el.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6"
        || id.StartsWith("fn:", StringComparison.Ordinal) || id.StartsWith("fnref:", StringComparison.Ordinal);

    // Scheme-bearing or protocol-relative URLs leave the site; fragments and relative paths stay internal.
    private static bool IsAbsolute(string? href) =>
        href is not null && (href.StartsWith("//", StringComparison.Ordinal)
                         || (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out _))); // "/x" parses as file:///x on Unix
}
