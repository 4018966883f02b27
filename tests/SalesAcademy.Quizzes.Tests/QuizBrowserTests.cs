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
public sealed class QuizBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task A_rep_closes_the_tab_mid_quiz_and_finishes_later_with_every_answer_kept()
    {
        var world = new QuizWorld(portal.Factory);
        var questions = await world.FiveKindsAsync();
        var quiz = await world.QuizAsync(questions, part => part.TimeLimitMinutes = 20);
        var rep = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep, "Rita Rep");

        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using (context)
        {
            var attemptUrl = await StartAttemptAsync(page, rep, quiz.Slug);
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
            await Expect(again).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(attemptUrl) + "$"));
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
            await Expect(again).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(attemptUrl + "/result") + "$"));
            await Expect(again.Locator(".sa-score")).ToHaveTextAsync("100%");
            await Expect(again.Locator(".sa-result-question[data-result='right']")).ToHaveCountAsync(5);
            await Chromium.ScreenshotAsync(again, "quiz-result.png");

            var stored = await world.AttemptAsync(attempt.Id);
            Assert.Equal(AttemptState.Submitted, stored.State);
            Assert.All(stored.Questions, q => Assert.Equal(1, q.Fraction));
        }
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Ordering_starts_unanswered_and_moves_with_buttons_the_counter_is_live_a_gap_is_confirmed_and_the_deck_add_swaps_in_place()
    {
        var world = new QuizWorld(portal.Factory);
        var questions = await world.FiveKindsAsync();
        var quiz = await world.QuizAsync(questions, part => part.Shuffle = false);
        var rep = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep, "Olga Order");

        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using (context)
        {
            var attempt = await world.AttemptAsync(long.Parse((await StartAttemptAsync(page, rep, quiz.Slug)).Split('/')[^1]));
            int Slot(int question) => QuizWorld.SlotOf(attempt, questions[question]);
            var ordering = page.Locator($"#q{Slot(3)}");
            await Expect(page.Locator("#answered-count")).ToHaveTextAsync("0 of 5 answered");
            for (var i = 0; i < 4; i++) await Expect(ordering.Locator("select").Nth(i)).ToHaveValueAsync("");
            await page.EvaluateAsync("() => window.saMarker = 7");

            // Move the second item up with its button: it is first now, said aloud, and every place is filled in once.
            var second = ordering.Locator(".sa-order-item").Nth(1);
            var text = (await second.Locator(".sa-order-text").TextContentAsync())!.Trim();
            await second.Locator(".sa-order-up").ClickAsync();
            await Expect(ordering.Locator(".sa-order-item").First.Locator(".sa-order-text")).ToHaveTextAsync(text);
            await Expect(page.Locator("#order-announcer")).ToHaveTextAsync($"{text}: now in place 1 of 4");
            await Expect(ordering.Locator(".sa-order-up").First).ToBeFocusedAsync();
            await Expect(page.Locator("#seq")).ToHaveValueAsync("1");
            await Expect(page.Locator("#answered-count")).ToHaveTextAsync("1 of 5 answered");
            for (var i = 0; i < 4; i++) await Expect(ordering.Locator("select").Nth(i)).ToHaveValueAsync((i + 1).ToString());
            // A place picked in a select swaps with the item that had it: never two items in one place, never an error.
            await ordering.Locator("select").Nth(3).SelectOptionAsync("1");
            await Expect(page.Locator("#seq")).ToHaveValueAsync("2");
            await Expect(ordering.Locator(".sa-order-item").Nth(3).Locator(".sa-order-text")).ToHaveTextAsync(text);
            await Expect(page.Locator("#save-status .sa-saved")).ToBeVisibleAsync();
            await Expect(page.Locator("#save-status .sa-invalid")).ToHaveCountAsync(0);
            // The save time is shown in the browser's zone, not the server's "UTC" fallback.
            await Expect(page.Locator("#save-status time")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("UTC"));

            await page.Locator($"#q{Slot(0)}-{QuizWorld.OptionId(attempt, questions[0], 1)}").CheckAsync();
            await Expect(page.Locator("#answered-count")).ToHaveTextAsync("2 of 5 answered");
            await Expect(page.Locator("#seq")).ToHaveValueAsync("3");

            // Submitting with gaps asks first, naming them; "cancel" stays on the page.
            var asked = new List<string>();
            var accept = false;
            page.Dialog += async (_, dialog) => { asked.Add(dialog.Message); if (accept) await dialog.AcceptAsync(); else await dialog.DismissAsync(); };
            var gaps = string.Join(", ", new[] { 1, 2, 4 }.Select(q => Slot(q) + 1).Order());
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit the attempt" }).ClickAsync();
            await Expect(page.Locator("#answered-count")).ToHaveTextAsync("2 of 5 answered");
            Assert.Equal([$"Questions without an answer: {gaps}. Submit anyway?"], asked);
            Assert.Equal(AttemptState.InProgress, (await world.AttemptAsync(attempt.Id)).State);
            accept = true;
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit the attempt" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/result$"));

            // The result: what went to the deck, and "Add to my review deck" confirmed in place.
            await Expect(page.Locator(".sa-deck-filed")).ToContainTextAsync("went to your review deck");
            await Expect(page.Locator(".sa-deck-filed a[href='/daily-review']")).ToBeVisibleAsync();
            await page.EvaluateAsync("() => window.saMarker = 8");
            var single = page.Locator($".sa-result-question[data-slot='{Slot(0)}']");
            await single.GetByRole(AriaRole.Button, new() { Name = "Add to my review deck" }).ClickAsync();
            await Expect(single.Locator(".sa-added-to-deck")).ToBeVisibleAsync();
            Assert.Equal(8, await page.EvaluateAsync<int>("() => window.saMarker"));
        }
        Assert.Empty(problems);
    }

    /// <summary>Signs the rep in, starts the quiz from its page and waits until the attempt page is shown; its path.</summary>
    private static async Task<string> StartAttemptAsync(IPage page, string rep, string quizSlug)
    {
        await Chromium.SignInAsync(page, rep);
        await page.GotoAsync($"/quizzes/{quizSlug}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/quizzes/attempt/[0-9]+$"));
        return new Uri(page.Url).AbsolutePath;
    }
}
