using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.Pages.Retros;

/// <summary>A team's open actions (the lead's view; the team's members, trainers and administrators see it too; anyone else 404).</summary>
[Authorize]
public sealed class ActionsModel(OpenActions open, ITeamDirectory teams, RetroAccess access) : PageModel
{
    public string TeamName { get; private set; } = "";
    public IReadOnlyList<OpenActionView> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? team, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(team) || !await teams.CanSeeTeamDataAsync(User, team)) return NotFound();
        TeamName = (await access.VisibleTeamsAsync(User, ct)).FirstOrDefault(t => t.Id == team)?.Name ?? "";
        Actions = await open.OfTeamAsync(team, ct);
        return Page();
    }
}
