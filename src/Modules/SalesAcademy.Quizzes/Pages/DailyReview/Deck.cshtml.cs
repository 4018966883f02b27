using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.DailyReview;

/// <summary>The signed-in user's review deck: every card with its question's title, due date, state, stability and lapses; remove one.</summary>
[Authorize(Policy = "perm:" + QuizPermissions.Take)]
public sealed class DeckModel(ReviewDeck deck) : PageModel
{
    public IReadOnlyList<(ReviewCard Card, ContentItem? Question)> Cards { get; private set; } = [];
    public bool Removed { get; private set; }

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(bool removed = false)
    {
        Removed = removed;
        Cards = await deck.ListAsync(Me, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRemoveAsync(long cardId)
    {
        if (!await deck.RemoveAsync(Me, cardId, HttpContext.RequestAborted)) return NotFound();
        return RedirectToPage(new { removed = true });
    }
}
