using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Quizzes;

/// <summary>A quiz's results: every taker's for trainers, the led teams' for team leads (404 for anyone else); CSV export.</summary>
[Authorize]
public sealed class ResultsModel(PublishedContent published, QuizAttempts attempts, AttemptViews views) : PageModel
{
    public ContentItem Quiz { get; private set; } = null!;
    public IReadOnlyList<QuizAttempt> Attempts { get; private set; } = [];
    public bool Everyone { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? format)
    {
        if (!await views.HasAsync(User, QuizPermissions.Manage) && !await views.HasAsync(User, QuizPermissions.TeamResults)) return NotFound();
        var quiz = await published.BySlugAsync(QuizzesModule.QuizType, slug);
        if (quiz is null) return NotFound();
        Quiz = quiz;
        var visible = await views.VisibleTakersAsync(User);
        Everyone = visible is null;
        Attempts = await attempts.ListForQuizAsync(quiz.ContentItemId, visible?.ToList());
        return format == "csv" ? Csv() : Page();
    }

    /// <summary>One row per attempt, UTF-8 with a byte-order mark so spreadsheet programs read Chinese names.</summary>
    private FileContentResult Csv()
    {
        var csv = new StringBuilder("taker,attempt,state,started_utc,finished_utc,score,max_score,percent,passed,pending_manual\r\n");
        foreach (var a in Attempts)
        {
            csv.AppendJoin(',', Field(a.UserName), a.Number, a.State, a.StartedUtc.ToString("O"), a.FinishedUtc?.ToString("O") ?? "",
                a.Score?.ToString(CultureInfo.InvariantCulture) ?? "", a.MaxScore.ToString(CultureInfo.InvariantCulture),
                a.Score is null ? "" : QuizAttempts.Percent(a).ToString(CultureInfo.InvariantCulture),
                a.Passed switch { true => "yes", false => "no", null => "" }, a.PendingManual).Append("\r\n");
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"{Quiz.Slug}-results.csv");
    }

    /// <summary>Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a name as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
