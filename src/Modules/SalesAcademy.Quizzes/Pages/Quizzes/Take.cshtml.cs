using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Quizzes;

/// <summary>
/// Taking an attempt: every question on one page; each change is saved on the server (htmx posts the form, only changed
/// answers are written); without script the Save button does the same. A stale sequence is refused with a message.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class TakeModel(QuizAttempts attempts, AttemptViews views, TimeProvider clock) : PageModel
{
    public AttemptView View { get; private set; } = null!;
    public string? Message { get; private set; }
    public SaveStatus? Status { get; private set; }
    public int Sequence { get; private set; }
    /// <summary>Slots (0-based) still without an answer when a submit was asked for without confirming them.</summary>
    public IReadOnlyList<int>? Gaps { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var attempt = await attempts.GetOwnAsync(id, UserId);
        if (attempt is null) return NotFound();
        if (!attempt.IsOpen) return Redirect($"/quizzes/attempt/{id}/result");
        View = await views.BuildAsync(attempt);
        Sequence = attempt.Sequence;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long id) => await SaveAsync(id, thenSubmit: false);

    public async Task<IActionResult> OnPostSubmitAsync(long id) => await SaveAsync(id, thenSubmit: true);

    public async Task<IActionResult> OnPostAbandonAsync(long id)
    {
        if (await attempts.GetOwnAsync(id, UserId) is not { } attempt) return NotFound();
        await attempts.AbandonAsync(id, UserId);
        return Redirect($"/quizzes/attempt/{id}/result");
    }

    private async Task<IActionResult> SaveAsync(long id, bool thenSubmit)
    {
        var attempt = await attempts.GetOwnAsync(id, UserId);
        if (attempt is null) return NotFound();
        var htmx = Request.IsHtmx();
        if (!attempt.IsOpen)
        {
            if (thenSubmit) return Redirect($"/quizzes/attempt/{id}/result");
            return htmx ? Partial("_SaveStatus", new SaveResult(SaveStatus.Closed, attempt.Sequence, "This attempt is finished; nothing more can be saved."))
                : Redirect($"/quizzes/attempt/{id}/result");
        }
        View = await views.BuildAsync(attempt);
        var form = await Request.ReadFormAsync();
        var sequence = int.TryParse(form[AnswerForm.Sequence], out var s) ? s : -1;
        var result = await attempts.SaveAsync(id, UserId, sequence, AnswerForm.Read(form, View.Slots));
        var gapsConfirmed = form[AnswerForm.GapsConfirmed] == "1";
        if (result.Status == SaveStatus.Saved && thenSubmit && !gapsConfirmed && !(attempt.DeadlineUtc is { } due && clock.GetUtcNow().UtcDateTime >= due))
        {
            // Unanswered questions: ask first (the page's script asks before posting; this is the answer without script).
            var saved = (await attempts.GetOwnAsync(id, UserId))!;
            var current = await views.BuildAsync(saved);
            var gaps = current.Slots.Where(slot => slot.Response is null).Select(slot => slot.Slot.Slot).ToList();
            if (gaps.Count > 0)
            {
                View = current;
                Sequence = saved.Sequence;
                Gaps = gaps;
                return Page();
            }
        }
        if (result.Status == SaveStatus.Saved && thenSubmit)
        {
            await attempts.SubmitAsync(id, UserId);
            return Redirect($"/quizzes/attempt/{id}/result");
        }
        if (result.Status == SaveStatus.Closed) return htmx ? Partial("_SaveStatus", result) : Redirect($"/quizzes/attempt/{id}/result");
        if (htmx) return Partial("_SaveStatus", result);

        // Without script: show the page again, with what the server holds now and what happened.
        var fresh = (await attempts.GetOwnAsync(id, UserId))!;
        View = await views.BuildAsync(fresh);
        Sequence = fresh.Sequence;
        Status = result.Status;
        Message = result.Message;
        if (result.Status is SaveStatus.Stale or SaveStatus.Invalid) Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
