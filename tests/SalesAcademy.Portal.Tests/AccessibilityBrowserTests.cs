using Xunit.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesAcademy.Core.Security;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Layout, phone and accessibility in a real browser: axe-core's WCAG 2.1 A/AA rules over the main pages in both
/// languages (anonymous and signed in), the header on one line at 1280 px, and a phone (390×844) that needs no
/// horizontal scrolling, a collapsed menu, RACI cards and touch targets of 44 px.
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserPortal portal, ITestOutputHelper output) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    private const string Playbook = "/playbooks/collaborative-sales-process";
    private const string Quiz = "/quizzes/iron-triangle-basics";

    /// <summary>The reading pages (the site allows anonymous reading), then those that need an account.</summary>
    private static readonly string[] ReaderPages =
    [
        "/", "/cases", "/cases/huawei-iron-triangle", "/playbooks", Playbook, "/drills", "/drills/iron-triangle-role-play",
        "/search?q=" + Uri.EscapeDataString("铁三角"), "/quizzes", Quiz,
    ];
    private static readonly string[] AccountPages = ["/daily-review", "/account/profile", "/studio", "/admin/users", "/retros"];

    /// <summary>
    /// Where an anonymous reader's page differs from a signed-in one beyond the header (sign-in prompts instead of
    /// actions): the home page, a case, a quiz and the sign-in form. Every other template is checked signed in, with the
    /// fuller header: checking each template twice made this the slowest test of the suite.
    /// </summary>
    private static readonly string[] AnonymousPages = ["/", "/cases/huawei-iron-triangle", Quiz, "/account/login"];


    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Axe_finds_no_WCAG_2_1_A_or_AA_violation_on_the_main_pages(string locale)
    {
        var teamPage = await TeamPageAsync();
        var violations = new List<string>();
        var checkedPages = 0;

        var (anonymous, page, _) = await Chromium.OpenAsync(portal.Factory, locale);
        await using (anonymous)
        {
            foreach (var url in AnonymousPages)
            {
                violations.AddRange(await AxeAsync(page, url, "anonymous"));
                checkedPages++;
            }
        }

        var (signedIn, adminPage, _) = await Chromium.OpenAsync(portal.Factory, locale);
        await using (signedIn)
        {
            await Chromium.SignInAsync(adminPage, TestUsers.AdminEmail, TestUsers.AdminPassword);
            foreach (var url in ReaderPages.Concat(AccountPages).Append(teamPage))
            {
                violations.AddRange(await AxeAsync(adminPage, url, "administrator"));
                checkedPages++;
            }
        }

        output.WriteLine($"axe checked {checkedPages} pages in {locale}: {violations.Count} violating nodes");
        Assert.True(checkedPages >= 20, $"only {checkedPages} pages checked");
        Assert.True(violations.Count == 0, $"axe found {violations.Count} violation(s) ({locale}):\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task The_axe_check_reports_what_it_finds_with_the_rule_and_the_element()
    {
        var (context, page, _) = await Chromium.OpenAsync(portal.Factory, "en");
        await using var _ = context;
        // The portal's own page, then two violations put into it: an image without text, a field without a label.
        await page.GotoAsync("/playbooks");
        await Expect(page.Locator("main#main")).ToBeVisibleAsync();
        Assert.Empty(await Axe.ViolationsAsync(page, "playbooks"));
        await page.EvaluateAsync("""
            () => document.querySelector('main').insertAdjacentHTML('beforeend',
              '<img id="no-alt" src="/favicon.ico"><input id="no-label" type="text">')
            """);

        var violations = await Axe.ViolationsAsync(page, "playbooks");
        Assert.Contains("playbooks · image-alt · #no-alt", violations);
        Assert.Contains("playbooks · label · #no-label", violations);
    }

    [Theory]
    [InlineData("zh-CN", PortalRoles.Trainer)]
    [InlineData("en", PortalRoles.Trainer)]
    [InlineData("zh-CN", PortalRoles.Administrator)]
    [InlineData("en", PortalRoles.Administrator)]
    public async Task The_header_is_one_line_at_1280_px_with_every_menu(string locale, string role)
    {
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, locale);
        await using var _ = context;
        await page.SetViewportSizeAsync(1280, 800);
        if (role == PortalRoles.Administrator) await Chromium.SignInAsync(page, TestUsers.AdminEmail, TestUsers.AdminPassword);
        else await Chromium.SignInAsync(page, await TestUsers.CreateAsync(portal.Factory, role, "Tina Trainer"));

        await page.GotoAsync(Playbook);
        var studio = page.Locator("header a.nav-link[href='/studio']");
        await Expect(studio).ToBeVisibleAsync(); // the menus of a trainer, not a reader's
        await Expect(page.Locator("header .navbar-toggler")).ToBeHiddenAsync();

        var header = await page.EvaluateAsync<HeaderBox>("""
            () => {
              const nav = document.querySelector('header nav');
              const items = [...nav.querySelectorAll('.navbar-brand, .nav-link, [hreflang]')].filter(e => e.offsetParent !== null);
              const boxes = items.map(e => e.getBoundingClientRect());
              return {
                height: nav.getBoundingClientRect().height,
                items: items.length,
                tallest: Math.max(...boxes.map(b => b.height)),
                topSpread: Math.max(...boxes.map(b => b.top + b.height / 2)) - Math.min(...boxes.map(b => b.top + b.height / 2)),
                right: Math.max(...boxes.map(b => b.right)),
                width: window.innerWidth,
              };
            }
            """);
        Assert.True(header.Items >= 12, $"only {header.Items} header items visible");
        // One line: the navbar is as tall as one row of links (56 px), no link is two lines high, and all share one middle line.
        Assert.True(header.Height <= 64, $"header is {header.Height} px high ({locale}, {role})");
        Assert.True(header.Tallest <= 44, $"a header item is {header.Tallest} px high: its text wrapped ({locale}, {role})");
        Assert.True(header.TopSpread <= 6, $"header items are not on one line (their middles spread over {header.TopSpread} px) ({locale}, {role})");
        Assert.True(header.Right <= header.Width, $"the header runs to {header.Right} px of {header.Width} ({locale}, {role})");
        await Chromium.ScreenshotAsync(page, $"header-1280-{role}-{locale}.png");
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task On_a_phone_the_menu_collapses_the_RACI_shows_one_card_per_stage_and_nothing_scrolls_sideways(string locale)
    {
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, locale);
        await using var _ = context;
        await page.SetViewportSizeAsync(390, 844);
        await Chromium.SignInAsync(page, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep, "Ray Rep"));

        await page.GotoAsync(Playbook);
        var stages = SeedContent.BySlug(SeedContent.Playbook, "collaborative-sales-process");
        var cards = page.Locator("main .sa-raci-cards > li");
        await Expect(cards.First).ToBeVisibleAsync();
        await Expect(page.Locator("main table.sa-raci")).ToBeHiddenAsync();
        Assert.True(await cards.CountAsync() >= 3, "one card per stage");
        Assert.Equal(await page.Locator("main ol.list-unstyled > li[id^='stage-']").CountAsync(), await cards.CountAsync());
        // Each role of a stage with its R/A/C/I, labelled in the reader's language.
        var first = cards.First;
        await Expect(first.Locator("dt").First).ToBeVisibleAsync();
        await Expect(first.Locator(".raci-letter").First).ToHaveTextAsync(locale == "en"
            ? new System.Text.RegularExpressions.Regex("^(Responsible|Accountable|Consulted|Informed)")
            : new System.Text.RegularExpressions.Regex("^(执行|负责|咨询|知会)"));
        await AssertNoSidewaysScrollAsync(page);
        await Chromium.ScreenshotAsync(page, $"playbook-phone-{locale}.png");

        // The menu is one button; its links open without any inline script (the CSP allows none).
        var toggler = page.Locator("header .navbar-toggler");
        await Expect(toggler).ToBeVisibleAsync();
        var cases = page.Locator("header a.nav-link[href='/cases']");
        await Expect(cases).ToBeHiddenAsync();
        await toggler.ClickAsync();
        await Expect(cases).ToBeVisibleAsync();
        await Expect(toggler).ToHaveAttributeAsync("aria-expanded", "true");
        await AssertTouchTargetsAsync(page, "header .navbar-toggler, header .nav-link, header [hreflang]");
        await AssertNoSidewaysScrollAsync(page);

        // Actions and answers are at least 44 px high: tag chips, pagination, buttons, a quiz's answer rows.
        await page.GotoAsync("/cases");
        await AssertTouchTargetsAsync(page, "main a.sa-tag, main .page-link, main .btn");
        await AssertNoSidewaysScrollAsync(page);
        await page.GotoAsync(Quiz);
        await page.Locator("main form button[type='submit']").First.ClickAsync();
        var answers = page.Locator("main .sa-question .form-check-label");
        await Expect(answers.First).ToBeVisibleAsync();
        await AssertTouchTargetsAsync(page, "main .sa-question .form-check-label");
        await AssertNoSidewaysScrollAsync(page);
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task On_a_phone_a_long_breadcrumb_stays_on_one_line_so_no_line_starts_with_a_separator(string locale)
    {
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, locale);
        await using var _ = context;
        await page.SetViewportSizeAsync(390, 844);
        await Chromium.SignInAsync(page, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Tina Trainer"));
        // "Studio / Edit: A lost deal: information silos and goal misalignment between sales and delivery"
        await page.GotoAsync("/studio/edit/case-lost-deal-information-silos");
        var crumbs = page.Locator("main .breadcrumb-item");
        await Expect(crumbs.Last).ToBeVisibleAsync();
        var tops = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('main .breadcrumb-item')].map(e => e.getBoundingClientRect().top)");
        Assert.True(tops.Length >= 2, "a breadcrumb of at least two items");
        Assert.True(tops.Max() - tops.Min() <= 2, $"the breadcrumb wraps: its items start at {string.Join(", ", tops)} px ({locale})");
        await AssertNoSidewaysScrollAsync(page);
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    /// <summary>Opens <paramref name="url"/> and returns "page (who) · rule · selector" for every node of every violation.</summary>
    private static async Task<IReadOnlyList<string>> AxeAsync(IPage page, string url, string who)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response?.Ok == true, $"{url} answered {response?.Status} ({who})");
        await Expect(page.Locator("main#main")).ToBeVisibleAsync();
        return await Axe.ViolationsAsync(page, $"{url} ({who})");
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var (scroll, inner) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scroll <= inner, $"{page.Url} scrolls sideways: {scroll} px wide in a {inner} px window");
    }

    private static async Task AssertTouchTargetsAsync(IPage page, string selector)
    {
        // Sizes are what the user sees once the page is styled: on a busy machine the stylesheet can arrive after the
        // elements are visible (a run measured the quiz's answer rows unstyled, 24 px high).
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet !== null)");
        var small = await page.EvaluateAsync<string[]>("""
            (selector) => [...document.querySelectorAll(selector)]
              .filter(e => e.offsetParent !== null)
              .map(e => [e, e.getBoundingClientRect()])
              .filter(([, b]) => b.height < 44 - 0.5)
              .map(([e, b]) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 30)}" ${Math.round(b.width)}×${Math.round(b.height)}`)
            """, selector);
        var count = await page.EvaluateAsync<int>("(selector) => [...document.querySelectorAll(selector)].filter(e => e.offsetParent !== null).length", selector);
        Assert.True(count > 0, $"nothing matches {selector} on {page.Url}");
        Assert.True(small.Length == 0, $"touch targets under 44 px on {page.Url}:\n" + string.Join("\n", small));
    }

    /// <summary>A team with the administrator and a rep in it: its page, for the axe run.</summary>
    private async Task<string> TeamPageAsync()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Axe team " + Guid.NewGuid().ToString("N")[..6], "A team for the accessibility check.");
        Assert.True(team is not null, error);
        Assert.Null(await roster.AddMemberAsync(team.Id, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep, "Ray Rep"), "Rep"));
        return $"/teams/{team.Id}";
    }

    // Playwright fills the result of an evaluation through a parameterless constructor and setters.
    private sealed class HeaderBox
    {
        public double Height { get; set; }
        public int Items { get; set; }
        public double Tallest { get; set; }
        public double TopSpread { get; set; }
        public double Right { get; set; }
        public double Width { get; set; }
    }
}
