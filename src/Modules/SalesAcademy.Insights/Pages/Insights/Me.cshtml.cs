using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Dashboards;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Pages.Insights;

/// <summary>
/// A rep's own dashboard: their snapshots across periods in one of their teams (trend, topic mastery, rubric radar,
/// participation), the latest indices expanded. Only the signed-in user's own figures: no colleague, no ranking.
/// </summary>
[Authorize]
public sealed class MeModel(InsightSnapshots snapshots, DashboardCharts charts, PublishedContent published, ITeamDirectory teams) : DashboardPage
{
    public IReadOnlyList<TeamMembership> Teams { get; private set; } = [];
    public string? TeamId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? team, string? csv, CancellationToken ct)
    {
        if (User.UserId() is not { Length: > 0 } me) return NotFound();
        Teams = (await teams.TeamsOfAsync(me)).OrderBy(t => t.TeamName, StringComparer.CurrentCulture).ToList();
        var mine = await snapshots.RepAsync(me, ct: ct);
        // One team's series: the one asked for, else the team with the latest snapshot.
        TeamId = team is { Length: > 0 } && mine.Any(s => s.TeamId == team) ? team : mine.LastOrDefault()?.TeamId;
        var series = mine.Where(s => s.TeamId == TeamId).ToList();
        var taxonomy = await published.TaxonomyAsync();
        Charts = charts.For(series, taxonomy.Label, includeParticipation: true);
        await LoadIndicesAsync(snapshots, series, ct);
        return csv is { Length: > 0 } ? Csv(csv, "my-insights") : Page();
    }
}
