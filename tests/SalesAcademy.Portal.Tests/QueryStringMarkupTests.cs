using Xunit.Abstractions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Security;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Markup sent through every query parameter of every page never comes back unencoded (reflected XSS, issue 12
/// finding 1). The pages, their GET handlers and the parameters they bind are read from the running portal, so a
/// page or parameter added later is walked too; route values are real ids, so the pages render their content.
/// </summary>
public sealed class QueryStringMarkupTests(SqlitePortal portal, ITestOutputHelper output) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task No_query_parameter_of_any_page_reflects_markup()
    {
        var pages = await PortalEndpoints.PagesAsync(portal.Factory.Services);
        var samples = await SiteSamples.ArrangeAsync(portal.Factory);
        // A guard against a discovery that silently finds nothing.
        Assert.True(pages.Count > 40, $"Only {pages.Count} pages found.");
        Assert.Contains(pages, p => p.Route == "/studio" && p.QueryParameters.Contains("message"));
        Assert.Contains(pages, p => p.Route == "/studio/edit/{id?}" && p.QueryParameters.Contains("saved"));

        using var admin = await TestUsers.SignedInAsync(portal.Factory, TestUsers.AdminEmail, TestUsers.AdminPassword);
        using var anonymous = new Browser(portal.Factory);
        var problems = new List<string>();
        var requests = 0;
        foreach (var page in pages)
        {
            if (!samples.Paths.TryGetValue(page.Route, out var paths))
            {
                if (page.RouteParameters.Count > 0) { problems.Add($"{page.Route}: no sample path (add one to SiteSamples)"); continue; }
                paths = [page.Route];
            }
            foreach (var path in paths)
            foreach (var handler in page.GetHandlers)
            foreach (var parameter in page.QueryParameters.DefaultIfEmpty(""))
            foreach (var payload in XssPayloads.QueryString)
            {
                var query = new List<string>();
                if (handler.Length > 0) query.Add("handler=" + handler);
                if (parameter.Length > 0) query.Add($"{parameter}={Uri.EscapeDataString(payload)}");
                var url = query.Count == 0 ? path : path + (path.Contains('?') ? "&" : "?") + string.Join("&", query);
                foreach (var (who, browser) in new[] { ("administrator", admin), ("anonymous", anonymous) })
                {
                    requests++;
                    var response = await browser.GetAsync(url);
                    var html = await response.Content.ReadAsStringAsync();
                    if (XssPayloads.FindReflection(html, payload) is { } found) problems.Add($"{url} as {who} ({(int)response.StatusCode}): {found}");
                }
                if (parameter.Length == 0) break;
            }
        }
        Assert.True(requests > 200, $"Only {requests} requests were made.");
        Assert.True(problems.Count == 0, $"{problems.Count} reflection(s):\n" + string.Join("\n", problems.Distinct().Take(60)));
    }

    /// <summary>
    /// Localized texts with arguments are formatted (issue 14: titles read "New {0}", quiz facts "{0} 分钟"): every page,
    /// in both languages, for each kind of reader, shows no "{0}" in its text or in its attributes.
    /// </summary>
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task No_page_shows_an_unfilled_placeholder(string language)
    {
        var pages = await PortalEndpoints.PagesAsync(portal.Factory.Services);
        var samples = await SiteSamples.ArrangeAsync(portal.Factory);
        var readers = new List<(string Who, Browser Browser)> { ("anonymous", new Browser(portal.Factory, language)) };
        try
        {
            readers.Add(("administrator", await TestUsers.SignedInAsync(portal.Factory, TestUsers.AdminEmail, TestUsers.AdminPassword, language)));
            foreach (var role in new[] { PortalRoles.Rep, PortalRoles.Trainer })
                readers.Add((role, await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, role), language: language)));
            var problems = new List<string>();
            var pagesRead = 0;
            foreach (var page in pages)
            foreach (var path in samples.Paths.TryGetValue(page.Route, out var paths) ? paths : page.RouteParameters.Count == 0 ? [page.Route] : [])
            foreach (var (who, browser) in readers)
            {
                var response = await browser.GetAsync(path);
                if (response.StatusCode != System.Net.HttpStatusCode.OK) continue;
                pagesRead++;
                var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
                var texts = new[] { document.Title ?? "", document.Body?.TextContent ?? "" }
                    .Concat(document.All.SelectMany(e => e.Attributes).Where(a => a.Name is "title" or "aria-label" or "placeholder" or "alt" or "value").Select(a => a.Value));
                foreach (var text in texts)
                    if (System.Text.RegularExpressions.Regex.Match(text, @"\{\d+(?:[,:][^{}]*)?\}") is { Success: true } m)
                        problems.Add($"{path} as {who} [{language}]: …{text[Math.Max(0, m.Index - 30)..Math.Min(text.Length, m.Index + m.Length + 30)].Trim()}…");
            }
            output.WriteLine($"{pagesRead} page views read in {language} ({readers.Count} kinds of reader), {problems.Count} unfilled placeholders");
            Assert.True(pagesRead > 100, $"Only {pagesRead} pages were read.");
            Assert.True(problems.Count == 0, $"{problems.Count} unfilled placeholder(s):\n" + string.Join("\n", problems.Distinct().Take(60)));
        }
        finally
        {
            foreach (var (_, browser) in readers) browser.Dispose();
        }
    }

    [Fact]
    public async Task The_discovery_finds_handler_parameters_and_properties_bound_on_get()
    {
        var pages = await PortalEndpoints.PagesAsync(portal.Factory.Services);
        var edit = Assert.Single(pages, p => p.Route == "/studio/edit/{id?}");
        Assert.Contains("type", edit.QueryParameters, StringComparer.OrdinalIgnoreCase);   // [BindProperty(SupportsGet = true)]
        Assert.Contains("saved", edit.QueryParameters);                                     // OnGetAsync(string? id, string? saved)
        Assert.DoesNotContain("id", edit.QueryParameters);                                  // a route value
        Assert.DoesNotContain("body", edit.QueryParameters, StringComparer.OrdinalIgnoreCase); // [BindProperty] without SupportsGet
    }
}
