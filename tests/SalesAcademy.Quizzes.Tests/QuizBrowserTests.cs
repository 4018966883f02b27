using Microsoft.Playwright;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// A real browser (Debian's Chromium, driven by Playwright): a rep answers part of a quiz, closes the tab, comes back
/// in a new tab and finishes with every earlier answer kept; each change was saved by htmx without a page load.
/// </summary>
public sealed class QuizBrowserTests(BrowserPortal portal) : IClassFixture<BrowserPortal>, IAsyncLifetime
{
    private Chromium _chromium = null!;

    public async Task InitializeAsync() => _chromium = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
    }

    [Fact]
    public async Task A_rep_closes_the_tab_mid_quiz_and_finishes_later_with_every_answer_kept()
    {
        var world = new QuizWorld(portal.Factory);
        var questions = await world.FiveKindsAsync();
        var quiz = await world.QuizAsync(questions, part => part.TimeLimitMinutes = 20);
        var rep = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep, "Rita Rep");

        var (context, page, problems) = await _chromium.OpenAsync(portal.Factory, "en");
        await using (context)
        {
            await Chromium.SignInAsync(page, rep);
            await page.GotoAsync($"/quizzes/{quiz.Slug}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/quizzes/attempt/", StringComparison.Ordinal));
            var attemptUrl = new Uri(page.Url).AbsolutePath;
            var attempt = await world.AttemptAsync(long.Parse(attemptUrl.Split('/')[^1]));
            int Slot(int question) => QuizWorld.SlotOf(attempt, questions[question]);
            // An option's element id carries the attempt's random id for it, never its authoring index.
            string Option(int question, int index) => $"#q{Slot(question)}-{QuizWorld.OptionId(attempt, questions[question], index)}";
            await Expect(page.Locator(".sa-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(19|20):\d\d$"));
            await page.EvaluateAsync("() => window.saMarker = 42");

            // Three answers, each saved as it changes (the sequence in the form moves on with every save).
            await page.Locator(Option(0, 1)).CheckAsync();
            await Expect(page.Locator("#seq")).ToHaveValueAsync("1");
            await page.Locator(Option(1, 0)).CheckAsync();
            await Expect(page.Locator("#seq")).ToHaveValueAsync("2");
            await page.Locator($"#q{Slot(4)}-text").FillAsync("CRM");
            await Expect(page.Locator("#save-status .sa-saved")).ToBeVisibleAsync();
            await Expect(page.Locator("#seq")).ToHaveValueAsync("3");
            Assert.Equal(42, await page.EvaluateAsync<int>("() => window.saMarker")); // no page load happened

            // The tab is closed mid-way.
            await page.CloseAsync();

            var again = await context.NewPageAsync();
            again.PageError += (_, e) => problems.Add($"script error: {e}");
            await again.GotoAsync($"/quizzes/{quiz.Slug}");
            await again.GetByRole(AriaRole.Button, new() { Name = "Resume your attempt" }).ClickAsync();
            await again.WaitForURLAsync(u => u.EndsWith(attemptUrl, StringComparison.Ordinal));
            await Expect(again.Locator(Option(0, 1))).ToBeCheckedAsync();
            await Expect(again.Locator(Option(1, 0))).ToBeCheckedAsync();
            await Expect(again.Locator($"#q{Slot(4)}-text")).ToHaveValueAsync("CRM");
            await Expect(again.Locator("#seq")).ToHaveValueAsync("3");

            // The rest, then submit.
            await again.Locator(Option(1, 2)).CheckAsync();
            await Expect(again.Locator("#seq")).ToHaveValueAsync("4");
            await again.Locator($"#q{Slot(2)}-true").CheckAsync();
            await Expect(again.Locator("#seq")).ToHaveValueAsync("5");
            // Ordering: give the items their right places.
            for (var item = 0; item < 4; item++)
                await again.Locator(Option(3, item)).SelectOptionAsync((item + 1).ToString());
            // Submit only once the last change is saved: no save on its way, and the status shows "saved" with the form's sequence.
            await Expect(again.Locator("#attempt-form")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bhtmx-request\b"));
            await Expect(again.Locator("#save-status .sa-saved")).ToBeVisibleAsync();
            await Expect(again.Locator("#save-status .sa-saved")).ToHaveAttributeAsync("data-sequence", await again.Locator("#seq").InputValueAsync());
            await again.GetByRole(AriaRole.Button, new() { Name = "Submit the attempt" }).ClickAsync();
            await again.WaitForURLAsync(u => u.EndsWith(attemptUrl + "/result", StringComparison.Ordinal));
            await Expect(again.Locator(".sa-score")).ToHaveTextAsync("100%");
            await Expect(again.Locator(".sa-result-question[data-result='right']")).ToHaveCountAsync(5);
            await Chromium.ScreenshotAsync(again, "quiz-result.png");

            var stored = await world.AttemptAsync(attempt.Id);
            Assert.Equal(AttemptState.Submitted, stored.State);
            Assert.All(stored.Questions, q => Assert.Equal(1, q.Fraction));
        }
        Assert.Empty(problems);
    }
}
