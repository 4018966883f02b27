using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Management;
using SalesAcademy.Scheduling.Models;
using SalesAcademy.Scheduling.Services;

namespace SalesAcademy.Scheduling.Api;

/// <summary>
/// <c>/api/v1/cycles</c>: list, read, create, change, pause, resume, run now, a cycle's runs and retrying a failed one,
/// with the scheduler page's rules (cycles.manage: every cycle; cycles.manage.team: the cycles whose every team one leads).
/// A cycle one may not manage answers 404; targeting a team one does not lead answers 403.
/// </summary>
public static class CyclesApi
{
    private const string Rules = "Needs cycles.manage (any team) or cycles.manage.team (the teams you lead); any other cycle answers 404.";

    public static void MapCyclesApiV1(this IEndpointRouteBuilder endpoints)
    {
        var cycles = endpoints.MapPortalApi("/cycles", "Cycles");
        cycles.MapGet("", ListAsync).WithName("ListCycles").WithSummary("The cycles the caller may manage (teamId narrows to one team)")
            .WithDescription(Rules).Produces<ApiPage<CycleDto>>();
        cycles.MapGet("/kinds", KindsAsync).WithName("ListCycleKinds").WithSummary("The installed cycle kinds and each kind's settings (fields, choices)")
            .WithDescription("Needs cycles.manage or cycles.manage.team. A cycle's settings are a JSON object of these fields' values, e.g. {\"quiz\":\"<quiz id>\"}.")
            .Produces<IReadOnlyList<CycleKindDto>>();
        cycles.MapGet("/{id}", GetAsync).WithName("GetCycle").WithSummary("A cycle: cadence (also in words), time zone, next fire times")
            .WithDescription(Rules).Produces<CycleDto>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        cycles.MapPost("", CreateAsync).WithName("CreateCycle").WithSummary("Creates a cycle (201)")
            .WithDescription(Rules + " 422 names each refused field; 403 when a target team is not the caller's.")
            .Produces<CycleDto>(StatusCodes.Status201Created)
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status403Forbidden, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        cycles.MapPut("/{id}", UpdateAsync).WithName("UpdateCycle").WithSummary("Changes a cycle; the body carries the version it was based on")
            .WithDescription(Rules + " 409 when someone saved the cycle since that version; 422 names each refused field.")
            .Produces<CycleDto>()
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status403Forbidden, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        cycles.MapPost("/{id}/pause", PauseAsync).WithName("PauseCycle").WithSummary("Pauses a cycle: no new runs until resumed (open runs still close)")
            .WithDescription(Rules).Produces<CycleDto>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        cycles.MapPost("/{id}/resume", ResumeAsync).WithName("ResumeCycle").WithSummary("Resumes a cycle from its next fire time (missed ones are not made up)")
            .WithDescription(Rules).Produces<CycleDto>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        cycles.MapPost("/{id}/run-now", RunNowAsync).WithName("RunCycleNow").WithSummary("Makes a run now, besides the schedule (201); the same second gives the same run")
            .WithDescription(Rules).Produces<CycleRunDto>(StatusCodes.Status201Created).Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        cycles.MapGet("/{id}/runs", RunsAsync).WithName("ListCycleRuns").WithSummary("A cycle's runs, newest first: status, counts, error")
            .WithDescription(Rules).Produces<ApiPage<CycleRunDto>>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        cycles.MapPost("/{id}/runs/{runId}/retry", RetryAsync).WithName("RetryCycleRun").WithSummary("Runs a failed run's failed phase again")
            .WithDescription(Rules + " 409 when the run has not failed.")
            .Produces<CycleRunDto>().Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
    }

    private static async Task<IResult> ListAsync(string? teamId, int? page, int? pageSize, ClaimsPrincipal user, CycleAccess access, CycleBoard board, CancellationToken ct)
    {
        if (await access.ScopeAsync(user) is not { } scope) return ApiResults.NotFound();
        var errors = ApiPaging.Check(page, pageSize);
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        var views = await board.ListAsync(scope, string.IsNullOrEmpty(teamId) ? null : teamId, runs: 0, ct);
        return Results.Ok(views.Select(Dto).ToPage(page, pageSize));
    }

