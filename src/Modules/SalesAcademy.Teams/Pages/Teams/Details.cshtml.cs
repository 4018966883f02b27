using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Models;
using SalesAcademy.Teams.Services;

namespace SalesAcademy.Teams.Pages.Teams;

/// <summary>A team's members, for its members and those who may see every team; anyone else gets 404.</summary>
[Authorize]
public sealed class DetailsModel(ITeamDirectory directory, TeamRoster roster, TeamProgress progress, ITeamCycles cycles) : PageModel
{
    public Team Team { get; private set; } = null!;
    public IReadOnlyList<TeamMemberView> Members { get; private set; } = [];
    public TeamRoleLabels Roles { get; private set; } = new([]);
    /// <summary>Members × quizzes, review deck and contributions: only for the team's leads, trainers and administrators.</summary>
    public TeamProgressGrid? Progress { get; private set; }
    /// <summary>The scheduled cycles that target the team (from the Scheduling module, if installed).</summary>
    public IReadOnlyList<CycleSummary> Cycles { get; private set; } = [];
    /// <summary>Trainers, administrators and the team's leads manage its cycles.</summary>
    public bool MayManageCycles { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        // Not 403: a team one may not see is indistinguishable from one that does not exist.
        if (!await directory.CanSeeTeamDataAsync(User, id) || await roster.FindAsync(id) is not { } team) return NotFound();
        Team = team;
        Members = (await roster.MembersAsync([id]))[id];
        Roles = await roster.RolesAsync();
        if (await progress.MaySeeAsync(User, id)) Progress = await progress.GridAsync(id, HttpContext.RequestAborted);
        Cycles = await cycles.ForTeamAsync(id, HttpContext.RequestAborted);
        MayManageCycles = await cycles.MayManageAsync(User, id, HttpContext.RequestAborted);
        return Page();
    }
}

/// <summary>The members table shared by /teams and /teams/{id}.</summary>
public sealed record TeamMembersTable(IReadOnlyList<TeamMemberView> Members, TeamRoleLabels Roles);

/// <summary>The progress grid of one team, with the labels of its team roles.</summary>
public sealed record TeamProgressTable(string TeamId, TeamProgressGrid Grid, TeamRoleLabels Roles);

/// <summary>The team's cycles section: what targets the team, and whether the reader may manage them.</summary>
public sealed record TeamCyclesSection(string TeamId, IReadOnlyList<CycleSummary> Cycles, bool MayManage);
