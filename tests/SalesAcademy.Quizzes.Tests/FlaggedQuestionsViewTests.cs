using System.Globalization;
using System.Security.Claims;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// The "FlaggedQuestions" view component the question bank page invokes, rendered as the page would: nothing for users without
/// quizzes.manage, "No flagged questions" before any, then each flagged question with its links, numbers and translated reasons.
/// Its own portal, so that the list starts empty.
/// </summary>
public sealed class FlaggedQuestionsViewTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private static ClaimsPrincipal As(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u-" + role), new Claim(ClaimTypes.Name, role + "@example.test"), new Claim(ClaimTypes.Role, role)], "test"));

    private async Task<string> RenderAsync(ClaimsPrincipal user, string culture = "en")
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
        using var body = new MemoryStream();
        http.Response.Body = body;
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await new ViewComponentResult { ViewComponentName = "FlaggedQuestions" }
                .ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    [Fact]
    public async Task Trainers_see_the_flagged_questions_and_everyone_else_nothing()
    {
        var empty = new HtmlParser().ParseDocument(await RenderAsync(As(PortalRoles.Trainer)));
        Assert.Equal("No flagged questions", empty.QuerySelector(".sa-flagged-empty")?.TextContent.Trim());

        var (quiz, questions) = await QuizArrange.FixtureAsync(portal.Factory.Services);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<QuizStatistics>().RecomputeAsync(quiz.Id);

        Assert.Equal("", (await RenderAsync(As(PortalRoles.Rep))).Trim());
        Assert.Equal("", (await RenderAsync(As(PortalRoles.TeamLead))).Trim());
        Assert.Equal("", (await RenderAsync(new ClaimsPrincipal(new ClaimsIdentity()))).Trim());

        var page = new HtmlParser().ParseDocument(await RenderAsync(As(PortalRoles.Trainer)));
        Assert.Null(page.QuerySelector(".sa-flagged-empty"));
        var rows = page.QuerySelectorAll("tr.sa-flagged");
        Assert.Equal([questions[3].Id, questions[2].Id], rows.Select(r => r.GetAttribute("data-question")));
        var worst = rows[0];
        Assert.Equal(questions[3].Title, worst.QuerySelector($"a[href='/questions/{questions[3].Slug}']")?.TextContent);
        Assert.NotNull(worst.QuerySelector($"a[href='/studio/edit/{questions[3].Id}']"));
        Assert.Equal(quiz.Title, worst.QuerySelector($"a[href='/quizzes/{quiz.Slug}/statistics']")?.TextContent);
        Assert.Equal(["6", "67%", "-73.3", "-89.5%"], worst.QuerySelectorAll("td.text-end").Select(td => td.TextContent.Trim()));
        Assert.Equal([ItemFlags.NegativeDiscrimination, ItemFlags.LowEfficiency], worst.QuerySelectorAll(".sa-flag").Select(f => f.GetAttribute("data-flag")!));
        Assert.Equal(ItemFlags.NegativeDiscriminationFlag.Reason, worst.QuerySelector(".sa-flag-reason")?.TextContent);
        Assert.Equal("2", page.QuerySelector("#flagged-questions-heading .badge")?.TextContent);

        var zh = new HtmlParser().ParseDocument(await RenderAsync(As(PortalRoles.Trainer), "zh-CN"));
        Assert.Equal("需要复查的题目", zh.QuerySelector("#flagged-questions-heading")?.FirstChild?.TextContent.Trim());
        Assert.Equal("负区分度：成绩好的答题者反而更常答错——请核对答案", zh.QuerySelector("tr.sa-flagged .sa-flag-reason")?.TextContent);

        // The administrator holds every permission.
        Assert.Equal(2, new HtmlParser().ParseDocument(await RenderAsync(As(PortalRoles.Administrator))).QuerySelectorAll("tr.sa-flagged").Length);
    }
}
