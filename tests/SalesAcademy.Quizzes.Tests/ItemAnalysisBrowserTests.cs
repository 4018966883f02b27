using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// The item-analysis page in a real browser (Debian's Chromium): a quiz of eight questions taken by forty simulated reps, the
/// facility chart drawn by the theme's Chart.js without errors, flagged rows highlighted; screenshots in both languages.
/// </summary>
public sealed class ItemAnalysisBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    /// <summary>Questions by difficulty (logit); the last has its key wrong (the strongest reps are marked wrong most often).</summary>
    private static readonly (string Title, double Difficulty, bool WrongKey)[] Bank =
    [
        ("铁三角中谁对客户关系负总责？", -1.0, false),
        ("解决方案经理在标前引导阶段的主要产出", 0.0, false),
        ("交付经理何时加入项目组？", 0.5, false),
        ("Which role owns the commercial terms?", -0.5, false),
        ("首次拜访前必须完成的客户洞察", 1.0, false),
        ("What does the account plan record?", -6.0, false),   // everyone knows: too easy
        ("招投标评分中的技术权重一般为多少？", 3.5, false),     // nobody knows: too hard
        ("Which stage ends with a signed LTC handover?", 0.0, true),
    ];

    private async Task<QuizArrange.Made> SimulatedQuizAsync()
    {
        var services = portal.Factory.Services;
        var questions = new List<QuizArrange.Made>();
        foreach (var (title, _, _) in Bank) questions.Add(await QuizArrange.QuestionAsync(services, title));
        var quiz = await QuizArrange.QuizAsync(services, "铁三角协同基础测验 / Iron triangle basics", questions.Select(q => q.Id));
        var random = new Random(2026);
        for (var t = 0; t < 40; t++)
        {
            var ability = -2 + 4.0 * t / 39;
            var slots = Bank.Select((b, q) =>
            {
                var p = 1 / (1 + Math.Exp(-1.7 * (ability - b.Difficulty)));
                var right = random.NextDouble() < p;
                return (questions[q].Id, 1.0, (double?)(right ^ b.WrongKey ? 1 : 0));
            }).ToList();
            await QuizArrange.AttemptAsync(services, quiz.Id, $"rep-{t}", 1, AttemptState.Submitted, slots);
        }
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<QuizStatistics>().RecomputeAsync(quiz.Id);
        return quiz;
    }

    [Fact]
    public async Task The_item_analysis_page_draws_the_facility_chart_and_highlights_flagged_questions()
    {
        var quiz = await SimulatedQuizAsync();
        var trainer = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Tina Trainer");
        foreach (var (locale, file) in new[] { ("en", "item-analysis.png"), ("zh-CN", "item-analysis-zh.png") })
        {
            var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, locale);
            await using (context)
            {
                await Chromium.SignInAsync(page, trainer);
                await page.GotoAsync($"/quizzes/{quiz.Slug}/statistics");
                await Expect(page.Locator("#item-table tbody tr")).ToHaveCountAsync(Bank.Length);
                await Expect(page.Locator("#quiz-summary [data-stat='attempts']")).ToHaveTextAsync("40");
                // Chart.js drew into the canvas: the chart exists with one bar per question.
                var bars = await page.EvaluateAsync<int>("() => Chart.getChart(document.getElementById('facility-chart')).data.datasets[0].data.length");
                Assert.Equal(Bank.Length, bars);
                await Chromium.ScreenshotAsync(page, file);
                // The flagged ones: too easy, too hard, and the wrong key.
                var flagged = await page.Locator("#item-table tbody tr.table-warning").CountAsync();
                Assert.True(flagged >= 3, $"{flagged} flagged rows");
                await Expect(page.Locator("#item-table tbody tr").Nth(7).Locator("[data-flag='negative-discrimination']")).ToHaveCountAsync(1);
                await Expect(page.Locator("#item-table tbody tr").Nth(5).Locator("[data-flag='too-easy']")).ToHaveCountAsync(1);
                await Expect(page.Locator("#item-table tbody tr").Nth(6).Locator("[data-flag='too-hard']")).ToHaveCountAsync(1);
                Assert.True(problems.Count == 0, "Problems on the item-analysis page:\n" + string.Join("\n", problems));
            }
        }
    }
}
