using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SalesAcademy.Portal.Tests.Support;

/// <summary>A fetched page: the response, its raw HTML and the parsed document.</summary>
public sealed record PortalPage(HttpResponseMessage Response, string Html, IHtmlDocument Document)
{
    public HttpStatusCode Status => Response.StatusCode;
    public IElement? One(string selector) => Document.QuerySelector(selector);
    public IElement Single(string selector)
    {
        var all = Document.QuerySelectorAll(selector);
        Assert.True(all.Length == 1, $"Expected exactly one '{selector}' on {Response.RequestMessage?.RequestUri}, found {all.Length}.");
        return all[0];
    }
    public IReadOnlyList<IElement> All(string selector) => Document.QuerySelectorAll(selector).ToList();
}

public static partial class PortalHtml
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>GETs a page with the given Accept-Language (none when null) and parses it.</summary>
    public static async Task<PortalPage> GetPageAsync(this HttpClient client, string url, string? language = "en",
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null) request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"GET {url} ({language ?? "no Accept-Language"}): expected {(int)expected}, got {(int)response.StatusCode}.\n{Excerpt(html)}");
        return new PortalPage(response, html, Parse(html));
    }

    /// <summary>Text content with whitespace runs collapsed to one space, trimmed.</summary>
    public static string Clean(this INode node) => Whitespace().Replace(node.TextContent, " ").Trim();

    public static IReadOnlyList<string> Texts(this IEnumerable<IElement> elements) => elements.Select(e => e.Clean()).ToList();

    /// <summary>The hrefs of the links inside an element.</summary>
    public static IReadOnlyList<string> Hrefs(this IElement element, string selector = "a[href]") =>
        element.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")!).ToList();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static string Excerpt(string html) => html.Length <= 2000 ? html : html[..2000] + "…";
}
