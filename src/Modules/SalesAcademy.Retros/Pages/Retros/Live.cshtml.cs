using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Retros.Models;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.Pages.Retros;

/// <summary>
/// The small fragment the board polls every few seconds (htmx): phase, cards, writers, groups, votes cast — counts only.
/// When the phase has moved on since the page was shown (<c>?phase=</c>), it asks htmx to reload the page.
/// </summary>
[Authorize]
public sealed class LiveModel(RetroBoard board) : PageModel
{
    public (Retro Retro, int Cards, int Writers, int Groups, int Votes) State { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? phase, CancellationToken ct)
    {
        if (await board.FindAsync(User, id, ct) is not var (retro, viewer)) return NotFound();
        Htmx.ReloadIfMoved(Response, phase, Api.RetrosApi.PhaseName(retro.Phase));
        var (cards, writers) = await board.ParticipationAsync(retro, ct);
        var groups = await board.GroupsAsync(retro, viewer, ct);
        State = (retro, cards, writers, groups.Count, await board.VotesCastAsync(retro, ct));
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
