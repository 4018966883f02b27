using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Api;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Api;

/// <summary>
/// <c>/api/v1/drill-sessions/{id}/scores</c> and <c>…/results</c>: the caller's own ratings (read and write while scoring is
/// open) and the results once it has closed. The same writer and rules as the pages: someone not in the session (and not
/// its facilitator, a lead of its team, a trainer or an administrator) gets 404; while scoring is open the results are a
/// 409 problem, and no answer ever carries another rater's scores before the close.
/// </summary>
public static class DrillScoresApi
{
    public static void MapDrillScoresApiV1(this IEndpointRouteBuilder endpoints)
    {
        var scores = endpoints.MapPortalApi("/drill-sessions", "Drill sessions");
        scores.MapGet("/{id}/scores", GetScoresAsync).WithName("GetDrillSessionScores")
            .WithSummary("The caller's own ratings of the session's roles, the rubric and whether scoring is open")
            .Produces<ScoresState>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        scores.MapPut("/{id}/scores", PutScoresAsync).WithName("PutDrillSessionScores")
            .WithSummary("Sets, changes or takes back (score null) the caller's ratings while scoring is open")
            .WithDescription("Each rating names roleKey, criterionIndex (0-based, in the rubric), score 1-5 (or null) and an optional comment. "
                + "All or nothing: 422 names each refused field; 409 when scoring is not open (not yet, closed, or final).")
            .Produces<ScoresState>().Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType);
        scores.MapGet("/{id}/results", GetResultsAsync).WithName("GetDrillSessionResults")
            .WithSummary("The results once scoring has closed: per role and criterion the raters' scores, mean and spread, the weighted role score, the team score")
            .WithDescription("409 while scoring has not closed: nobody sees another rater's scores, comments or any aggregate before that.")
            .Produces<ResultsState>().Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType);
    }

    public sealed record RatingBody(string? RoleKey, int CriterionIndex, int? Score, string? Comment);
    public sealed record ScoresBody(IReadOnlyList<RatingBody>? Ratings);

    public sealed record CriterionInfo(int Index, string Criterion, int Weight, IReadOnlyDictionary<int, string> Anchors);
    public sealed record MyRating(string RoleKey, int CriterionIndex, int Score, string? Comment, string Kind, DateTime UpdatedUtc);
    public sealed record ScoresState(long SessionId, string Status, bool Open, bool Final, IReadOnlyList<string> RatedRoles, IReadOnlyList<CriterionInfo> Rubric,
        IReadOnlyList<MyRating> Ratings);

    public sealed record RaterScore(string RaterUserId, string RaterName, string Kind, int Score, string? Comment);
    /// <param name="Spread">max - min of the raters' scores (null: unrated)</param>
    public sealed record CriterionState(int Index, string Criterion, int Weight, bool Rated, double? Mean, int? Min, int? Max, int? Spread, bool Disagreement,
        IReadOnlyList<RaterScore> Ratings);
    /// <param name="Score">weighted mean on the 1-5 scale over the rated criteria (see criteriaRated/weightRated); null: nobody rated the role</param>
    public sealed record RoleState(string RoleKey, string? PlayerUserId, double? Score, int CriteriaRated, int CriteriaTotal, int WeightRated,
        IReadOnlyList<CriterionState> Criteria);
    public sealed record ResultsState(long SessionId, string Status, double? TeamScore, int RolesRated, int RolesTotal, int Disagreements,
        bool Final, DateTime? FinalizedUtc, string? FinalizedBy, string? FinalNote, IReadOnlyList<RoleState> Roles);

    private static async Task<IResult> GetScoresAsync(long id, ClaimsPrincipal user, DrillScoreBook book, CancellationToken ct) =>
        await book.SheetAsync(user, id, ct) is { } sheet ? Results.Ok(await ScoresAsync(sheet, book, ct)) : ApiResults.NotFound();

    private static async Task<IResult> PutScoresAsync(long id, ScoresBody body, ClaimsPrincipal user, DrillScoreBook book, CancellationToken ct)
    {
        var inputs = (body.Ratings ?? []).Select(r => new RatingInput(r.RoleKey, r.CriterionIndex, r.Score, r.Comment)).ToList();
        var result = await book.RateAsync(user, id, inputs, ct);
        if (!result.Ok) return Refused(result);
        return await book.SheetAsync(user, id, ct) is { } sheet ? Results.Ok(await ScoresAsync(sheet, book, ct)) : ApiResults.NotFound();
    }

    private static async Task<IResult> GetResultsAsync(long id, ClaimsPrincipal user, DrillScoreBook book, CancellationToken ct)
    {
        if (await book.SheetAsync(user, id, ct) is not { } sheet) return ApiResults.NotFound();
        if (await book.ResultsAsync(sheet, ct) is not { } r)
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Scoring is not closed.",
                "The results appear once the facilitator closes scoring; until then each rater sees only their own ratings.");
        var s = sheet.Session;
        return Results.Ok(new ResultsState(s.Id, StatusName(s.Status), r.Results.TeamScore, r.Results.RolesRated, r.Results.Roles.Count,
            r.Results.DisagreementCount, sheet.Finalized, s.FinalizedUtc, r.FinalizedBy, s.FinalNote,
            r.Results.Roles.Select(role => new RoleState(role.RoleKey, sheet.Players.GetValueOrDefault(role.RoleKey), role.Score, role.CriteriaRated,
                role.CriteriaTotal, role.WeightRated, role.Criteria.Select(c => new CriterionState(c.CriterionIndex, c.Criterion, c.Weight, c.Rated, c.Mean,
                    c.Min, c.Max, c.Spread, c.Disagreement,
                    c.Ratings.Select(x => new RaterScore(x.RaterUserId, x.RaterName, KindName(x.Kind), x.Score, x.Comment)).ToList())).ToList())).ToList()));
    }

    private static async Task<ScoresState> ScoresAsync(ScoringSheet sheet, DrillScoreBook book, CancellationToken ct) =>
        new(sheet.Session.Id, StatusName(sheet.Session.Status), sheet.Open, sheet.Finalized, sheet.RatedRoles,
            sheet.Rubric.Select((c, i) => new CriterionInfo(i, c.Criterion, c.Weight, c.Anchors)).ToList(),
            (await book.MineAsync(sheet, ct)).Select(r => new MyRating(r.RateeRoleKey, r.CriterionIndex, r.Score, r.Comment, KindName(r.RaterKind), r.UpdatedUtc)).ToList());

    private static IResult Refused(ScoringResult result) => result.Outcome switch
    {
        ScoringOutcome.NotFound => ApiResults.NotFound(),
        ScoringOutcome.Conflict => ApiResults.Problem(StatusCodes.Status409Conflict, "Not possible now.", result.Errors![0].Message),
        _ => ApiResults.Invalid(result.Errors!.Select(e => new ApiFieldError(e.Field, string.Format(CultureInfo.InvariantCulture, e.Message, e.Args)))),
    };

    public static string StatusName(DrillSessionStatus status) => status.ToString().ToLowerInvariant();

    public static string KindName(DrillRaterKind kind) => kind.ToString().ToLowerInvariant();
}
