using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.DailyReview;

/// <summary>
/// <c>POST /daily-review/add</c> (questionId, optional local returnUrl): the "Add to my review deck" button of an attempt's
/// results. Only a published question the user was shown in one of their own finished attempts may be added; anything
/// else is 404, so the deck never opens a question (and its answer) the user has not met; so is a question whose quiz
/// shows its answers only after it closes, until it closes. Adding twice changes nothing.
/// </summary>
[Authorize(Policy = "perm:" + QuizPermissions.Take)]
public sealed class AddModel(ReviewDeck deck, PublishedContent published, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string? questionId, string? returnUrl)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (string.IsNullOrEmpty(questionId)
            || await published.ByIdAsync(questionId) is not { ContentType: QuizzesModule.QuestionType }
            || await deck.RevealTimeAsync(me, questionId, HttpContext.RequestAborted) is not { } reveal
            || reveal > clock.GetUtcNow().UtcDateTime) return NotFound();

        await deck.AddAsync(me, [questionId], CardOrigin.AddedByUser, HttpContext.RequestAborted);
        if (Request.IsHtmx()) return Partial("_AddedToDeck");
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/daily-review/deck");
    }
}
