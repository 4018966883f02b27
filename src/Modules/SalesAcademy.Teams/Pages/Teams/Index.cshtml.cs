using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Teams.Services;

namespace SalesAcademy.Teams.Pages.Teams;

/// <summary>The signed-in user's teams, each with its members and their team roles.</summary>
[Authorize]
public sealed class IndexModel(ITeamDirectory directory, TeamRoster roster) : PageModel
{
    public IReadOnlyList<TeamMembership> Teams { get; private set; } = [];
    public IReadOnlyDictionary<string, List<TeamMemberView>> Members { get; private set; } = new Dictionary<string, List<TeamMemberView>>();
    public TeamRoleLabels Roles { get; private set; } = new([]);

    public async Task OnGetAsync()
    {
        Teams = await directory.TeamsOfAsync(User.UserId() ?? "");
        Members = await roster.MembersAsync(Teams.Select(t => t.TeamId).ToList());
        Roles = await roster.RolesAsync();
    }
}
