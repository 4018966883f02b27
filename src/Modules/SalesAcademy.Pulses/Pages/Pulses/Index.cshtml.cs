using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Pulses.Services;

namespace SalesAcademy.Pulses.Pages.Pulses;

/// <summary>The signed-in user's teams and their pulses: answer the open ones, see each team's results. Trainers and administrators also get every other team.</summary>
[Authorize]
public sealed class IndexModel(PulseBook book, ITeamDirectory teams) : PageModel
{
    public sealed record TeamPulses(string TeamId, string TeamName, IReadOnlyList<PulseView> Pulses, IReadOnlySet<long> Answered);

    public IReadOnlyList<TeamPulses> Mine { get; private set; } = [];
    public IReadOnlyList<TeamName> Others { get; private set; } = [];
    public int MinRespondents => book.MinRespondents;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = PulseBook.Me(User);
        var memberships = await teams.TeamsOfAsync(me);
        var mine = new List<TeamPulses>();
        foreach (var team in memberships.DistinctBy(t => t.TeamId))
        {
            var pulses = await book.ForTeamAsync(team.TeamId, ct);
            var answered = new HashSet<long>();
            foreach (var p in pulses.Where(p => p.Open)) if (await book.HasAnsweredAsync(p.Pulse.Id, me, ct)) answered.Add(p.Pulse.Id);
            mine.Add(new TeamPulses(team.TeamId, team.TeamName, pulses, answered));
        }
        Mine = mine;
        var others = new List<TeamName>();
        foreach (var team in (await teams.AllTeamsAsync(ct)).Where(t => memberships.All(m => m.TeamId != t.Id)))
            if (await book.MaySeeAsync(User, team.Id)) others.Add(team);
        Others = others;
    }
}
