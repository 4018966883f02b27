using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Api;
using SalesAcademy.Insights.Models;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Api;

/// <summary>
/// <c>/api/v1/insights/teams/{team}/goals</c>: a team's goals (list, record, change, remove) through <see cref="TeamGoals"/>, the
/// same writer and rules as the page: reading for whoever may see the team's data, writing for its leads, trainers and
/// administrators; anyone else gets 404.
/// </summary>
public static class InsightsApi
{
    public static void MapInsightsApiV1(this IEndpointRouteBuilder endpoints)
    {
        var goals = endpoints.MapPortalApi("/insights/teams/{team}/goals", "Insights");
        goals.MapGet("", ListAsync).WithName("ListTeamGoals").WithSummary("The team's goals, newest period first")
            .Produces<IReadOnlyList<GoalState>>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        goals.MapPost("", CreateAsync).WithName("CreateTeamGoal").WithSummary("Records a goal for the team (201)")
            .WithDescription("measure: one of the goal measures listed on /about/metrics (followthrough, participation, mastery, …); "
                + "comparison: atLeast or atMost; target on the measure's own scale (a share 0-1, a 1-5 mean). 422 names each refused field.")
            .Produces<GoalState>(StatusCodes.Status201Created)
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        goals.MapPut("/{id}", UpdateAsync).WithName("UpdateTeamGoal").WithSummary("Changes a goal; 409 when it changed since the sequence sent")
            .Produces<GoalState>().Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType);
        goals.MapDelete("/{id}", DeleteAsync).WithName("DeleteTeamGoal").WithSummary("Removes a goal (204)")
            .Produces(StatusCodes.Status204NoContent);
    }

    public sealed record GoalBody(string? Title, string? Measure, double? Target, string? Comparison, DateTime? PeriodStartUtc, DateTime? PeriodEndUtc,
        int? Sequence = null);

    public sealed record GoalState(long Id, string TeamId, string Title, string Measure, double Target, string Comparison, DateTime PeriodStartUtc,
        DateTime? PeriodEndUtc, int Sequence, DateTime CreatedUtc);

    private static async Task<IResult> ListAsync(string team, ClaimsPrincipal user, TeamGoals goals, CancellationToken ct) =>
        await goals.MaySeeAsync(user, team) ? Results.Ok((await goals.ListAsync(team, ct)).Select(State).ToList()) : ApiResults.NotFound();

    private static async Task<IResult> CreateAsync(string team, GoalBody body, ClaimsPrincipal user, TeamGoals goals, CancellationToken ct)
    {
        if (Input(body) is not { } input) return BadComparison();
        var result = await goals.CreateAsync(user, team, input, ct);
        if (!result.Ok) return Refused(result);
        var goal = (await goals.ListAsync(team, ct)).First(g => g.Id == result.Id);
        return Results.Created($"/api/v1/insights/teams/{Uri.EscapeDataString(team)}/goals/{goal.Id}", State(goal));
    }

    private static async Task<IResult> UpdateAsync(string team, long id, GoalBody body, ClaimsPrincipal user, TeamGoals goals, CancellationToken ct)
    {
        if (Input(body) is not { } input) return BadComparison();
        var result = await goals.UpdateAsync(user, team, id, input, ct);
        if (!result.Ok) return Refused(result);
        return Results.Ok(State((await goals.ListAsync(team, ct)).First(g => g.Id == id)));
    }

    private static async Task<IResult> DeleteAsync(string team, long id, ClaimsPrincipal user, TeamGoals goals, CancellationToken ct)
    {
        var result = await goals.DeleteAsync(user, team, id, ct);
        return result.Ok ? Results.NoContent() : Refused(result);
    }

    private static GoalInput? Input(GoalBody body)
    {
        GoalComparison comparison;
        if (string.IsNullOrEmpty(body.Comparison)) comparison = GoalComparison.AtLeast;
        else if (!Enum.TryParse(body.Comparison, ignoreCase: true, out comparison) || !Enum.IsDefined(comparison)) return null;
        return new GoalInput(body.Title, body.Measure, body.Target, comparison, body.PeriodStartUtc, body.PeriodEndUtc, body.Sequence);
    }

    private static IResult BadComparison() => ApiResults.Invalid([new ApiFieldError("comparison", "Comparison: choose atLeast or atMost.")]);

    private static IResult Refused(GoalResult result) => result.Outcome switch
    {
        GoalOutcome.NotFound => ApiResults.NotFound(),
        GoalOutcome.Conflict => ApiResults.Problem(StatusCodes.Status409Conflict, "Changed meanwhile.", result.Message),
        _ => ApiResults.Invalid([new ApiFieldError(result.Field == "measure" ? "measure" : result.Field!, result.Message!)]),
    };

    private static GoalState State(TeamGoal g) => new(g.Id, g.TeamId, g.Title, g.MeasureKey, g.Target,
        g.Comparison == GoalComparison.AtLeast ? "atLeast" : "atMost", g.PeriodStartUtc, g.PeriodEndUtc, g.Sequence, g.CreatedUtc);
}