    private static async Task<IResult> KindsAsync(ClaimsPrincipal user, CycleAccess access, CycleBoard board, IStringLocalizer<SchedulingModule> t, CancellationToken ct)
    {
        if (await access.ScopeAsync(user) is null) return ApiResults.NotFound();
        return Results.Ok((await board.KindSettingsAsync(ct)).Select(k => new CycleKindDto(k.Key, k.Name, k.Fields.Select(f =>
            new CycleSettingFieldDto(f.Name, t[f.Label].Value, f.Required, f.Hint is null ? null : t[f.Hint].Value,
                f.Choices.Select(c => new CycleSettingChoiceDto(c.Value, c.Label)).ToList())).ToList())).ToList());
    }

    /// <summary>The kind's refusal of the settings as a 422 naming each field (<c>settings.quiz</c>), or null.</summary>
    private static async Task<IResult?> SettingsRefusedAsync(CycleDraft draft, Cycles cycles, CancellationToken ct)
    {
        var errors = await cycles.CheckSettingsAsync(draft.Kind, draft.Settings, ct);
        return errors.Count == 0 ? null
            : ApiResults.Invalid(errors.Select(e => new ApiFieldError("settings." + e.Field, e.Message[(e.Message.IndexOf(':') + 1)..].Trim())).ToList());
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, CycleAccess access, CycleBoard board, Cycles cycles, CancellationToken ct) =>
        await FindAsync(id, user, access, cycles, ct) is { } cycle ? Results.Ok(Dto(await board.ViewAsync(cycle, 0, ct))) : ApiResults.NotFound();

    private static async Task<IResult> CreateAsync(CycleRequest request, ClaimsPrincipal user, CycleAccess access, CycleBoard board, Cycles cycles, CancellationToken ct)
    {
        if (await access.ScopeAsync(user) is not { } scope) return ApiResults.NotFound();
        if (!scope.Covers(request.TeamIds ?? [])) return NotYourTeams();
        var (draft, invalid) = Draft(request);
        if (draft is null) return invalid!;
        if (await SettingsRefusedAsync(draft, cycles, ct) is { } refused) return refused;
        var (cycle, error) = await cycles.CreateAsync(draft, user.UserName(), ct);
        if (error is not null) return Refused(error);
        return Results.Created($"/api/v1/cycles/{cycle!.Id}", Dto(await board.ViewAsync((await cycles.FindAsync(cycle.Id, ct))!, 0, ct)));
    }

    private static async Task<IResult> UpdateAsync(long id, CycleRequest request, ClaimsPrincipal user, CycleAccess access, CycleBoard board, Cycles cycles, CancellationToken ct)
    {
        if (await FindAsync(id, user, access, cycles, ct) is null) return ApiResults.NotFound();
        if (!(await access.ScopeAsync(user))!.Covers(request.TeamIds ?? [])) return NotYourTeams();
        if (request.Version is not { } version) return ApiResults.Invalid([new("version", "is required: the version the change is based on")]);
        var (draft, invalid) = Draft(request);
        if (draft is null) return invalid!;
        if (await SettingsRefusedAsync(draft, cycles, ct) is { } refused) return refused;
        if (await cycles.UpdateAsync(id, draft, version, user.UserName(), ct) is { } error) return Refused(error);
        return Results.Ok(Dto(await board.ViewAsync((await cycles.FindAsync(id, ct))!, 0, ct)));
    }

    private static Task<IResult> PauseAsync(long id, ClaimsPrincipal user, CycleAccess access, CycleBoard board, Cycles cycles, CancellationToken ct) =>
        ActAsync(id, user, access, board, cycles, () => cycles.PauseAsync(id, user.UserName(), ct), ct);

    private static Task<IResult> ResumeAsync(long id, ClaimsPrincipal user, CycleAccess access, CycleBoard board, Cycles cycles, CancellationToken ct) =>
        ActAsync(id, user, access, board, cycles, () => cycles.ResumeAsync(id, user.UserName(), ct), ct);

    private static async Task<IResult> RunNowAsync(long id, ClaimsPrincipal user, CycleAccess access, Cycles cycles, CancellationToken ct)
    {
        if (await FindAsync(id, user, access, cycles, ct) is null) return ApiResults.NotFound();
        var (run, error) = await cycles.RunNowAsync(id, user.UserName(), ct);
        return run is null ? Refused(error!) : Results.Created($"/api/v1/cycles/{id}/runs", RunDto(run));
    }

