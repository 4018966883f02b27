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
[Authorize(Policy = "perm:" + QuizPermissions.Manage)]
public sealed class StatisticsModel(PublishedContent published, ContentManager content, QuizStatistics statistics) : PageModel
{
    public ContentItem Quiz { get; private set; } = null!;
    public string QuizTitle { get; private set; } = "";
    public QuizStatisticsReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        // Published, else the latest version: a quiz taken off the site keeps its statistics for trainers.
        var quiz = await published.BySlugAsync(QuizzesModule.QuizType, slug) ?? await content.GetLatestBySlugAsync(QuizzesModule.QuizType, slug, ct);
        if (quiz is null || await statistics.GetAsync(quiz.ContentItemId, ct) is not { } report) return NotFound();
        (Quiz, QuizTitle, Report) = (quiz, QuizStatistics.TitleOf(quiz), report);
        return Page();
    }
}
