using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// A real browser visits the main pages under the portal's Content-Security-Policy and uses what runs script there
/// (type-ahead, the live preview, a quiz attempt, the statistics chart, Bootstrap's menus): any refused inline style,
/// script or eval is a failure. A style attribute put back in a view makes this fail.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task The_main_pages_run_without_a_single_content_security_policy_violation()
    {
        var quizSlug = await QuizWithAnAttemptAsync();
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using var _ = context;
        var violations = new List<string>();
        // Chromium also logs a refusal as a console error (counted in problems); the event names the directive.
        await context.ExposeFunctionAsync("reportCspViolation", (string text) => { violations.Add(text); return true; });
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => window.reportCspViolation(" +
            "e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + (e.sample || '')));");
        var csp = new List<string>();
        page.Response += (_, r) => { if (r.Request.ResourceType == "document") csp.Add(r.Headers.GetValueOrDefault("content-security-policy") ?? ""); };

        await page.GotoAsync("/");
        await Expect(page.Locator("main")).ToBeVisibleAsync();
        await page.GotoAsync("/cases/huawei-iron-triangle");
        await Expect(page.Locator("main .sa-body table")).ToBeVisibleAsync();
        await page.GotoAsync("/playbooks/collaborative-sales-process");
        await Expect(page.Locator("main table").First).ToBeVisibleAsync();
        await page.GotoAsync("/drills/iron-triangle-role-play");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();

        // Type-ahead: htmx fetches and swaps the suggestion list.
        await page.GotoAsync("/search");
        await page.Locator("input[name='q']").PressSequentiallyAsync("iron");
        await Expect(page.Locator("#search-suggestions a").First).ToBeVisibleAsync();

        await Chromium.SignInAsync(page, TestUsers.AdminEmail, TestUsers.AdminPassword);
        // Bootstrap's dropdown (Popper positions it through the DOM, which the policy allows).
        await page.GotoAsync("/");
        await page.Locator("header .dropdown-toggle").First.ClickAsync();
        await Expect(page.Locator("header .dropdown-menu.show")).ToBeVisibleAsync();

        // The studio editor's live preview.
        await page.GotoAsync("/studio/edit?type=CaseStudy");
        await page.FillAsync("#body", "## Background\n\nThe customer feared **delivery risk**.\n\n| a | b |\n|---|--:|\n| 1 | 2 |");
        await Expect(page.Locator("#preview strong")).ToHaveTextAsync("delivery risk");
        await Expect(page.Locator("#preview th.text-end")).ToHaveCountAsync(1);

        // A quiz attempt (htmx saves each answer).
        await page.GotoAsync($"/quizzes/{quizSlug}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/quizzes/attempt/"));
        await page.Locator("#attempt-form input[type='radio']").First.CheckAsync();
        await Expect(page.Locator("#save-status .sa-saved")).ToBeVisibleAsync();

        // The statistics chart (Chart.js sizes its canvas through the DOM).
        await page.GotoAsync($"/quizzes/{quizSlug}/statistics");
        await Expect(page.Locator("#facility-chart")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => !!Chart.getChart(document.getElementById('facility-chart'))"));

        await page.GotoAsync("/admin/search");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();

        Assert.All(csp, header => Assert.Contains("style-src 'self'", header));
        Assert.True(csp.Count >= 10, $"{csp.Count} documents");
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    /// <summary>A one-question quiz with one finished attempt by someone else (so its statistics have a chart).</summary>
    private async Task<string> QuizWithAnAttemptAsync()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var question = manager.New(Quizzes.QuizzesModule.QuestionType);
        question.Apply(new TitlePart { Title = "CSP question" }).Apply(new RoutePart { Slug = "csp-q-" + suffix }).Apply(new MarkdownBodyPart { Markdown = "Is the delivery manager part of the iron triangle?" })
            .Apply(new OwnershipPart { Owner = "tests" }).Apply(new Quizzes.Questions.QuestionPart { Kind = "truefalse", Answer = true, Explanation = "Yes." });
        question = await manager.CreateAsync(question, "tests", publish: true);
        var quiz = manager.New(Quizzes.QuizzesModule.QuizType);
        quiz.Apply(new TitlePart { Title = "CSP quiz" }).Apply(new RoutePart { Slug = "csp-quiz-" + suffix }).Apply(new MarkdownBodyPart { Markdown = "One question." })
            .Apply(new OwnershipPart { Owner = "tests" }).Apply(new Quizzes.QuizPart { Questions = [question.ContentItemId] });
        quiz = await manager.CreateAsync(quiz, "tests", publish: true);
        var attempts = scope.ServiceProvider.GetRequiredService<Quizzes.Attempts.QuizAttempts>();
        var started = await attempts.StartAsync(quiz.ContentItemId, new Quizzes.Attempts.Taker("csp-rep-" + suffix, "csp-rep@salesacademy.test"));
        await attempts.SubmitAsync(started.Attempt!.Id, "csp-rep-" + suffix);
        return "csp-quiz-" + suffix;
    }
}
