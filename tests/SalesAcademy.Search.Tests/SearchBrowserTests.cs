using Microsoft.Playwright;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Search.Tests;

/// <summary>/search in a real browser (Debian's Chromium via Playwright), in Chinese and in English, with screenshots.</summary>
public sealed class SearchBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    private async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(string locale)
    {
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, locale);
        // The index is built in the background at start: wait for it before the first search.
        await WaitForIndexAsync();
        return (context, page, problems);
    }

    private async Task WaitForIndexAsync()
    {
        var host = (Services.SearchIndexHost)portal.Factory.Services.GetService(typeof(Services.SearchIndexHost))!;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (host.Status.State != "ready" || host.Index is null || host.Index.DocumentCount == 0)
        {
            Assert.True(DateTime.UtcNow < until, "the search index never got ready");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_Chinese_reader_types_a_query_sees_suggestions_highlights_and_facets_and_filters_by_type()
    {
        var (context, page, problems) = await OpenAsync("zh-CN");
        await using var _ = context;
        await page.GotoAsync("/search");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        // Type-ahead (htmx): titles and tags as the reader types.
        await page.Locator("#search-q").PressSequentiallyAsync("铁三", new() { Delay = 50 });
        var suggestions = page.Locator("#search-suggestions a");
        await Expect(suggestions.First).ToBeVisibleAsync();
        await Expect(page.Locator("#search-suggestions")).ToContainTextAsync("铁三角角色扮演");
        await Chromium.ScreenshotAsync(page, "search-suggest-zh.png");

        await page.Locator("#search-q").FillAsync("铁三角 交付");
        await page.Locator("#search-q").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/search\?q="));
        await Expect(page.Locator("#search-total")).ToContainTextAsync("搜索结果");
        await Expect(page.Locator(".sa-snippet mark").First).ToBeVisibleAsync();
        await Expect(page.Locator(".sa-snippet mark").Filter(new() { HasText = "铁三角" }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".sa-facet[data-facet='type']")).ToContainTextAsync("演练");
        await Chromium.ScreenshotAsync(page, "search-zh.png");

        // A facet narrows the results.
        await page.Locator(".sa-facet[data-facet='type'] a[data-value='Drill']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]type=Drill"));
        var results = page.Locator(".sa-search-results > li");
        await Expect(results.First).ToBeVisibleAsync();
        Assert.All(await results.Locator("a").AllAsync(), link => Assert.StartsWith("/drills/", link.GetAttributeAsync("href").Result));
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task A_300_character_query_in_the_admin_list_of_searches_that_found_nothing_does_not_widen_the_page()
    {
        var trainer = await TestUsers.CreateAsync(portal.Factory, SalesAcademy.Core.Security.PortalRoles.Trainer);
        var (context, page, problems) = await OpenAsync("zh-CN");
        await using var _ = context;
        await Chromium.SignInAsync(page, trainer);
        // One word of 300 letters (nothing to break it at), searched and found nothing: it is listed on /admin/search.
        var query = "q" + string.Concat(Enumerable.Repeat("longword", 37)) + Guid.NewGuid().ToString("N")[..3];
        Assert.Equal(300, query.Length);
        await page.GotoAsync("/search?q=" + query);
        await Expect(page.Locator("#search-total")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/search");
        await Expect(page.Locator(".sa-logged-query", new() { HasText = query })).ToBeVisibleAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide in a {widths[1]} px window");
        await Chromium.ScreenshotAsync(page, "admin-search-long-query.png");
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task An_English_reader_searches_English_words_and_finds_Chinese_items_through_the_glossary()
    {
        var (context, page, problems) = await OpenAsync("en");
        await using var _ = context;
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("iron triangle"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#search-total")).ToContainTextAsync("results for");
        // The glossary finds the Chinese case; its snippet marks the Chinese term.
        await Expect(page.Locator(".sa-search-results a[href='/cases/huawei-iron-triangle']")).ToBeVisibleAsync();
        await Expect(page.Locator(".sa-snippet mark").Filter(new() { HasText = "铁三角" }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".sa-facet[data-facet='tag']")).ToContainTextAsync("Iron triangle");
        await Expect(page.Locator(".sa-facet[data-facet='type']")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "search-en.png");

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("information silos CRM"));
        await Expect(page.Locator(".sa-snippet mark").Filter(new() { HasText = "CRM" }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".sa-facet[data-facet='culture']")).ToContainTextAsync("English");
        await Chromium.ScreenshotAsync(page, "search-en-crm.png");
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }
}
