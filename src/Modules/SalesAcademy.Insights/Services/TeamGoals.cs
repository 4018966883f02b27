using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Services;

public enum GoalOutcome { Ok, NotFound, Invalid, Conflict }

/// <summary>The answer of a goal write; <see cref="Field"/> and <see cref="Message"/> (an English PO msgid) say what is wrong.</summary>
public sealed record GoalResult(GoalOutcome Outcome, long Id = 0, string? Field = null, string? Message = null)
{
    public static readonly GoalResult NotFound = new(GoalOutcome.NotFound);
    public static readonly GoalResult Conflict = new(GoalOutcome.Conflict, Message: "Someone else changed this goal: reload and try again.");
    public bool Ok => Outcome == GoalOutcome.Ok;
}

/// <summary>What a goal form or API body says. <paramref name="Sequence"/>: the version it was based on (updates only).</summary>
public sealed record GoalInput(string? Title, string? MeasureKey, double? Target, GoalComparison Comparison, DateTime? PeriodStartUtc,
    DateTime? PeriodEndUtc, int? Sequence = null);

/// <summary>
/// The one writer of team goals (pages and API): a team's leads holding insights.goals, and trainers and administrators
/// (teams.viewall) may record, change and remove them; everyone else is told the team has none to change (404). Each write
/// is audited. The run shows progress on them in the team's snapshots.
/// </summary>
public sealed class TeamGoals(InsightsDbContext db, ITeamDirectory teams, IAuthorizationService authorization, IAuditLog audit,
    DatabaseWriteGate gate, TimeProvider clock)
{
    /// <summary>The Teams module's "see every team" permission (trainers, administrators), named here rather than referenced.</summary>
    public const string ViewAllTeams = "teams.viewall";
    public const int MaxTitle = 200;

    /// <summary>Whether the user may change the team's goals.</summary>
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, string teamId)
    {
        if (user.UserId() is not { Length: > 0 } me || !await authorization.HasPermissionAsync(user, InsightsPermissions.Goals)) return false;
        return await authorization.HasPermissionAsync(user, ViewAllTeams)
               || (await teams.TeamsOfAsync(me)).Any(t => t.TeamId == teamId && t.TeamRole == TeamRoles.Lead);
    }

    /// <summary>Whether the user may see the team's goals: whoever may see the team's data, or manage its goals.</summary>
    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, string teamId) =>
        await teams.CanSeeTeamDataAsync(user, teamId) || await MayManageAsync(user, teamId);

    public async Task<IReadOnlyList<TeamGoal>> ListAsync(string teamId, CancellationToken ct = default) =>
        await db.Goals.AsNoTracking().Where(g => g.TeamId == teamId).OrderByDescending(g => g.PeriodStartUtc).ThenBy(g => g.Id).ToListAsync(ct);

    public async Task<GoalResult> CreateAsync(ClaimsPrincipal user, string teamId, GoalInput input, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, teamId)) return GoalResult.NotFound;
        if (Check(input) is { } invalid) return invalid;
        var goal = new TeamGoal { TeamId = teamId, CreatedByUserId = user.UserId(), CreatedUtc = clock.GetUtcNow().UtcDateTime };
        Apply(goal, input);
        using (await gate.EnterAsync(ct))
        {
            db.Goals.Add(goal);
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        await audit.RecordAsync("insights.goal.create", Target(teamId, goal.Id), Details(input), user.UserName(), ct);
        return new GoalResult(GoalOutcome.Ok, goal.Id);
    }

    /// <summary>Changes a goal; refused (409) when it changed since <see cref="GoalInput.Sequence"/>.</summary>
    public async Task<GoalResult> UpdateAsync(ClaimsPrincipal user, string teamId, long id, GoalInput input, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, teamId)) return GoalResult.NotFound;
        if (Check(input) is { } invalid) return invalid;
        // A form based on an older version is refused (409); two saves of the same version: the second starts over and is refused.
        var result = await gate.ChangeAsync(db, async () =>
        {
            var goal = await db.Goals.FirstOrDefaultAsync(g => g.Id == id && g.TeamId == teamId, ct);
            if (goal is null) return Change.Stop(GoalResult.NotFound);
            if (input.Sequence is { } seen && seen != goal.Sequence) return Change.Stop(GoalResult.Conflict);
            Apply(goal, input);
            goal.Sequence++;
            return Change.Save(new GoalResult(GoalOutcome.Ok, id));
        }, ct);
        if (!result.Ok) return result;
        await audit.RecordAsync("insights.goal.update", Target(teamId, id), Details(input), user.UserName(), ct);
        return new GoalResult(GoalOutcome.Ok, id);
    }

    public async Task<GoalResult> DeleteAsync(ClaimsPrincipal user, string teamId, long id, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, teamId)) return GoalResult.NotFound;
        int deleted;
        using (await gate.EnterAsync(ct))
            deleted = await db.Goals.Where(g => g.Id == id && g.TeamId == teamId).ExecuteDeleteAsync(ct);
        if (deleted == 0) return GoalResult.NotFound;
        await audit.RecordAsync("insights.goal.delete", Target(teamId, id), null, user.UserName(), ct);
        return new GoalResult(GoalOutcome.Ok, id);
    }

    /// <summary>The first thing wrong with the input: its field and an English PO msgid, or null.</summary>
    public static GoalResult? Check(GoalInput input)
    {
        GoalResult Invalid(string field, string message) => new(GoalOutcome.Invalid, Field: field, Message: message);
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) return Invalid("title", "Title: say what the team wants to reach.");
        if (title.Length > MaxTitle) return Invalid("title", "Title: at most 200 characters.");
        if (string.IsNullOrEmpty(input.MeasureKey) || !InsightMaths.GoalMeasures.ContainsKey(input.MeasureKey))
            return Invalid("measure", "Measure: choose one of the listed measures.");
        if (input.Target is not { } target || !double.IsFinite(target) || target < 0 || target > 1_000_000)
            return Invalid("target", "Target: enter a number of 0 or more.");
        if (!Enum.IsDefined(input.Comparison)) return Invalid("comparison", "Comparison: choose at least or at most.");
        if (input.PeriodStartUtc is null) return Invalid("periodStart", "From: enter the day the goal starts.");
        if (input.PeriodEndUtc is { } end && end <= input.PeriodStartUtc) return Invalid("periodEnd", "Until: must be after the start.");
        return null;
    }

    private static void Apply(TeamGoal goal, GoalInput input)
    {
        goal.Title = input.Title!.Trim();
        goal.MeasureKey = input.MeasureKey!;
        goal.Target = input.Target!.Value;
        goal.Comparison = input.Comparison;
        goal.PeriodStartUtc = DateTime.SpecifyKind(input.PeriodStartUtc!.Value, DateTimeKind.Utc);
        goal.PeriodEndUtc = input.PeriodEndUtc is { } end ? DateTime.SpecifyKind(end, DateTimeKind.Utc) : null;
    }

    private static string Target(string teamId, long id) => teamId + "/goal/" + id.ToString(CultureInfo.InvariantCulture);

    private static string Details(GoalInput input) =>
        string.Create(CultureInfo.InvariantCulture, $"{input.MeasureKey} {input.Comparison} {input.Target}");
}
