using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Portal.Tests;

/// <summary>A real browser (Debian's Chromium, driven by Playwright) against the portal on a loopback socket.</summary>
public sealed class BrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    private Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(string locale) => Chromium.OpenAsync(portal.Factory, locale);

    [Fact]
    public async Task A_reader_opens_a_case_from_the_list_and_switches_to_English()
    {
        var huawei = SeedContent.BySlug(SeedContent.CaseStudy, "huawei-iron-triangle");
        var (context, page, problems) = await OpenAsync("zh-CN");
        await using var _ = context;

        // The case list, in Chinese (the browser asks for zh-CN).
        await page.GotoAsync("/cases");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("main article.card")).ToHaveCountAsync(SeedContent.OfType(SeedContent.CaseStudy).Count);
        await Expect(page.Locator("link[href*='bootstrap']")).ToHaveCountAsync(1);
        await Chromium.ScreenshotAsync(page, "cases-list.png");

        // Click the Huawei card's link.
        var card = page.Locator("main article.card").Filter(new() { HasText = huawei.Title });
        await card.GetByRole(AriaRole.Link, new() { Name = huawei.Title }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(huawei.Url) + "$"));

        // Title and deal facts are visible.
        var h1 = page.Locator("main h1");
        await Expect(h1).ToBeVisibleAsync();
        await Expect(h1).ToHaveTextAsync(huawei.Title);
        var facts = page.Locator("main aside");
        await Expect(facts).ToBeVisibleAsync();
        await Expect(facts.Locator("dd").First).ToHaveTextAsync(huawei.Text("company"));
        await Expect(facts.Locator(".sa-outcome-won")).ToHaveTextAsync("赢单");
        await Expect(page.Locator("main .sa-body table")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "case-page.png");

        // The language switch: a link to /culture, back to the same page, in English.
        await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(huawei.Url) + "$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("header nav .navbar-nav a[href='/cases']")).ToHaveTextAsync("Cases");
        await Expect(page.Locator("header nav .navbar-nav a[href='/cases']")).ToBeVisibleAsync();
        await Expect(facts.Locator(".sa-outcome-won")).ToHaveTextAsync("Won");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true })).ToHaveAttributeAsync("aria-current", "true");
        await Expect(h1).ToHaveTextAsync(huawei.Title); // content stays in its own language
        await Chromium.ScreenshotAsync(page, "case-page-en.png");

        // The choice sticks (cookie) even though the browser still asks for zh-CN.
        await page.GotoAsync("/drills");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_focus_to_main()
    {
        var (context, page, problems) = await OpenAsync("en");
        await using var _ = context;
        await page.GotoAsync("/playbooks/collaborative-sales-process");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync(); // visually hidden until focused
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#main$"));

        await Chromium.ScreenshotAsync(page, "playbook-page.png");
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task A_trainer_writes_a_case_with_the_live_preview_publishes_it_and_a_rep_reads_it()
    {
        var trainerEmail = await TestUsers.CreateAsync(portal.Factory, SalesAcademy.Core.Security.PortalRoles.Trainer, "Tina Trainer");
        var repEmail = await TestUsers.CreateAsync(portal.Factory, SalesAcademy.Core.Security.PortalRoles.Rep, "Ray Rep");
        var slug = "browser-" + Guid.NewGuid().ToString("N")[..8];
        var (context, page, problems) = await OpenAsync("zh-CN");
        await using var _ = context;
        await Chromium.SignInAsync(page, trainerEmail);

        await page.GotoAsync("/studio/edit?type=CaseStudy");
        await page.FillAsync("#f-title", "城商行核心系统：铁三角如何赢得信任");
        await page.FillAsync("#f-summary", "How an iron triangle won a city bank's core-system renewal.");
        await page.FillAsync("#f-slug", slug);
        await page.FillAsync("#f-company", "某城商行");
        await page.SelectOptionAsync("#f-industry", "finance");
        await page.SelectOptionAsync("#f-dealsize", "large");
        await page.SelectOptionAsync("#f-outcome", "won");
        await page.CheckAsync("#role-AccountManager");
        await page.CheckAsync("#role-DeliveryManager");
        await page.CheckAsync("#tag-iron-triangle");
        await page.FillAsync("#f-lessons", "交付经理在售前就参与评估\n客户只听到一个声音");
        await page.FillAsync("#body", "## 背景\n\n客户担心**交付风险**。<script>alert(1)</script>\n\n- 第一次拜访三人同行");
        // The server renders the preview through the sanitised pipeline while the trainer types.
        await Expect(page.Locator("#preview strong")).ToHaveTextAsync("交付风险");
        Assert.Equal(0, await page.Locator("#preview script").CountAsync());
        await Chromium.ScreenshotAsync(page, "studio-editor-preview.png");

        await page.ClickAsync("button:has-text('保存草稿')");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("草稿已保存");
        await page.ClickAsync("button:has-text('发布版本 1')");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("已发布");

        // A second version, then the side-by-side diff of the two.
        await page.FillAsync("#f-title", "城商行核心系统：铁三角如何赢得客户信任");
        await page.ClickAsync("button:has-text('保存草稿')");
        await page.ClickAsync("a:has-text('版本历史')");
        await Expect(page.Locator(".sa-diff-changed .sa-diff-right").First).ToContainTextAsync("赢得客户信任");
        await Chromium.ScreenshotAsync(page, "studio-version-diff.png");

        var (repContext, repPage, repProblems) = await OpenAsync("zh-CN");
        await using var __ = repContext;
        await Chromium.SignInAsync(repPage, repEmail);
        await repPage.GotoAsync($"/cases/{slug}");
        await Expect(repPage.Locator("h1")).ToHaveTextAsync("城商行核心系统：铁三角如何赢得信任"); // the published version, not the newer draft
        await Expect(repPage.Locator(".sa-body strong")).ToHaveTextAsync("交付风险");
        Assert.True(problems.Count == 0 && repProblems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems.Concat(repProblems)));

        // The other browser tests share this portal and count the seed cases: take this one away again.
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<SalesAcademy.Content.Services.ContentManager>();
        var written = (await manager.ListLatestAsync("CaseStudy")).Single(i => i.Slug == slug);
        await manager.DeleteAsync(written.ContentItemId, "test");
    }
}
