using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes;
using SalesAcademy.Quizzes.Models;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Every page × every role (and anonymous), including guessed ids of a trainer's draft and another team.
/// Allowed answers 200; a signed-in user who may not see a page gets 404 (never 403); anonymous visitors
/// are sent to sign in. The test site allows anonymous reading of published content.
/// </summary>
public sealed class AuthorizationMatrixTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private const string Anonymous = "Anonymous";
    private const string Ok = "200", NotFound = "404", Login = "login";

    // Columns: Anonymous, Rep, TeamLead, Trainer, Administrator.
    private static readonly (string Url, string[] Expected)[] Matrix =
    [
        ("/cases", [Ok, Ok, Ok, Ok, Ok]),
        ("/cases/huawei-iron-triangle", [Ok, Ok, Ok, Ok, Ok]),
        ("/playbooks", [Ok, Ok, Ok, Ok, Ok]),
        ("/drills", [Ok, Ok, Ok, Ok, Ok]),
        ("/cases/{draftSlug}", [NotFound, NotFound, NotFound, NotFound, NotFound]),           // a draft is never a public page
        ("/cases/{draftSlug}?preview=latest", [NotFound, NotFound, NotFound, Ok, Ok]),      // drafts: authors, trainers, admins
        ("/studio", [Login, NotFound, NotFound, Ok, Ok]),
        ("/studio/edit?type=CaseStudy", [Login, NotFound, NotFound, Ok, Ok]),
        ("/studio/edit/{draftId}", [Login, NotFound, NotFound, Ok, Ok]),
        ("/studio/history/{draftId}", [Login, NotFound, NotFound, Ok, Ok]),
        ("/studio/edit/no-such-item", [Login, NotFound, NotFound, NotFound, NotFound]),
        ("/studio/trash", [Login, NotFound, NotFound, NotFound, Ok]),
        ("/review/due", [Login, Ok, Ok, Ok, Ok]),
        ("/teams", [Login, Ok, Ok, Ok, Ok]),
        ("/teams/{otherTeam}", [Login, NotFound, NotFound, Ok, Ok]),                          // teams.viewall: trainers, admins
        ("/notifications", [Login, Ok, Ok, Ok, Ok]),
        ("/daily-review", [Login, Ok, Ok, Ok, Ok]),                                           // quizzes.take: reps, leads, trainers (admins hold all)
        ("/daily-review/deck", [Login, Ok, Ok, Ok, Ok]),
        ("/daily-review/add", [Login, NotFound, NotFound, NotFound, NotFound]),              // POST only
        ("/account/profile", [Login, Ok, Ok, Ok, Ok]),
        ("/account/security", [Login, Ok, Ok, Ok, Ok]),
        ("/account/authenticator", [Login, Ok, Ok, Ok, Ok]),
        ("/account/login-2fa", [Login, Login, Login, Login, Login]),                         // only after a correct password
        ("/account/login-passkey", [Login, Login, Login, Login, Login]),                     // POST only; GET goes back to sign-in
        ("/admin/users", [Login, NotFound, NotFound, NotFound, Ok]),
        ("/admin/permissions", [Login, NotFound, NotFound, NotFound, Ok]),
        ("/admin/settings", [Login, NotFound, NotFound, NotFound, Ok]),
        ("/admin/audit", [Login, NotFound, NotFound, NotFound, Ok]),
        ("/admin/teams", [Login, NotFound, NotFound, NotFound, Ok]),
        ("/quizzes", [Ok, Ok, Ok, Ok, Ok]),
        ("/quizzes/{quizSlug}", [Ok, Ok, Ok, Ok, Ok]),
        ("/quizzes/{quizSlug}/results", [Login, NotFound, Ok, Ok, Ok]),                     // leads see their teams' rows only
        ("/quizzes/attempt/{attemptId}", [Login, NotFound, NotFound, NotFound, NotFound]),   // another rep's attempt: the taker only
        ("/quizzes/attempt/{attemptId}/result", [Login, NotFound, NotFound, Ok, Ok]),        // the taker, their leads, quizzes.manage
        ("/quizzes/grading", [Login, NotFound, NotFound, Ok, Ok]),
        ("/quizzes/{quizSlug}/statistics", [Login, NotFound, NotFound, Ok, Ok]),                 // item analysis: quizzes.manage
        ("/quizzes/no-such-quiz/statistics", [Login, NotFound, NotFound, NotFound, NotFound]),
        ("/questions", [Login, NotFound, NotFound, Ok, Ok]),                               // quizzes.manage: trainers, admins
        ("/questions/huawei-fr-role", [Login, NotFound, NotFound, Ok, Ok]),
        ("/questions/no-such-question", [Login, NotFound, NotFound, NotFound, NotFound]),
        ("/questions/import", [Login, NotFound, NotFound, Ok, Ok]),
    ];

    private static readonly string[] Roles = [Anonymous, PortalRoles.Rep, PortalRoles.TeamLead, PortalRoles.Trainer, PortalRoles.Administrator];

    [Fact]
    public async Task Every_page_answers_each_role_as_the_rules_say()
    {
        var (draftId, draftSlug, teamId) = await ArrangeAsync();
        var (quizSlug, attemptId) = await QuizAttemptAsync();
        var browsers = new Dictionary<string, Browser>();
        try
        {
            foreach (var role in Roles.Skip(1))
                browsers[role] = role == PortalRoles.Administrator
                    ? await TestUsers.SignedInAsync(portal.Factory, TestUsers.AdminEmail, TestUsers.AdminPassword)
                    : await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, role));
            using var anonymous = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });

            var wrong = new List<string>();
            foreach (var (template, expected) in Matrix)
            {
                var url = template.Replace("{draftId}", draftId).Replace("{draftSlug}", draftSlug).Replace("{otherTeam}", teamId)
                    .Replace("{quizSlug}", quizSlug).Replace("{attemptId}", attemptId.ToString());
                for (var r = 0; r < Roles.Length; r++)
                {
                    var response = Roles[r] == Anonymous ? await anonymous.GetAsync(url) : await browsers[Roles[r]].GetAsync(url);
                    var actual = response.StatusCode switch
                    {
                        HttpStatusCode.OK => Ok,
                        HttpStatusCode.NotFound => NotFound,
                        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/account/login") == true => Login,
                        var other => ((int)other).ToString(),
                    };
                    if (actual != expected[r]) wrong.Add($"{url} as {Roles[r]}: expected {expected[r]}, got {actual}");
                }
            }
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        }
        finally
        {
            foreach (var browser in browsers.Values) browser.Dispose();
        }
    }

    /// <summary>A published quiz and a finished attempt at it by a rep who is not in the matrix.</summary>
    private async Task<(string QuizSlug, long AttemptId)> QuizAttemptAsync()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var question = manager.New(Quizzes.QuizzesModule.QuestionType);
        question.Apply(new TitlePart { Title = "矩阵测试题" }).Apply(new RoutePart { Slug = "matrix-q-" + suffix }).Apply(new MarkdownBodyPart { Markdown = "铁三角包括交付经理吗？" })
            .Apply(new OwnershipPart { Owner = "tests" }).Apply(new Quizzes.Models.QuestionPart { Kind = "truefalse", Answer = true, Explanation = "包括。" });
        question = await manager.CreateAsync(question, "tests", publish: true);
        var quiz = manager.New(Quizzes.QuizzesModule.QuizType);
        quiz.Apply(new TitlePart { Title = "矩阵测试测验" }).Apply(new RoutePart { Slug = "matrix-quiz-" + suffix }).Apply(new MarkdownBodyPart { Markdown = "一题。" })
            .Apply(new OwnershipPart { Owner = "tests" }).Apply(new Quizzes.Models.QuizPart { Questions = [question.ContentItemId] });
        quiz = await manager.CreateAsync(quiz, "tests", publish: true);
        var attempts = scope.ServiceProvider.GetRequiredService<Quizzes.Services.QuizAttempts>();
        var started = await attempts.StartAsync(quiz.ContentItemId, new Quizzes.Services.Taker("matrix-rep-" + suffix, "matrix-rep@salesacademy.test"));
        await attempts.SubmitAsync(started.Attempt!.Id, "matrix-rep-" + suffix);
        return ("matrix-quiz-" + suffix, started.Attempt.Id);
    }

    /// <summary>A trainer's draft case and a team nobody in the matrix belongs to.</summary>
    private async Task<(string DraftId, string DraftSlug, string TeamId)> ArrangeAsync()
    {
        var owner = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var slug = "matrix-" + Guid.NewGuid().ToString("N")[..8];
        var item = manager.New("CaseStudy");
        item.Apply(new TitlePart { Title = "矩阵测试草稿" }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "草稿" })
            .Apply(new OwnershipPart { Owner = owner })
            .Apply(new CaseStudyPart { Company = "X", Industry = "ICT", DealSize = "small", Outcome = "won", Roles = ["AccountManager"] });
        var draft = await manager.CreateAsync(item, owner, publish: false);
        var (team, error) = await scope.ServiceProvider.GetRequiredService<TeamRoster>().CreateAsync("矩阵测试团队 " + slug, null, "test");
        Assert.Null(error);
        return (draft.ContentItemId, slug, team!.Id);
    }
}
