using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// Item analysis in the portal: which attempts <see cref="QuizStatistics.RecomputeAsync"/> counts, the stored snapshot, the flagged
/// list, and who may see the statistics page and <c>GET /api/v1/quizzes/{id}/statistics</c> (quizzes.manage; 404 for anyone else).
/// </summary>
public abstract class QuizStatisticsTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;
    private IServiceProvider Services => portal.Factory.Services;

    private Task<QuizArrange.Fixture> ArrangeFixtureAsync() => QuizArrange.FixtureAsync(Services);

    private async Task<QuizStatisticsReport> RecomputeAsync(string quizId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QuizStatistics>().RecomputeAsync(quizId);
    }

    [Fact]
    public async Task Recompute_counts_finished_first_attempts_only_and_stores_one_snapshot_per_quiz()
    {
        var (quiz, questions) = await ArrangeFixtureAsync();
        var report = await RecomputeAsync(quiz.Id);

        Assert.Equal(6, report.Attempts);
        Assert.Equal(2.75, report.Mean!.Value, 9);
        Assert.Equal(1.1726039399558574, report.StandardDeviation!.Value, 9);
        Assert.Equal(-19.3939393939394, report.Cic!.Value, 9);
        Assert.Equal(1.2812754062521716, report.StandardError!.Value, 9);
        Assert.Equal(questions.Select(q => q.Id), report.Questions.Select(q => q.QuestionItemId));
        Assert.Equal(questions.Select(q => q.Title), report.Questions.Select(q => q.Title));
        Assert.Equal(questions.Select(q => q.Slug), report.Questions.Select(q => q.Slug));
        Assert.All(report.Questions, q => Assert.Equal(6, q.N));
        Assert.Equal(0.5, report.Questions[1].Facility!.Value, 12);
        Assert.Equal(-73.29220430506857, report.Questions[3].DiscriminationIndex!.Value, 9);
        Assert.Equal(7.692307692307693, report.Questions[2].DiscriminativeEfficiency!.Value, 9);

        // Again after a regrade: the same row is updated.
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
            var firstTaker = await db.Attempts.Where(a => a.QuizItemId == quiz.Id && a.Number == 1 && a.State == AttemptState.Submitted)
                .OrderBy(a => a.Id).FirstAsync();
            await db.AttemptQuestions.Where(q => q.AttemptId == firstTaker.Id && q.Slot == 3).ExecuteUpdateAsync(s => s.SetProperty(q => q.Fraction, 1.0));
        }
        var regraded = await RecomputeAsync(quiz.Id);
        Assert.Equal(2.0 / 3 + 1.0 / 6, regraded.Questions[3].Facility!.Value, 12);
        await using (var scope = Services.CreateAsyncScope())
        {
            var snapshot = Assert.Single(await scope.ServiceProvider.GetRequiredService<QuizzesDbContext>().Statistics.AsNoTracking()
                .Where(s => s.QuizItemId == quiz.Id).ToListAsync());
            Assert.Equal(6, snapshot.Attempts);
            Assert.Contains(quiz.Id, snapshot.Json);

            var statistics = scope.ServiceProvider.GetRequiredService<QuizStatistics>();
            var stored = await statistics.GetAsync(quiz.Id);
            Assert.Equal(regraded.Questions[3].Facility, stored!.Questions[3].Facility);
            Assert.Equal(regraded.ComputedUtc, stored.ComputedUtc);
        }
    }

    [Fact]
    public async Task Get_computes_statistics_the_first_time_and_answers_null_for_what_is_not_a_quiz()
    {
        var (quiz, questions) = await ArrangeFixtureAsync();
        await using var scope = Services.CreateAsyncScope();
        var statistics = scope.ServiceProvider.GetRequiredService<QuizStatistics>();
        Assert.Equal(6, (await statistics.GetAsync(quiz.Id))!.Attempts);
        Assert.Null(await statistics.GetAsync("no-such-quiz"));
        Assert.Null(await statistics.GetAsync(questions[0].Id)); // a question is not a quiz
    }

    [Fact]
    public async Task Flagged_questions_list_each_flagged_question_with_its_quiz_and_reasons()
    {
        var (quiz, questions) = await ArrangeFixtureAsync();
        await RecomputeAsync(quiz.Id);
        await using var scope = Services.CreateAsyncScope();
        var flagged = (await scope.ServiceProvider.GetRequiredService<QuizStatistics>().FlaggedAsync()).Where(f => f.QuizItemId == quiz.Id).ToList();
        Assert.Equal([questions[3].Id, questions[2].Id], flagged.Select(f => f.Question.QuestionItemId)); // two flags first
        Assert.All(flagged, f => Assert.Equal((quiz.Title, quiz.Slug, 6), (f.QuizTitle, f.QuizSlug, f.QuizAttempts)));
        Assert.Equal([ItemFlags.NegativeDiscrimination, ItemFlags.LowEfficiency], flagged[0].Question.Flags.Select(f => f.Code));
        Assert.Equal(questions[3].Title, flagged[0].Question.Title);
    }

    [Fact]
    public async Task The_statistics_page_is_for_trainers_and_shows_the_numbers()
    {
        var (quiz, questions) = await ArrangeFixtureAsync();
        await RecomputeAsync(quiz.Id);
        var url = $"/quizzes/{quiz.Slug}/statistics";

        using (var rep = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep)))
            Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync(url)).StatusCode);
        using (var lead = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.TeamLead)))
            Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(url)).StatusCode);
        using (var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false }))
            Assert.Contains("/account/login", (await anonymous.GetAsync(url)).Headers.Location?.OriginalString);

        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync("/quizzes/no-such-quiz/statistics")).StatusCode);
        var response = await trainer.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var page = new HtmlParser().ParseDocument(html);
        string Stat(string name) => page.QuerySelector($"#quiz-summary [data-stat='{name}']")!.TextContent.Trim();
        Assert.Equal("6", Stat("attempts"));
        Assert.StartsWith("2.75", Stat("mean"));
        Assert.Equal("1.17", Stat("sd"));
        Assert.Equal("-19.4%", Stat("cic"));
        Assert.Equal("109.3%", Stat("er"));
        Assert.Equal("1.28", Stat("se"));

        var rows = page.QuerySelectorAll("#item-table tbody tr");
        Assert.Equal(questions.Select(q => q.Id), rows.Select(r => r.GetAttribute("data-question")));
        string Cell(int row, string name) => rows[row].QuerySelector($"[data-stat='{name}']")!.TextContent.Trim();
        Assert.Equal(("66.7%", "51.6%", "28.1", "30.8%"), (Cell(0, "facility"), Cell(0, "sd"), Cell(0, "di"), Cell(0, "de")));
        Assert.Equal(("66.7%", "-73.3", "-89.5%"), (Cell(3, "facility"), Cell(3, "di"), Cell(3, "de")));
        Assert.Equal($"/questions/{questions[0].Slug}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(rows[0].QuerySelector($"a[href='/studio/edit/{questions[0].Id}']"));
        Assert.Empty(rows[0].QuerySelectorAll(".sa-flag"));
        Assert.Equal([ItemFlags.NegativeDiscrimination, ItemFlags.LowEfficiency], rows[3].QuerySelectorAll(".sa-flag").Select(f => f.GetAttribute("data-flag")!));
        Assert.Contains("check the key", rows[3].QuerySelector(".sa-flag-reason")!.TextContent);
        Assert.Contains("table-warning", rows[3].ClassName);
        var chart = page.QuerySelector("canvas#facility-chart")!;
        Assert.Equal("[66.7,50,41.7,66.7]", chart.GetAttribute("data-values"));
        // The theme's Chart.js and the module's chart script (fingerprinted names), no inline script.
        Assert.NotNull(page.QuerySelector("script[src^='/_content/SalesAcademy.Theme/lib/chartjs/chart.umd.min']"));
        Assert.NotNull(page.QuerySelector("script[src^='/_content/SalesAcademy.Quizzes/js/item-analysis']"));
        Assert.DoesNotContain(page.QuerySelectorAll("main script"), s => !s.HasAttribute("src"));

        // Chinese: the reasons and the definitions are translated.
        using var chinese = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer), language: "zh-CN");
        var zh = new HtmlParser().ParseDocument(await (await chinese.GetAsync(url)).Content.ReadAsStringAsync());
        Assert.Contains("请核对答案", zh.QuerySelectorAll("#item-table .sa-flag-reason").Select(r => r.TextContent).First(t => t.Contains("负区分度")));
        Assert.Contains("计算方法", zh.QuerySelector("#definitions-heading")!.TextContent);
    }

    [Fact]
    public async Task A_quiz_without_first_attempts_says_it_needs_two()
    {
        var question = await QuizArrange.QuestionAsync(Services, "Lonely question");
        var quiz = await QuizArrange.QuizAsync(Services, "Nobody took it", [question.Id]);
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        var page = new HtmlParser().ParseDocument(await (await trainer.GetAsync($"/quizzes/{quiz.Slug}/statistics")).Content.ReadAsStringAsync());
        Assert.Contains("at least 2 finished first attempts", page.QuerySelector("#needs-attempts")!.TextContent);
        Assert.Equal("–", page.QuerySelector("#quiz-summary [data-stat='mean']")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#item-table"));
    }

    [Fact]
    public async Task The_statistics_api_needs_a_token_and_quizzes_manage()
    {
        var (quiz, _) = await ArrangeFixtureAsync();
        var url = $"/api/v1/quizzes/{quiz.Id}/statistics";
        using var client = Factory.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        var rep = await TokenAsync(PortalRoles.Rep);
        var trainer = await TokenAsync(PortalRoles.Trainer);

        var refused = await SendAsync(client, rep, url);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(404, (int)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, trainer, "/api/v1/quizzes/no-such-quiz/statistics")).StatusCode);

        var ok = await SendAsync(client, trainer, url);
        var text = await ok.Content.ReadAsStringAsync();
        Assert.True(ok.StatusCode == HttpStatusCode.OK, text);
        var json = JsonNode.Parse(text)!;
        Assert.Equal(quiz.Id, (string)json["quizItemId"]!);
        Assert.Equal(6, (int)json["attempts"]!);
        Assert.Equal(-19.3939393939394, (double)json["cic"]!, 9);
        var q4 = json["questions"]![3]!;
        Assert.Equal(-73.29220430506857, (double)q4["discriminationIndex"]!, 9);
        Assert.Equal(0.6666666666666666, (double)q4["facility"]!, 12);
        Assert.Equal(ItemFlags.NegativeDiscrimination, (string)q4["flags"]![0]!["code"]!);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string token, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private async Task<string> TokenAsync(string role)
    {
        var email = await TestUsers.CreateAsync(Factory, role);
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        return (await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user!.Id, "statistics tests")).Token;
    }
}

public sealed class QuizStatisticsTests_Sqlite(SqlitePortal portal) : QuizStatisticsTests(portal), IClassFixture<SqlitePortal>;

public sealed class QuizStatisticsTests_Postgres(PostgresPortal portal) : QuizStatisticsTests(portal), IClassFixture<PostgresPortal>;
