using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Models;
using SalesAcademy.Teams.Services;

namespace SalesAcademy.Teams.Pages.Teams;

/// <summary>A team's members, for its members and those who may see every team; anyone else gets 404.</summary>
[Authorize]
public sealed class DetailsModel(ITeamDirectory directory, TeamRoster roster) : PageModel
{
    public Team Team { get; private set; } = null!;
    public IReadOnlyList<TeamMemberView> Members { get; private set; } = [];
    public TeamRoleLabels Roles { get; private set; } = new([]);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        // Not 403: a team one may not see is indistinguishable from one that does not exist.
        if (!await directory.CanSeeTeamDataAsync(User, id) || await roster.FindAsync(id) is not { } team) return NotFound();
        Team = team;
        Members = (await roster.MembersAsync([id]))[id];
        Roles = await roster.RolesAsync();
        return Page();
    }
}

/// <summary>The members table shared by /teams and /teams/{id}.</summary>
public sealed record TeamMembersTable(IReadOnlyList<TeamMemberView> Members, TeamRoleLabels Roles);
