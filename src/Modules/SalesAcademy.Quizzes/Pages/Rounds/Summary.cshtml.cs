using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Rounds;

namespace SalesAcademy.Quizzes.Pages.Rounds;

/// <summary>
/// A quiz round's summary: participation, mean score, weakest questions, each member's state and who has not taken it.
/// Trainers and administrators (quizzes.manage) see every team of the round; a team lead (quizzes.results.team) the
/// teams of the round they lead; anyone else, or a lead of none of its teams, gets 404. <c>?team=</c> narrows to one team.
/// </summary>
[Authorize]
public sealed class SummaryModel(QuizRounds rounds, AttemptViews views, ITeamDirectory teams, IUserDirectory users) : PageModel
{
    public RoundSummary Summary { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> DisplayNames { get; private set; } = new Dictionary<string, string>();
    public string? Team { get; private set; }

    public async Task<IActionResult> OnGetAsync(long runId, string? team, CancellationToken ct)
    {
        var manager = await views.HasAsync(User, QuizPermissions.Manage);
        if (!manager && !await views.HasAsync(User, QuizPermissions.TeamResults)) return NotFound();
        if (await rounds.TeamsOfRunAsync(runId, ct) is not { } roundTeams) return NotFound();
        IReadOnlyCollection<string> visible = roundTeams;
        if (!manager)
        {
            var me = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            var led = (await teams.TeamsOfAsync(me)).Where(t => t.TeamRole == TeamRoles.Lead).Select(t => t.TeamId).ToHashSet(StringComparer.Ordinal);
            visible = roundTeams.Where(led.Contains).ToList();
            if (visible.Count == 0) return NotFound();
        }
        if (!string.IsNullOrEmpty(team))
        {
            if (!visible.Contains(team)) return NotFound();
            visible = [team];
            Team = team;
        }
        Summary = await rounds.SummaryAsync(runId, visible, ct);
        DisplayNames = await users.DisplayNamesAsync(Summary.Members.Select(m => m.Assignment.UserName).ToList(), ct);
        return Page();
    }

    public string NameOf(RoundMember member) => DisplayNames.GetValueOrDefault(member.Assignment.UserName) ?? member.Assignment.UserName;
}
