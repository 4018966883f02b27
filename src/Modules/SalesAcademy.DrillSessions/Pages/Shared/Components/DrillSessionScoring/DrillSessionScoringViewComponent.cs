using Microsoft.AspNetCore.Mvc;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Pages.Shared.Components.DrillSessionScoring;

/// <summary>
/// The scoring box on the session page (from <c>_SessionScoring</c>, while scoring is open or closed): the way to one's own
/// ratings, how many have rated (a count, never a score), closing for the facilitator, and the results once closed.
/// </summary>
public sealed class DrillSessionScoringViewComponent(DrillScoreBook book) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long sessionId)
    {
        if (await book.SheetAsync(UserClaimsPrincipal, sessionId, HttpContext.RequestAborted) is not { } sheet) return Content("");
        var mine = (await book.MineAsync(sheet, HttpContext.RequestAborted)).Count;
        var raters = sheet.Seat.Closes ? await book.RaterCountAsync(sessionId, HttpContext.RequestAborted) : (int?)null;
        return View(new SessionScoringBox(sheet, mine, sheet.RatedRoles.Count * sheet.Rubric.Count, raters));
    }
}

/// <param name="Raters">how many people have rated so far: only for those who close scoring</param>
public sealed record SessionScoringBox(ScoringSheet Sheet, int MyRatings, int MyTotal, int? Raters);