    private static async Task<IResult> RunsAsync(long id, int? page, int? pageSize, ClaimsPrincipal user, CycleAccess access, Cycles cycles, CancellationToken ct)
    {
        if (await FindAsync(id, user, access, cycles, ct) is null) return ApiResults.NotFound();
        var errors = ApiPaging.Check(page, pageSize);
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        return Results.Ok((await cycles.RunsAsync(id, 500, ct)).Select(RunDto).ToPage(page, pageSize));
    }

    private static async Task<IResult> RetryAsync(long id, long runId, ClaimsPrincipal user, CycleAccess access, Cycles cycles, CancellationToken ct)
    {
        if (await FindAsync(id, user, access, cycles, ct) is null || await cycles.FindRunAsync(runId, ct) is not { } run || run.CycleId != id) return ApiResults.NotFound();
        if (await cycles.RetryAsync(runId, user.UserName(), ct) is { } error) return Refused(error);
        return Results.Ok(RunDto((await cycles.FindRunAsync(runId, ct))!));
    }

    private static async Task<IResult> ActAsync(long id, ClaimsPrincipal user, CycleAccess access, CycleBoard board, Cycles cycles, Func<Task<string?>> act, CancellationToken ct)
    {
        if (await FindAsync(id, user, access, cycles, ct) is null) return ApiResults.NotFound();
        if (await act() is { } error) return Refused(error);
        return Results.Ok(Dto(await board.ViewAsync((await cycles.FindAsync(id, ct))!, 0, ct)));
    }

    /// <summary>The cycle when the caller may manage it; null (404) otherwise.</summary>
    private static async Task<Cycle?> FindAsync(long id, ClaimsPrincipal user, CycleAccess access, Cycles cycles, CancellationToken ct) =>
        await access.ScopeAsync(user) is { } scope && await cycles.FindAsync(id, ct) is { } cycle && scope.Covers(cycle) ? cycle : null;

    private static IResult NotYourTeams() =>
        ApiResults.Problem(StatusCodes.Status403Forbidden, "You may only target the teams you lead.", "teamIds names a team you do not lead.");

