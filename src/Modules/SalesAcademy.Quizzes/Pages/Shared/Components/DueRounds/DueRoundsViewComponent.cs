using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Rounds;

namespace SalesAcademy.Quizzes.Pages.Shared.Components.DueRounds;

/// <summary>The quizzes list's "Due in your team's rounds" panel: each round the reader is due to take, with its deadline; nothing when none.</summary>
public sealed class DueRoundsViewComponent(QuizRounds rounds, PublishedContent published) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier) is not { Length: > 0 } userId) return Content("");
        var due = new List<(DueRound Round, ContentItem Quiz)>();
        foreach (var round in await rounds.DueForAsync(userId, HttpContext.RequestAborted))
            if (await published.ByIdAsync(round.QuizItemId) is { } quiz) due.Add((round, quiz));
        return due.Count == 0 ? Content("") : View(due);
    }
}
