using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Dashboards;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Pages.Insights;

/// <summary>A team row of the overview: the team and its latest snapshot (null: never measured).</summary>
public sealed record TeamOverview(TeamName Team, InsightSnapshotView? Latest);

/// <summary>
/// The trainer and administrator overview of every team (a team lead: the teams they lead): each team's latest indices and
/// participation, and topic mastery as a heat map of teams × topics. Anyone who leads no team and cannot see every team gets 404.
/// </summary>
[Authorize]
public sealed class IndexModel(InsightAccess access, InsightSnapshots snapshots, DashboardCharts charts, PublishedContent published) : DashboardPage
{
    public IReadOnlyList<TeamOverview> Teams { get; private set; } = [];
    public bool SeesAll { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? csv, CancellationToken ct)
    {
        var visible = await access.TeamsAsync(User, ct);
        if (visible.Count == 0) return NotFound();
        SeesAll = await access.SeesAllAsync(User);
        var latest = (await snapshots.LatestOfTeamsAsync(visible.Select(t => t.Id).ToList(), ct)).ToDictionary(s => s.TeamId, StringComparer.Ordinal);
        Teams = visible.Select(t => new TeamOverview(t, latest.GetValueOrDefault(t.Id))).ToList();
        var taxonomy = await published.TaxonomyAsync();
        var measured = Teams.Where(t => t.Latest is not null).Select(t => (t.Team.Name, t.Latest!)).ToList();
        Charts = charts.Overview(measured, taxonomy.Label);
        return csv is { Length: > 0 } ? Csv(csv, "teams-insights") : Page();
    }
}
