using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Pages.Insights;

/// <summary>
/// A team's goals (<c>/insights/teams/{team}/goals</c>) with the progress the latest insights run found; its leads, trainers
/// and administrators record, change and remove them here. Whoever may not see the team's data gets 404.
/// </summary>
[Authorize]
public sealed class GoalsModel(TeamGoals goals, InsightSnapshots snapshots, ITeamDirectory teams, IStringLocalizer<GoalsModel> t) : PageModel
{
    public string TeamId { get; private set; } = "";
    public string TeamName { get; private set; } = "";
    public bool MayManage { get; private set; }
    public IReadOnlyList<TeamGoal> Goals { get; private set; } = [];
    /// <summary>Goal id → its value in the latest team snapshot.</summary>
    public IReadOnlyDictionary<string, InsightValueView> Progress { get; private set; } = new Dictionary<string, InsightValueView>();
    public DateTime? LatestPeriodEndUtc { get; private set; }
    public TeamGoal? Editing { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    [BindProperty] public long? Id { get; set; }
    [BindProperty] public int? Sequence { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Measure { get; set; }
    [BindProperty] public double? Target { get; set; }
    [BindProperty] public GoalComparison Comparison { get; set; } = GoalComparison.AtLeast;
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? Until { get; set; }

    public async Task<IActionResult> OnGetAsync(string team, long? edit, CancellationToken ct)
    {
        if (!await LoadAsync(team, ct)) return NotFound();
        if (edit is { } id && MayManage && Goals.FirstOrDefault(g => g.Id == id) is { } goal)
        {
            Editing = goal;
            (Id, Sequence, Title, Measure, Target, Comparison) = (goal.Id, goal.Sequence, goal.Title, goal.MeasureKey, goal.Target, goal.Comparison);
            From = DateOnly.FromDateTime(goal.PeriodStartUtc);
            Until = goal.PeriodEndUtc is { } end ? DateOnly.FromDateTime(end) : null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string team, CancellationToken ct)
    {
        var input = new GoalInput(Title, Measure, Target, Comparison, From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Until?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Sequence);
        var result = Id is { } id ? await goals.UpdateAsync(User, team, id, input, ct) : await goals.CreateAsync(User, team, input, ct);
        if (result.Outcome == GoalOutcome.NotFound) return NotFound();
        if (result.Ok) return Redirect($"/insights/teams/{Uri.EscapeDataString(team)}/goals");
        if (!await LoadAsync(team, ct)) return NotFound();
        if (Id is { } editing) Editing = Goals.FirstOrDefault(g => g.Id == editing);
        (Error, ErrorField) = (t[result.Message ?? ""], result.Field);
        Response.StatusCode = result.Outcome == GoalOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string team, long goal, CancellationToken ct)
    {
        var result = await goals.DeleteAsync(User, team, goal, ct);
        return result.Ok ? Redirect($"/insights/teams/{Uri.EscapeDataString(team)}/goals") : NotFound();
    }

    /// <summary>The measure a goal may track, in the reader's language.</summary>
    public string MeasureName(string key) => key switch
    {
        InsightMeasures.FollowThrough => t["Retro actions done on time (share)"],
        InsightMeasures.Mastery => t["Quiz mastery (share of points)"],
        InsightMeasures.Retention => t["Review-deck retention (0-1)"],
        InsightMeasures.DrillScore => t["Drill score (1-5)"],
        InsightMeasures.Pulse => t["Pulse (mean, 1-5)"],
        InsightMeasures.Participation => t["Participation (share)"],
        InsightMeasures.ParticipationQuiz => t["Quiz rounds taken (share)"],
        InsightMeasures.ParticipationDrill => t["Drill sessions joined (share)"],
        InsightMeasures.ParticipationRetro => t["Retro cards written (share of members)"],
        InsightMeasures.ParticipationPulse => t["Pulse answered (share)"],
        InsightMeasures.Spread => t["Even spread of contributions (1 - Gini)"],
        InsightMeasures.Sharing => t["Members who shared knowledge (share)"],
        InsightMeasures.Comments => t["Comments written"],
        InsightMeasures.SharingViews => t["Content views"],
        InsightMeasures.ReadinessIndex => t["Readiness index (0-1)"],
        InsightMeasures.CollaborationIndex => t["Collaboration index (0-1)"],
        _ => key,
    };

    public static string Number(double value) => value.ToString("0.###", CultureInfo.CurrentCulture);

    public static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(string team, CancellationToken ct)
    {
        if (!await goals.MaySeeAsync(User, team)) return false;
        if ((await teams.AllTeamsAsync(ct)).FirstOrDefault(x => x.Id == team) is not { } found) return false;
        (TeamId, TeamName) = (found.Id, found.Name);
        MayManage = await goals.MayManageAsync(User, team);
        Goals = await goals.ListAsync(team, ct);
        var latest = (await snapshots.LatestOfTeamsAsync([team], ct)).FirstOrDefault();
        LatestPeriodEndUtc = latest?.PeriodEndUtc;
        Progress = latest?.All(InsightMeasures.Goal).ToDictionary(v => v.Dimension) ?? new Dictionary<string, InsightValueView>();
        return true;
    }
}
