// What reps, trainers and team leads meet in the browser (issue 14), as screenshots in zh-CN and en at 1280×800 and 390×844:
// docs/images/experience/<page>-<lang>-<width>.png. The whole portal runs in-process on a throwaway SQLite data directory with
// the seed content; its people, team and attempts are made through the portal's own services; Debian's Chromium is driven by
// Playwright at device scale 1, and every page is shot once it shows what the user came for.
//   dotnet run --project tools/Screenshots -c Release        (PLAYWRIGHT_CHROMIUM_EXECUTABLE overrides /usr/bin/chromium)
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

var output = Path.Combine(TestPaths.RepoRoot, "docs", "images", "experience");
Directory.CreateDirectory(output);
// The portal's content root, which WebApplicationFactory finds on its own only from a test assembly.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SALESACADEMY_PORTAL", Path.Combine(TestPaths.RepoRoot, "src", "Portal"));
await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
await using var portal = new PortalFactory(database, importContent: true, realSocket: true, overrides: new Dictionary<string, string?>
{
    ["Logging:LogLevel:Microsoft.AspNetCore.Antiforgery"] = "Error", // "Cache-Control overridden" on every form page: noise here
});
var address = portal.ServerAddress.ToString().TrimEnd('/');
Console.WriteLine($"portal on {address}, data in {database.DataDirectory}");
var cast = await Cast.ArrangeAsync(portal);

using var playwright = await Playwright.CreateAsync();
var executable = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = executable, Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
Assertions.SetDefaultExpectTimeout(60_000);
var shots = new List<string>();
var problems = new List<string>(); // script errors, 4xx/5xx answers and unfilled {n} placeholders met on the way
var languages = new[] { "zh-CN", "en" };

// A rep opens the quiz, answers part of it, touches the ordering question, submits with gaps and reads the result.
foreach (var lang in languages)
{
    var quiz = lang == "en" ? Cast.EnglishQuiz : Cast.ChineseQuiz;
    await using var rep = await Session.SignInAsync(chromium, address, lang, lang == "en" ? cast.EnglishRep : cast.ChineseRep, output, shots, problems);
    await rep.ShootAsync("quiz-intro", async page =>
    {
        await page.GotoAsync($"/quizzes/{quiz}");
        await Expect(page.Locator("main form button[type='submit']")).ToBeVisibleAsync();
    });

    await rep.Desktop.Locator("main form button[type='submit']").ClickAsync();
    await Expect(rep.Desktop).ToHaveURLAsync(new Regex("/quizzes/attempt/[0-9]+$"));
    var attemptUrl = new Uri(rep.Desktop.Url).AbsolutePath;
    await AnswerSomeAsync(rep.Desktop);
    await rep.ShootAsync("quiz-attempt", async page =>
    {
        if (page != rep.Desktop) await page.GotoAsync(attemptUrl);
        var ordering = page.Locator("fieldset.sa-question[data-kind='ordering']").First;
        await Expect(ordering.Locator(".sa-order-up").First).ToBeVisibleAsync();
        // The question just below the sticky bar (counter, timer, save status), as a taker sees it when scrolled to it.
        await ScrollBelowAsync(page, "fieldset.sa-question[data-kind='ordering']", ".sa-attempt-bar");
    }, phoneFullPage: false);

    rep.Desktop.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "Questions without an answer: … Submit anyway?"
    await rep.Desktop.Locator("button[data-submit-attempt]").ClickAsync();
    await Expect(rep.Desktop).ToHaveURLAsync(new Regex("/result$"));
    await rep.ShootAsync("quiz-result", async page =>
    {
        if (page != rep.Desktop) await page.GotoAsync(attemptUrl + "/result");
        await Expect(page.Locator(".sa-score")).ToBeVisibleAsync();
    });
}

// A trainer edits a case in the studio and imports the same GIFT text twice.
foreach (var lang in languages)
{
    await using var trainer = await Session.SignInAsync(chromium, address, lang, cast.Trainer, output, shots, problems);
    await trainer.ShootAsync("studio-editor", async page =>
    {
        await page.GotoAsync($"/studio/edit/{(lang == "en" ? "case-lost-deal-information-silos" : "case-huawei-iron-triangle")}");
        await Expect(page.Locator("#editor #f-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#preview")).Not.ToBeEmptyAsync();
    }, phoneFullPage: false); // the save bar sticks to the bottom of the screen: a whole-page shot would show it mid-form

    var gift = lang == "en" ? Cast.EnglishGift : Cast.ChineseGift;
    await ImportGiftAsync(trainer.Desktop, gift);
    await Expect(trainer.Desktop.Locator("#imported li")).ToHaveCountAsync(2);
    await trainer.ShootAsync("gift-import-duplicate", async page =>
    {
        await ImportGiftAsync(page, gift + (lang == "en" ? Cast.EnglishGiftExtra : Cast.ChineseGiftExtra));
        await Expect(page.Locator("#import-duplicates li")).ToHaveCountAsync(2);
    });
}

