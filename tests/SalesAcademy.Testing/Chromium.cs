using Microsoft.Playwright;
using Xunit;

namespace SalesAcademy.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright, offline (no browser download): one browser per test class, and
/// pages that record every problem met on the way (failed requests, 4xx/5xx answers, script and console errors).
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Chromium(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var executable = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"Chromium not found at {executable} (set PLAYWRIGHT_CHROMIUM_EXECUTABLE, or run ./test.sh which installs it).");
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true, Args = Args });
        return new Chromium(playwright, browser);
    }

    /// <summary>A new browser context on the portal (its own cookies) and a page in it.</summary>
    /// <param name="hostName">Another name for the loopback address, e.g. "localhost" (WebAuthn needs a domain, not an IP).</param>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(PortalFactory factory, string locale, string? hostName = null)
    {
        var address = hostName is null ? factory.ServerAddress : new UriBuilder(factory.ServerAddress) { Host = hostName }.Uri;
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString().TrimEnd('/'),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // A busy 2-core machine (a build beside the suite) can take tens of seconds for one page: the waits are on what
        // the user sees (web-first assertions, never NetworkIdle), with room for such a machine.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.RequestFailed += (_, r) => problems.Add($"request failed: {r.Url} ({r.Failure})");
        page.Response += (_, r) => { if (r.Status >= 400) problems.Add($"HTTP {r.Status}: {r.Url}"); };
        page.PageError += (_, e) => problems.Add($"script error: {e}");
        // The portal ships no favicon.ico (Chromium asks for it on its own): not counted.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.Contains("/favicon.ico", StringComparison.Ordinal))
                problems.Add($"console error: {m.Text} (at {m.Location})");
        };
        return (context, page, problems);
    }

    /// <summary>Signs in through the login form as a user made by <see cref="TestUsers.CreateAsync"/>.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = TestUsers.Password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Email']").FillAsync(email);
        await page.Locator("input[name='Password']").FillAsync(password);
        // The password form's button (the login page also has "Sign in with a passkey").
        await page.Locator("main form:has(input[name='Password']) button[type='submit']").ClickAsync();
        // Signing in hashes the password (PBKDF2) and opens a session: on a busy 2-core machine that can take a while.
        // Web-first: the address changes once the session's redirect arrives (no wait for the next page's load event).
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = 60_000 });
    }

    /// <summary>A full-page screenshot in the test artifacts folder; fails when it is missing or nearly empty.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestPaths.Artifacts, name);
        File.Delete(path);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        var file = new FileInfo(path);
        Assert.True(file.Exists, $"{path} was not written");
        Assert.True(file.Length > 10 * 1024, $"{path} is only {file.Length} bytes");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>A test class that drives Chromium: one browser, launched before the class's tests and closed after them.</summary>
public abstract class ChromiumTestClass : IAsyncLifetime
{
    protected Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync() => Chromium = await Testing.Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
    }
}
