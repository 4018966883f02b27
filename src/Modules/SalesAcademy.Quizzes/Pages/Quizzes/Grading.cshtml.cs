using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Quizzes;

/// <summary>Short answers the rules could not decide, oldest first; a trainer gives each a grade and the attempt is rescored.</summary>
[Authorize]
public sealed class GradingModel(QuizAttempts attempts, AttemptViews views) : PageModel
{
    public IReadOnlyList<(QuizAttempt Attempt, SlotView Slot, string QuizTitle)> Pending { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await views.HasAsync(User, QuizPermissions.Manage)) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long answerId, string? fraction)
    {
        if (!await views.HasAsync(User, QuizPermissions.Manage)) return NotFound();
        if (!double.TryParse(fraction, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
        {
            Message = "Choose a grade between 0 and 1.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }
        if (!await attempts.GradeManuallyAsync(answerId, value, User.UserName())) return NotFound();
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var pending = new List<(QuizAttempt, SlotView, string)>();
        foreach (var group in (await attempts.PendingManualAsync()).GroupBy(p => p.Attempt.Id))
        {
            var attempt = group.First().Attempt;
            attempt.Questions = group.Select(p => p.Slot).ToList();
            var view = await views.BuildAsync(attempt);
            pending.AddRange(view.Slots.Select(s => (attempt, s, view.Quiz.DisplayText)));
        }
        Pending = pending;
    }
}
