using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Hosting;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Pages.DrillSessions;

/// <summary>
/// The small fragment the session page polls every few seconds (htmx): where the session is, the server's clock and when the
/// running step's time box ends (the countdown re-syncs from it), and how many submissions the step has. When the session
/// has moved on since the page was shown (<c>?at=</c>), it asks htmx to reload the page (the theme's <c>data-live-reload</c>).
/// </summary>
[Authorize]
public sealed class LiveModel(DrillSessionBook book) : PageModel
{
    public (DrillSession Session, DateTime Now, int Submissions) State { get; private set; }

    public static string At(DrillSession session) => session.Status == DrillSessionStatus.Running
        ? $"running-{session.CurrentStep}" : Api.DrillSessionsApi.StatusName(session.Status);

    public async Task<IActionResult> OnGetAsync(long id, string? at, CancellationToken ct)
    {
        if (await book.FindAsync(User, id, ct) is not { } view) return NotFound();
        Htmx.ReloadIfMoved(Response, at, At(view.Session));
        var count = (await book.SubmissionsAsync(view, ct)).Count(s => s.Submission.StepIndex == view.Session.CurrentStep);
        State = (view.Session, book.Now, count);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
