using AngleSharp.Html.Parser;

namespace SalesAcademy.Testing;

/// <summary>
/// Hostile Markdown (links and images with dangerous schemes, raw HTML, entity tricks, autolinks, attribute
/// break-outs, comments hiding tags, payloads in the portal's extensions) and the check that rendered HTML is inert.
/// Used by the Markdown renderer's tests and by every feature that renders user Markdown (comments).
/// </summary>
public static class XssPayloads
{
    private static readonly string[] ForbiddenElements =
    [
        "script", "iframe", "object", "embed", "svg", "math", "style", "form", "base", "meta", "link",
        "frame", "frameset", "applet", "template", "noscript", "button", "textarea", "select",
    ];

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcset"];

    public static IReadOnlyList<string> Markdown { get; } =
    [
        // Markdown links/images with dangerous schemes.
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](<javascript:alert(1)>)",
        "[x](  javascript:alert(1)  )",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](vbscript:msgbox(1))",
        // Reference-style.
        "[x][1]\n\n[1]: javascript:alert(1)",
        "![x][1]\n\n[1]: data:text/html,<script>alert(1)</script>",
        "[x][1]\n\n[1]: <vbscript:msgbox(1)> \"t\"",
        // Entity-encoded schemes.
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](javas&#99;ript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#x01;javascript:alert(1)\">x</a>",
        "<a href=\"  JAVASCRIPT:alert(1)\">x</a>",
        // Raw HTML.
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<ScRiPt src=https://evil.example/x.js></sCrIpT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=javascript:alert(1)>",
        "<img src=x onerror=alert(1)//",
        "<img src=\"x\" style=\"background:url(javascript:alert(1))\">",
        "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "<a href=javascript:alert(1)>x</a>",
        "<a xlink:href=\"javascript:alert(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "<body onload=alert(1)>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><input type=submit></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<input type=\"image\" src=\"x\" onerror=\"alert(1)\">",
        "<input onfocus=alert(1) autofocus>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"https://evil.example/x.css\">",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        // Autolinks.
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,alert(1)>",
        // Titles breaking out of the attribute.
        "[x](https://ok.example \"a\\\" onmouseover=\\\"alert(1)\")",
        "[x](https://ok.example 'a\" onmouseover=\"alert(1)')",
        "![x](https://ok.example/i.png \"\\\"><img src=x onerror=alert(1)>\")",
        // Comments hiding tags.
        "<!-- <script>alert(1)</script> -->",
        "<!--><img src=x onerror=alert(1)>-->",
        "<!-- --!><img src=x onerror=alert(1)>",
        // Payloads inside portal extensions.
        "- [ ] <img src=x onerror=alert(1)>\n- [x] [y](javascript:alert(1))",
        "a[^1]\n\n[^1]: <script>alert(1)</script>[z](javascript:alert(1))",
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    ];

    public static Xunit.TheoryData<string> MarkdownTheoryData()
    {
        var data = new Xunit.TheoryData<string>();
        foreach (var payload in Markdown) data.Add(payload);
        return data;
    }

    /// <summary>Markup and a script URL to send through query parameters: each must come back encoded or not at all.</summary>
    public static IReadOnlyList<string> QueryString { get; } =
    [
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "\"><script>alert(1)</script>",
        "javascript:alert(1)",
    ];

    /// <summary>
    /// Describes how a whole page reflects <paramref name="payload"/> (the raw text, an event-handler attribute, a
    /// script calling alert, a script URL), or null. The portal's own markup has none of these.
    /// </summary>
    public static string? FindReflection(string html, string payload)
    {
        if (payload.Contains('<') && html.Contains(payload, StringComparison.Ordinal)) return $"the payload {payload} is in the page unencoded";
        var doc = new HtmlParser().ParseDocument(html);
        foreach (var el in doc.All)
        {
            if (el.LocalName == "script" && el.TextContent.Contains("alert(", StringComparison.Ordinal)) return $"a script calls alert: {el.OuterHtml}";
            foreach (var attr in el.Attributes)
            {
                if (attr.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) return $"<{el.LocalName} {attr.Name}=\"{attr.Value}\">";
                if ((UrlAttributes.Contains(attr.Name.ToLowerInvariant()) || attr.LocalName == "href") && IsDangerousUrl(attr.Value))
                    return $"<{el.LocalName} {attr.Name}=\"{attr.Value}\">";
            }
        }
        return null;
    }

    /// <summary>Parses <paramref name="html"/> like a browser and describes the first dangerous construct, or null.</summary>
    public static string? FindViolation(string html)
    {
        var doc = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html);
        foreach (var el in doc.All)
        {
            if (ForbiddenElements.Contains(el.LocalName)) return $"<{el.LocalName}> survived: {html}";
            if (el.LocalName == "input" && el.GetAttribute("type") != "checkbox") return $"non-checkbox input survived: {html}";
            foreach (var attr in el.Attributes)
            {
                var name = attr.Name.ToLowerInvariant();
                if (name.StartsWith("on")) return $"{attr.Name} survived: {html}";
                if ((UrlAttributes.Contains(name) || attr.LocalName == "href") && IsDangerousUrl(attr.Value))
                    return $"{attr.Name}=\"{attr.Value}\" survived: {html}";
                if (name == "style" && attr.Value.Contains("url(", StringComparison.OrdinalIgnoreCase))
                    return $"style with url() survived: {html}";
            }
        }
        return null;
    }

    private static bool IsDangerousUrl(string value)
    {
        // Browsers ignore whitespace/control characters inside the scheme.
        var v = new string(value.Trim().ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        return v.StartsWith("javascript:") || v.StartsWith("vbscript:") || v.StartsWith("data:");
    }
}