// A team lead reads the team page (members × quizzes); anyone reads a playbook.
foreach (var lang in languages)
{
    await using var lead = await Session.SignInAsync(chromium, address, lang, cast.Lead, output, shots, problems);
    await lead.ShootAsync("team-lead", async page =>
    {
        await page.GotoAsync($"/teams/{cast.TeamId}");
        await Expect(page.Locator("table.sa-team-progress tbody tr[data-member]")).ToHaveCountAsync(6);
        if (page == lead.Desktop) await ScrollBelowAsync(page, "#progress-heading", null); // the grid, on a desktop
    });
    await lead.ShootAsync("playbook", async page =>
    {
        await page.GotoAsync("/playbooks/collaborative-sales-process");
        await Expect(page.Locator("#raci-heading")).ToBeVisibleAsync();
        if (page == lead.Desktop) await ScrollBelowAsync(page, "#raci-heading", null); // the stages × roles table, on a desktop
    });
}

Console.WriteLine($"{shots.Count} screenshots in {Path.GetRelativePath(TestPaths.RepoRoot, output)}:");
foreach (var shot in shots) Console.WriteLine($"  {shot}");
if (problems.Count == 0) return 0;
Console.Error.WriteLine($"{problems.Count} problem(s) on the way:");
foreach (var problem in problems) Console.Error.WriteLine($"  {problem}");
return 1;

// Single choice: the first option; true/false: true; multiple: the first box; short answers and the rest stay open (gaps).
static async Task AnswerSomeAsync(IPage page)
{
    var seq = page.Locator("#seq");
    async Task ChangeAsync(ILocator input)
    {
        var before = int.Parse(await seq.InputValueAsync());
        await input.CheckAsync();
        await Expect(seq).ToHaveValueAsync((before + 1).ToString());
    }
    foreach (var kind in new[] { "single", "truefalse" })
        foreach (var question in await page.Locator($"fieldset.sa-question[data-kind='{kind}']").AllAsync())
            await ChangeAsync(question.Locator("input[type='radio']").First);
    foreach (var question in (await page.Locator("fieldset.sa-question[data-kind='multiple']").AllAsync()).Take(1))
        await ChangeAsync(question.Locator("input[type='checkbox']").First);
    // Touch the ordering question: its second item moves up, which answers it (untouched, it stays unanswered).
    var ordering = page.Locator("fieldset.sa-question[data-kind='ordering']").First;
    var before = int.Parse(await seq.InputValueAsync());
    await ordering.Locator(".sa-order-item").Nth(1).Locator(".sa-order-up").ClickAsync();
    await Expect(seq).ToHaveValueAsync((before + 1).ToString());
    await Expect(page.Locator("#save-status .sa-saved")).ToBeVisibleAsync();
}

// Scrolls at once (no smooth scrolling) so that the element's top sits just below the sticky element, or the top of the screen.
static async Task ScrollBelowAsync(IPage page, string selector, string? sticky) =>
    await page.EvaluateAsync(@"([selector, sticky]) => {
        const top = document.querySelector(selector).getBoundingClientRect().top + window.scrollY;
        const covered = sticky ? document.querySelector(sticky).getBoundingClientRect().height : 0;
        window.scrollTo({ top: Math.max(0, top - covered - 16), behavior: 'instant' });
    }", new[] { selector, sticky });

static async Task ImportGiftAsync(IPage page, string gift)
{
    await page.GotoAsync("/questions/import");
    await page.Locator("#gift").FillAsync(gift);
    await page.Locator("#import-form button[type='submit']").ClickAsync();
    await Expect(page.Locator("#report")).ToBeVisibleAsync();
}

