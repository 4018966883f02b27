using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Dashboards;
using SalesAcademy.Insights.Recommendations;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Pages.Insights;

/// <summary>
/// A team's dashboard for its leads, trainers and administrators: the team's trend, topic mastery, rubric radar and
/// participation, the latest indices expanded, and recommendations for its weakest topics and criteria with a one-click
/// assign (a quiz round or a drill session). Anyone else gets 404, on the page, its CSV downloads and the assign.
/// </summary>
[Authorize]
public sealed class TeamModel(InsightAccess access, InsightSnapshots snapshots, DashboardCharts charts, PublishedContent published,
    Recommender recommender, RecommendationAssign assign, InsightText text) : DashboardPage
{
    public TeamName Team { get; private set; } = new("", "");
    public IReadOnlyList<Recommendation> Recommendations { get; private set; } = [];
    public bool SeesAll { get; private set; }
    [TempData] public string? RecommendationAssigned { get; set; }
    public string? AssignError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string teamId, string? csv, CancellationToken ct)
    {
        if (await access.TeamAsync(User, teamId, ct) is not { } team) return NotFound();
        await LoadAsync(team, ct);
        return csv is { Length: > 0 } ? Csv(csv, "team-insights") : Page();
    }

    /// <summary>Assigns a recommended quiz (as a quiz round) or drill (as a drill session) to the team.</summary>
    public async Task<IActionResult> OnPostAssignAsync(string teamId, string? kind, string? item, CancellationToken ct)
    {
        AssignAs? assignAs = kind switch { "quiz" => AssignAs.QuizRound, "drill" => AssignAs.DrillSession, _ => null };
        if (assignAs is null) return BadRequest();
        var result = await assign.AssignAsync(User, teamId, assignAs.Value, item ?? "", ct);
        if (!result.Found) return NotFound();
        if (result.Ok)
        {
            RecommendationAssigned = assignAs == AssignAs.QuizRound ? "quiz" : "drill";
            return RedirectToPage(new { teamId });
        }
        var team = (await access.TeamAsync(User, teamId, ct))!;
        await LoadAsync(team, ct);
        AssignError = text.Message(result.Error!);
        return Page();
    }

    private async Task LoadAsync(TeamName team, CancellationToken ct)
    {
        Team = team;
        SeesAll = await access.SeesAllAsync(User);
        var series = await snapshots.TeamAsync(team.Id, ct: ct);
        var taxonomy = await published.TaxonomyAsync();
        Charts = charts.For(series, taxonomy.Label, includeParticipation: true);
        await LoadIndicesAsync(snapshots, series, ct);
        Recommendations = await recommender.ForTeamAsync(team.Id, ct);
    }
}