    private static (CycleDraft? Draft, IResult? Invalid) Draft(CycleRequest r)
    {
        var errors = new List<ApiFieldError>();
        var cadence = CycleForm.ParseCadence(r.Cadence);
        if (cadence is null) errors.Add(new("cadence", "must be weekly, every-two-weeks, monthly or cron"));
        DayOfWeek? day = null;
        if (r.DayOfWeek is { Length: > 0 } dayText)
        {
            if (Enum.TryParse<DayOfWeek>(dayText, ignoreCase: true, out var d) && !int.TryParse(dayText, out _)) day = d;
            else errors.Add(new("dayOfWeek", "must be a day name such as Monday"));
        }
        var at = default(TimeOnly);
        if (r.LocalTime is { Length: > 0 } time && !TimeOnly.TryParseExact(time, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
            errors.Add(new("localTime", "must be a time such as 09:00"));
        if (cadence is not null and not CadenceKind.Cron && string.IsNullOrEmpty(r.LocalTime)) errors.Add(new("localTime", "is required for this cadence"));
        if (errors.Count > 0) return (null, ApiResults.Invalid(errors));
        return (new CycleDraft(r.Kind ?? "", r.Title ?? "", r.TeamIds ?? [], cadence!.Value, at, day, r.DayOfMonth, r.Cron, r.TimeZone,
            r.OpenMinutes, r.ReminderMinutes, r.Settings, r.Active ?? true), null);
    }

    /// <summary>The writer's refusal as a problem: a named field is 422 with that field, a stale version 409, a vanished cycle 404.</summary>
    private static IResult Refused(string error)
    {
        if (error.StartsWith("Someone changed", StringComparison.Ordinal) || error.StartsWith("Only a failed run", StringComparison.Ordinal))
            return ApiResults.Problem(StatusCodes.Status409Conflict, error);
        if (error.EndsWith("does not exist.", StringComparison.Ordinal)) return ApiResults.NotFound();
        var field = CycleForm.FieldOf(error) switch
        {
            nameof(CycleForm.Kind) => "kind",
            nameof(CycleForm.Title) => "title",
            nameof(CycleForm.TeamIds) => "teamIds",
            nameof(CycleForm.Day) => "dayOfWeek",
            nameof(CycleForm.DayOfMonth) => "dayOfMonth",
            nameof(CycleForm.Cron) => "cron",
            nameof(CycleForm.TimeZone) => "timeZone",
            nameof(CycleForm.OpenFor) => "openMinutes",
            nameof(CycleForm.Reminders) => "reminderMinutes",
            _ => "cycle",
        };
        return ApiResults.Invalid([new(field, error[(error.IndexOf(':') + 1)..].Trim())]);
    }

    private static CycleDto Dto(CycleView v)
    {
        var c = v.Cycle;
        return new CycleDto(c.Id, c.Kind, v.KindName, c.Title, v.Teams.Select(t => new CycleTeamDto(t.Id, t.Name)).ToList(), CycleForm.CadenceName(c.Cadence),
            c.DayOfWeek?.ToString(), c.DayOfMonth, c.Cadence == CadenceKind.Cron ? null : c.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture), c.Cron,
            v.Cadence, c.TimeZone, v.Zone.Id, c.OpenMinutes, c.Reminders(), c.Settings, c.Active, c.Version,
            v.NextFireUtc.Select(n => new DateTimeOffset(v.Local(n), v.Zone.GetUtcOffset(n))).ToList());
    }

    private static CycleRunDto RunDto(CycleRun r) => new(r.Id, r.CycleId, r.ScheduledUtc, r.Trigger.ToString(), r.Status.ToString(),
        r.StartedUtc, r.EndedUtc, r.ClosesUtc, r.Targeted, r.Completed, r.Attempts, r.Error);
}

/// <summary>A cycle to create or change. cadence: weekly, every-two-weeks, monthly or cron; localTime "HH:mm" in the zone.</summary>
public sealed record CycleRequest(string? Kind, string? Title, IReadOnlyList<string>? TeamIds, string? Cadence, string? DayOfWeek = null,
    int? DayOfMonth = null, string? LocalTime = null, string? Cron = null, string? TimeZone = null, int? OpenMinutes = null,
    IReadOnlyList<int>? ReminderMinutes = null, string? Settings = null, bool? Active = null, int? Version = null);

public sealed record CycleTeamDto(string Id, string Name);

/// <summary>An installed cycle kind and its settings (the fields of a cycle's <c>settings</c> JSON).</summary>
public sealed record CycleKindDto(string Key, string Name, IReadOnlyList<CycleSettingFieldDto> Settings);

/// <param name="Choices">The values to choose from; empty: free text.</param>
public sealed record CycleSettingFieldDto(string Name, string Label, bool Required, string? Hint, IReadOnlyList<CycleSettingChoiceDto> Choices);

public sealed record CycleSettingChoiceDto(string Value, string Label);

/// <param name="CadenceText">The cadence in words, in the caller's language (Accept-Language).</param>
/// <param name="TimeZone">The cycle's own zone; null: its first team's.</param>
/// <param name="EffectiveTimeZone">The zone its times are read in.</param>
/// <param name="NextFireTimes">The next fire times in that zone, with its offset; none while paused.</param>
public sealed record CycleDto(long Id, string Kind, string KindName, string Title, IReadOnlyList<CycleTeamDto> Teams, string Cadence,
    string? DayOfWeek, int? DayOfMonth, string? LocalTime, string? Cron, string CadenceText, string? TimeZone, string EffectiveTimeZone,
    int? OpenMinutes, IReadOnlyList<int> ReminderMinutes, string Settings, bool Active, int Version, IReadOnlyList<DateTimeOffset> NextFireTimes);

/// <param name="Trigger">Scheduled, CatchUp or Manual.</param>
/// <param name="Status">Pending, Open, Closed or Failed.</param>
public sealed record CycleRunDto(long Id, long CycleId, DateTime ScheduledUtc, string Trigger, string Status, DateTime? StartedUtc, DateTime? EndedUtc,
    DateTime? ClosesUtc, int? Targeted, int? Completed, int Attempts, string? Error);