/// <summary>One person in one language: a desktop page (1280×800) and a phone page (390×844, touch) sharing the sign-in.</summary>
sealed class Session(IBrowserContext desktopContext, IBrowserContext phoneContext, IPage desktop, IPage phone, string lang, string output, List<string> shots,
    List<string> problems) : IAsyncDisposable
{
    private const int PhoneMaxHeight = 844 * 5 / 2; // a phone shot is the whole page, up to two and a half screens (PNGs under 300 KB)

    public IPage Desktop => desktop;

    public static async Task<Session> SignInAsync(IBrowser browser, string address, string lang, string email, string output, List<string> shots, List<string> problems)
    {
        var zone = lang == "en" ? "Europe/London" : "Asia/Shanghai";
        var desktopContext = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address, Locale = lang, TimezoneId = zone, ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, DeviceScaleFactor = 1, ReducedMotion = ReducedMotion.Reduce,
        });
        desktopContext.SetDefaultTimeout(90_000);
        var desktop = Watch(await desktopContext.NewPageAsync(), problems);
        await desktop.GotoAsync("/account/login");
        await desktop.Locator("input[name='Email']").FillAsync(email);
        await desktop.Locator("input[name='Password']").FillAsync(TestUsers.Password);
        await desktop.Locator("main form:has(input[name='Password']) button[type='submit']").ClickAsync();
        await Expect(desktop).Not.ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 90_000 });

        var phoneContext = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address, Locale = lang, TimezoneId = zone, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, DeviceScaleFactor = 1, ReducedMotion = ReducedMotion.Reduce,
            IsMobile = true, HasTouch = true, StorageState = await desktopContext.StorageStateAsync(),
        });
        phoneContext.SetDefaultTimeout(90_000);
        return new Session(desktopContext, phoneContext, desktop, Watch(await phoneContext.NewPageAsync(), problems), lang, output, shots, problems);
    }

    private static IPage Watch(IPage page, List<string> problems)
    {
        page.PageError += (_, e) => problems.Add($"script error: {e}");
        page.Response += (_, r) => { if (r.Status >= 400 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal)) problems.Add($"HTTP {r.Status}: {r.Url}"); };
        return page;
    }

    /// <summary>Shows the page on the desktop, then on the phone, and writes <c>name-lang-width.png</c> for each.</summary>
    public async Task ShootAsync(string name, Func<IPage, Task> show, bool phoneFullPage = true)
    {
        foreach (var (page, width) in new[] { (desktop, 1280), (phone, 390) })
        {
            await show(page);
            var file = $"{name}-{lang}-{width}.png";
            if (await page.EvaluateAsync<string?>(@"() => (document.body.innerText.match(/\{\d+\}/) || [null])[0]") is { } placeholder)
                problems.Add($"{file}: an unfilled placeholder {placeholder} on {page.Url}");
            var options = new PageScreenshotOptions { Path = Path.Combine(output, file), Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide };
            if (width == 390 && phoneFullPage)
            {
                var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
                options.FullPage = true;
                options.Clip = new Clip { X = 0, Y = 0, Width = 390, Height = Math.Min(height, PhoneMaxHeight) };
            }
            await page.ScreenshotAsync(options);
            shots.Add($"{file} ({new FileInfo(options.Path).Length / 1024} KB)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await desktopContext.DisposeAsync();
        await phoneContext.DisposeAsync();
    }
}

/// <summary>The people, team and English quiz the screenshots need, made through the portal's own services.</summary>
sealed record Cast(string ChineseRep, string EnglishRep, string Trainer, string Lead, string TeamId)
{
    public const string ChineseQuiz = "iron-triangle-basics";
    public const string EnglishQuiz = "iron-triangle-in-practice";

    public const string ChineseGift =
        "::方案评审::方案评审会由谁主持？{=解决方案经理 ~客户经理 ~交付经理 ####方案由解决方案经理负责，评审也由他主持。}\n\n"
        + "::交付提前介入::交付经理应在签约前参与方案设计。{T ####签约后才介入，交付承诺往往无法兑现。}\n";
    public const string ChineseGiftExtra = "\n::赢单复盘::赢单后也要做联合复盘。{T ####赢单同样值得复盘：哪些做法值得在下一个商机中重复。}\n";
    public const string EnglishGift =
        "::Solution review::Who chairs the solution review?{=the solution manager ~the account manager ~the delivery manager ####The solution manager owns the solution, so they chair its review.}\n\n"
        + "::Delivery joins early::The delivery manager joins the solution design before signing.{T ####Joining after signing, delivery often cannot keep what was promised.}\n";
    public const string EnglishGiftExtra = "\n::Won-deal review::A won deal gets a joint review too.{T ####A won deal shows what to repeat in the next one.}\n";

    public static async Task<Cast> ArrangeAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        async Task<PortalUser> PersonAsync(string role, string name, string mailbox)
        {
            var email = mailbox + "@east.example.com";
            var user = new PortalUser { UserName = email, Email = email, DisplayName = name, CreatedUtc = DateTime.UtcNow };
            foreach (var result in new[] { await users.CreateAsync(user, TestUsers.Password), await users.AddToRoleAsync(user, role) })
                if (!result.Succeeded) throw new InvalidOperationException($"{email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            return user;
        }

        var lead = await PersonAsync(PortalRoles.TeamLead, "李娜", "li.na");
        var am = await PersonAsync(PortalRoles.Rep, "王磊", "wang.lei");
        var sm = await PersonAsync(PortalRoles.Rep, "陈静", "chen.jing");
        var dm = await PersonAsync(PortalRoles.Rep, "刘洋", "liu.yang");
        var rep1 = await PersonAsync(PortalRoles.Rep, "赵敏", "zhao.min");
        var rep2 = await PersonAsync(PortalRoles.Rep, "孙浩", "sun.hao");
        var trainer = await PersonAsync(PortalRoles.Trainer, "周婷", "zhou.ting");

        var roster = services.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("华东铁三角 / East China iron triangle", "客户经理、解决方案经理和交付经理，一位组长和两位销售。");
        if (team is null) throw new InvalidOperationException(error);
        foreach (var (user, role) in new[] { (lead, "Lead"), (am, "AccountManager"), (sm, "SolutionManager"), (dm, "DeliveryManager"), (rep1, "Rep"), (rep2, "Rep") })
            if (await roster.AddMemberAsync(team.Id, user.Email, role) is { } refused) throw new InvalidOperationException(refused);

        // The seed has no English ordering question: an English quiz around one, with English seed questions.
        var manager = services.GetRequiredService<ContentManager>();
        var order = manager.New(QuizzesModule.QuestionType, "question-en-stage-order");
        order.Culture = "en";
        order.Apply(new TitlePart { Title = "The five stages of the collaborative sales process" })
            .Apply(new RoutePart { Slug = "en-stage-order" })
            .Apply(new MarkdownBodyPart { Markdown = "Put the five stages of the *collaborative sales process* in order, first at the top." })
            .Apply(new TagsPart { Tags = ["sales-process", "iron-triangle"] })
            .Apply(new OwnershipPart { Owner = "training-team" })
            .Apply(new QuestionPart
            {
                Kind = QuestionKinds.Ordering, Points = 2,
                Items = ["Opportunity discovery", "Needs clarification and solution design", "Bidding and negotiation", "Contract and delivery handover", "Delivery and customer success"],
                Explanation = "A deal moves to the next stage only when it meets the exit criteria of the one before.",
            });
        await manager.CreateAsync(order, "screenshots", publish: true);
        var quiz = manager.New(QuizzesModule.QuizType, "quiz-iron-triangle-in-practice");
        quiz.Culture = "en";
        quiz.Apply(new TitlePart { Title = "The iron triangle in practice", Summary = "Six questions on handing over, sharing customer data and the stages of a deal." })
            .Apply(new RoutePart { Slug = EnglishQuiz })
            .Apply(new MarkdownBodyPart { Markdown = "Six questions, 15 minutes, 60% to pass, up to three attempts." })
            .Apply(new TagsPart { Tags = ["iron-triangle", "sales-process"] })
            .Apply(new OwnershipPart { Owner = "training-team" })
            .Apply(new QuizPart
            {
                Questions = ["question-lost-deal-late-handoff", "question-en-stage-order", "question-lost-deal-crm-record", "question-silo-marketing-list", "question-lost-deal-causes", "question-role-play-observer"],
                TimeLimitMinutes = 15, PassMark = 60, AttemptsAllowed = 3, Shuffle = false,
            });
        await manager.CreateAsync(quiz, "screenshots", publish: true);

        // The delivery manager has started the Chinese quiz and not finished; the two reps and the lead have not started.
        var published = services.GetRequiredService<PublishedContent>();
        var chinese = await published.BySlugAsync(QuizzesModule.QuizType, ChineseQuiz) ?? throw new InvalidOperationException($"no quiz {ChineseQuiz}");
        var started = await services.GetRequiredService<QuizAttempts>().StartAsync(chinese.ContentItemId, new Taker(dm.Id, dm.Email!));
        if (started.Attempt is null) throw new InvalidOperationException(started.Refusal);
        return new Cast(am.Email!, sm.Email!, trainer.Email!, lead.Email!, team.Id);
    }
}
