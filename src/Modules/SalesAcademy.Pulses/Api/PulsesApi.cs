using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Security;
using SalesAcademy.Pulses.Services;

namespace SalesAcademy.Pulses.Api;

/// <summary>
/// <c>/api/v1/pulses</c>: a team's pulses, one pulse with its statements, answering, results and the trend, with the
/// pages' rules: only the team's members, its leads, trainers and administrators; anyone else gets 404. Results need
/// at least the minimum of distinct respondents (<c>Pulses:MinRespondents</c>, never below 3). No response names who answered.
/// </summary>
public static class PulsesApi
{
    public static void MapPulsesApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapPortalApi("/pulses", "Pulses");
        api.MapGet("", ListAsync).WithName("ListPulses")
            .WithSummary("Pulses of a team (teamId), or of the caller's teams, newest first")
            .WithDescription("404 when the caller may not see the team (only its members, trainers and administrators may).")
            .Produces<ApiPage<PulseSummary>>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        api.MapGet("/{id}", GetAsync).WithName("GetPulse")
            .WithSummary("A pulse: its statements (pinned pack version), the participation count, and whether the caller has answered")
            .Produces<PulseDetail>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        api.MapPut("/{id}/answers", AnswerAsync).WithName("AnswerPulse")
            .WithSummary("Answers every statement 1 to 5 (anonymous); answering again while the pulse is open replaces the answers")
            .WithDescription("Only the team's members answer: 409 for others who may see the team, and when the pulse is closed; 422 names each statement refused.")
            .Produces<AnswerResult>()
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        api.MapGet("/{id}/results", ResultsAsync).WithName("GetPulseResults")
            .WithSummary("Per dimension and statement: mean and distribution of 1..5 - only when enough distinct people answered (shown: false otherwise)")
            .Produces<PulseResults>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        api.MapGet("/teams/{teamId}/trend", TrendAsync).WithName("GetPulseTrend")
            .WithSummary("A team's mean per dimension across its pulses of one pack (packId, else the newest pulse's pack); pulses below the minimum are left out")
            .Produces<PulseTrend>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
    }

    private static async Task<IResult> ListAsync(string? teamId, int? page, int? pageSize, ClaimsPrincipal user, PulseBook book,
        ITeamDirectory teams, CancellationToken ct)
    {
        var errors = ApiPaging.Check(page, pageSize);
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        IReadOnlyList<string> teamIds;
        if (!string.IsNullOrEmpty(teamId))
        {
            if (!await book.MaySeeAsync(user, teamId)) return ApiResults.NotFound();
            teamIds = [teamId];
        }
        else teamIds = (await teams.TeamsOfAsync(PulseBook.Me(user))).Select(t => t.TeamId).ToList();
        var items = new List<PulseSummary>();
        foreach (var id in teamIds) items.AddRange((await book.ForTeamAsync(id, ct)).Select(PulseSummary.From));
        return Results.Ok(items.OrderByDescending(p => p.OpenedUtc).ToPage(page, pageSize));
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, PulseBook book, CancellationToken ct)
    {
        if (await book.VisibleAsync(user, id, ct) is not { } view) return ApiResults.NotFound();
        var me = PulseBook.Me(user);
        var member = await book.IsMemberAsync(me, view.Pulse.TeamId);
        var answered = member && view.Open && await book.HasAnsweredAsync(id, me, ct);
        var own = member && view.Open ? await book.OwnAnswersAsync(view.Pulse, me, ct) : new Dictionary<string, int>();
        var dimensions = (view.Part?.Dimensions ?? []).Select(d => new PulseDimensionDto(d.Key, d.Zh, d.En,
            d.Statements.Select(s => new PulseStatementDto(s.Key, s.Zh, s.En, own.TryGetValue(s.Key, out var v) ? v : null)).ToList())).ToList();
        return Results.Ok(new PulseDetail(PulseSummary.From(view), member, answered, dimensions));
    }

    private static async Task<IResult> AnswerAsync(long id, AnswerRequest body, ClaimsPrincipal user, PulseBook book, CancellationToken ct)
    {
        var (outcome, errors) = await book.AnswerAsync(user, id, body.Answers ?? new Dictionary<string, int?>(), ct);
        return outcome switch
        {
            AnswerOutcome.NotFound => ApiResults.NotFound(),
            AnswerOutcome.NotMember => ApiResults.Problem(StatusCodes.Status409Conflict, "Only the team's members answer its pulses."),
            AnswerOutcome.Closed => ApiResults.Problem(StatusCodes.Status409Conflict, "This pulse is closed."),
            AnswerOutcome.Invalid => ApiResults.Invalid(errors.Select(e => new ApiFieldError($"answers.{e.Field}", e.Message))),
            _ => Results.Ok(new AnswerResult(outcome == AnswerOutcome.Replaced)),
        };
    }

    private static async Task<IResult> ResultsAsync(long id, ClaimsPrincipal user, PulseBook book, CancellationToken ct) =>
        await book.VisibleAsync(user, id, ct) is { } view ? Results.Ok(await book.ResultsAsync(view, ct)) : ApiResults.NotFound();

    private static async Task<IResult> TrendAsync(string teamId, string? packId, ClaimsPrincipal user, PulseBook book, CancellationToken ct)
    {
        if (!await book.MaySeeAsync(user, teamId)) return ApiResults.NotFound();
        return Results.Ok(await book.TrendAsync(teamId, packId, ct) ?? new PulseTrend(packId ?? "", "", [], []));
    }
}

/// <summary>A pulse in a list: never who answered, only how many.</summary>
public sealed record PulseSummary(long Id, string TeamId, string TeamName, string PackId, string PackTitle, string PackVersionId,
    int PackVersion, DateTime OpenedUtc, DateTime ClosesUtc, bool Open, int Respondents)
{
    public static PulseSummary From(PulseView v) => new(v.Pulse.Id, v.Pulse.TeamId, v.TeamName, v.Pulse.PackItemId, v.Pack?.DisplayText ?? "",
        v.Pulse.PackVersionId, v.Pulse.PackVersionNumber, v.Pulse.OpenedUtc, v.Pulse.ClosesUtc, v.Open, v.Respondents);
}

/// <param name="Member">Whether the caller answers this pulse (a member of its team).</param>
/// <param name="Answered">Whether the caller has answered it (only while it is open; afterwards nobody can tell).</param>
public sealed record PulseDetail(PulseSummary Pulse, bool Member, bool Answered, IReadOnlyList<PulseDimensionDto> Dimensions);

public sealed record PulseDimensionDto(string Key, string Zh, string En, IReadOnlyList<PulseStatementDto> Statements);

/// <param name="Mine">The caller's own answer while the pulse is open, else null.</param>
public sealed record PulseStatementDto(string Key, string Zh, string En, int? Mine);

/// <param name="Answers">Statement key → 1..5, every statement of the pulse.</param>
public sealed record AnswerRequest(Dictionary<string, int?>? Answers);

public sealed record AnswerResult(bool Replaced);
