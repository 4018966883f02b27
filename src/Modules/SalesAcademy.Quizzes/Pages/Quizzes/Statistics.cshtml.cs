using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Quizzes;

/// <summary>A quiz's item analysis (first attempts): the totals and α, one row per question with its flags, and a facility chart.</summary>
/// <remarks>Trainers and administrators (quizzes.manage) see every first attempt; a team lead (quizzes.results.team) sees the
/// analysis over the first attempts of the teams they lead only, computed on demand; 404 when none of their teams took it.</remarks>
[Authorize]
public sealed class StatisticsModel(PublishedContent published, ContentManager content, QuizStatistics statistics, AttemptViews views,
    SalesAcademy.Core.Security.ITeamDirectory teams) : PageModel
{
    public ContentItem Quiz { get; private set; } = null!;
    public string QuizTitle { get; private set; } = "";
    public QuizStatisticsReport Report { get; private set; } = null!;
    /// <summary>True when the analysis covers only the reader's teams.</summary>
    public bool TeamsOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        // Published, else the latest version: a quiz taken off the site keeps its statistics for trainers.
        var manager = await views.HasAsync(User, QuizPermissions.Manage);
        if (!manager && !await views.HasAsync(User, QuizPermissions.TeamResults)) return NotFound();
        var quiz = await published.BySlugAsync(QuizzesModule.QuizType, slug) ?? await content.GetLatestBySlugAsync(QuizzesModule.QuizType, slug, ct);
        if (quiz is null) return NotFound();
        QuizStatisticsReport? report;
        if (manager) report = await statistics.GetAsync(quiz.ContentItemId, ct);
        else
        {
            // Only the members of the teams the reader leads (the lead's own attempt is not a team's).
            var me = User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier) ?? "";
            var led = (await teams.TeamsOfAsync(me)).Where(t => t.TeamRole == Core.Domain.TeamRoles.Lead).Select(t => t.TeamId).ToList();
            report = led.Count == 0 ? null : await statistics.ForTakersAsync(quiz.ContentItemId, (await teams.MemberIdsAsync(led)).ToList(), ct);
            TeamsOnly = true;
        }
        if (report is null) return NotFound();
        (Quiz, QuizTitle, Report) = (quiz, QuizStatistics.TitleOf(quiz), report);
        return Page();
    }
}
