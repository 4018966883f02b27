using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Api;

/// <summary>
/// <c>/api/v1/drill-sessions</c>: list, read, schedule, assign roles, move the steps, submit (text, link, attachment) and read
/// submissions. The same writer and rules as the pages: only the session's participants and facilitator, the team's leads,
/// trainers and administrators; everyone else gets 404 on every route. A session's state carries only the private briefs the
/// caller may read (their own role's; every one for those who run it).
/// </summary>
public static class DrillSessionsApi
{
    public static void MapDrillSessionsApiV1(this IEndpointRouteBuilder endpoints)
    {
        var sessions = endpoints.MapPortalApi("/drill-sessions", "Drill sessions");
        sessions.MapGet("", ListAsync).WithName("ListDrillSessions")
            .WithSummary("The sessions the caller plays in or facilitates and every session of the teams they lead, latest first (teamId narrows)")
            .Produces<ApiPage<SessionListItem>>();
        sessions.MapPost("", ScheduleAsync).WithName("ScheduleDrillSession").WithSummary("Schedules a session of a published drill for a team the caller leads (201)")
            .WithDescription("Needs drillsessions.schedule and leading the team (trainers and administrators: any team). Body: teamId, drill (id or slug), "
                + "scheduledUtc (ISO 8601), optional facilitatorUserId and roles (role → user id; a person plays one role). The drill's published version "
                + "is pinned. 422 names each refused field.")
            .Produces<SessionState>(StatusCodes.Status201Created).Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        sessions.MapGet("/{id}", GetAsync).WithName("GetDrillSession")
            .WithSummary("The session as the caller may see it: scenario, objectives, steps, the current step and when its time box ends, roles with only the permitted briefs")
            .Produces<SessionState>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        sessions.MapPut("/{id}/roles", AssignAsync).WithName("AssignDrillSessionRoles")
            .WithSummary("Sets the facilitator and who plays which role (the whole set; a role left out is unassigned)")
            .WithDescription("Only the facilitator, the team's leads, trainers and administrators; the facilitator itself is chosen by a lead, trainer or administrator.")
            .Produces<SessionState>().Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        sessions.MapPost("/{id}/step", StepAsync).WithName("MoveDrillSessionStep")
            .WithSummary("Moves the session to the next step (body: step, 0-based; the step count moves it on to scoring)")
            .WithDescription("Only those who run the session. 422 when it is not the next step.")
            .Produces<SessionState>().Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        sessions.MapGet("/{id}/submissions", SubmissionsAsync).WithName("ListDrillSessionSubmissions")
            .WithSummary("The submissions the caller may see: their own, everyone's for finished steps, every one for those who run the session")
            .Produces<IReadOnlyList<SubmissionState>>();
        sessions.MapPost("/{id}/submissions", SubmitAsync).WithName("SubmitToDrillSession")
            .WithSummary("Submits text or a link to a recording (http or https) for the running step (body: step, kind text or link, text, url)")
            .Produces<SubmissionState>(StatusCodes.Status201Created).Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        sessions.MapPost("/{id}/attachments", UploadAsync).WithName("UploadDrillSessionAttachment")
            .WithSummary("Uploads a file for the running step (multipart/form-data: step, file)")
            .WithDescription("The type is decided from the file's bytes and must agree with its name's extension (pdf, png, jpg, gif, docx, xlsx, pptx, mp3, mp4, m4a, txt, md); "
                + "the size limit is DrillSessions:MaxAttachmentBytes. 422 says why a file was refused.")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery()
            .Produces<SubmissionState>(StatusCodes.Status201Created).Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        sessions.MapGet("/{id}/attachments/{attachmentId}", DownloadAsync).WithName("DownloadDrillSessionAttachment")
            .WithSummary("Downloads an attachment the caller may see (always as a download, with its sniffed media type)");
    }

    public sealed record ScheduleBody(string? TeamId, string? Drill, DateTime? ScheduledUtc, string? FacilitatorUserId, Dictionary<string, string>? Roles);
    public sealed record RolesBody(string? FacilitatorUserId, Dictionary<string, string>? Roles);
    public sealed record StepBody(int? Step);
    public sealed record SubmitBody(int? Step, string? Kind, string? Text, string? Url);

    public sealed record SessionListItem(long Id, string TeamId, string Title, string Status, DateTime ScheduledUtc, int? CurrentStep);
    public sealed record StepState(int Index, string Title, int Minutes, string? Description);
    /// <param name="Brief">Only when the caller may read it: their own role's, or every one for those who run the session.</param>
    public sealed record RoleState(string Role, string? UserId, string? DisplayName, string? Brief);
    public sealed record SessionState(long Id, string TeamId, string Title, string DrillContentItemId, string DrillVersion, string DrillSlug, DateTime ScheduledUtc,
        string Status, int? CurrentStep, DateTime? StepStartedUtc, DateTime? StepEndsUtc, DateTime ServerNowUtc, string? FacilitatorUserId, string? MyRole,
        bool Runs, string Scenario, IReadOnlyList<string> Objectives, IReadOnlyList<StepState> Steps, IReadOnlyList<RoleState> Roles);
    public sealed record SubmissionState(long Id, int Step, string UserId, string Role, string Kind, string? Text, string? Url, long? AttachmentId,
        string? FileName, string? MediaType, long? Bytes, DateTime CreatedUtc);

    private static async Task<IResult> ListAsync(string? teamId, int? page, int? pageSize, ClaimsPrincipal user, DrillSessionBook book, CancellationToken ct)
    {
        var errors = ApiPaging.Check(page, pageSize);
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        var list = await book.ListAsync(user, teamId, ct);
        return Results.Ok(list.Select(s => new SessionListItem(s.Id, s.TeamId, s.Title, StatusName(s.Status), s.ScheduledUtc, s.CurrentStep)).ToPage(page, pageSize));
    }

    private static async Task<IResult> ScheduleAsync(ScheduleBody body, ClaimsPrincipal user, DrillSessionBook book, IUserDirectory users, CancellationToken ct)
    {
        var result = await book.ScheduleAsync(user, new SessionDraft(body.TeamId, body.Drill, body.ScheduledUtc?.ToUniversalTime(), body.FacilitatorUserId, body.Roles), ct);
        return result.Ok ? await StateAsync(user, result.Id, book, users, ct, StatusCodes.Status201Created) : Refused(result);
    }

    private static Task<IResult> GetAsync(long id, ClaimsPrincipal user, DrillSessionBook book, IUserDirectory users, CancellationToken ct) =>
        StateAsync(user, id, book, users, ct);

    private static async Task<IResult> AssignAsync(long id, RolesBody body, ClaimsPrincipal user, DrillSessionBook book, IUserDirectory users, CancellationToken ct)
    {
        var result = await book.AssignAsync(user, id, body.FacilitatorUserId, body.Roles ?? [], ct);
        return result.Ok ? await StateAsync(user, id, book, users, ct) : Refused(result);
    }

    private static async Task<IResult> StepAsync(long id, StepBody body, ClaimsPrincipal user, DrillSessionBook book, IUserDirectory users, CancellationToken ct)
    {
        if (body.Step is not { } step)
        {
            if (await book.FindAsync(user, id, ct) is null) return ApiResults.NotFound();
            return ApiResults.Invalid([new ApiFieldError("step", "the 0-based index of the next step (the step count: scoring)")]);
        }
        var result = await book.MoveAsync(user, id, step, ct);
        return result.Ok ? await StateAsync(user, id, book, users, ct) : Refused(result);
    }

    private static async Task<IResult> SubmissionsAsync(long id, ClaimsPrincipal user, DrillSessionBook book, CancellationToken ct)
    {
        if (await book.FindAsync(user, id, ct) is not { } view) return ApiResults.NotFound();
        return Results.Ok((await book.SubmissionsAsync(view, ct)).Select(s => Of(s.Submission, s.Attachment)).ToList());
    }

    private static async Task<IResult> SubmitAsync(long id, SubmitBody body, ClaimsPrincipal user, DrillSessionBook book, CancellationToken ct)
    {
        var kind = body.Kind?.ToLowerInvariant() switch { "text" => DrillSubmissionKind.Text, "link" => DrillSubmissionKind.Link, _ => (DrillSubmissionKind?)null };
        if (kind is null || body.Step is null)
        {
            if (await book.FindAsync(user, id, ct) is null) return ApiResults.NotFound();
            return ApiResults.Invalid(kind is null ? [new ApiFieldError("kind", "text or link (files: POST …/attachments)")] : [new ApiFieldError("step", "the running step's 0-based index")]);
        }
        var result = await book.SubmitAsync(user, id, body.Step.Value, kind.Value, body.Text, body.Url, ct);
        return await CreatedAsync(result, user, id, book, ct);
    }

    private static async Task<IResult> UploadAsync(long id, HttpRequest request, ClaimsPrincipal user, DrillSessionBook book, CancellationToken ct)
    {
        if (await book.FindAsync(user, id, ct) is null) return ApiResults.NotFound();
        if (!request.HasFormContentType) return ApiResults.Invalid([new ApiFieldError("file", "send multipart/form-data with the fields step and file")]);
        var form = await request.ReadFormAsync(ct);
        if (!int.TryParse(form["step"], NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            return ApiResults.Invalid([new ApiFieldError("step", "the running step's 0-based index")]);
        if (form.Files.GetFile("file") is not { } file) return ApiResults.Invalid([new ApiFieldError("file", "File: choose a file.")]);
        var result = await book.SubmitFileAsync(user, id, step, new IncomingFile(file.FileName, file.Length, file.OpenReadStream), ct);
        return await CreatedAsync(result, user, id, book, ct);
    }

    private static async Task<IResult> DownloadAsync(long id, long attachmentId, HttpContext http, ClaimsPrincipal user, DrillSessionBook book, CancellationToken ct)
    {
        if (await book.AttachmentAsync(user, id, attachmentId, ct) is not var (attachment, path)) return ApiResults.NotFound();
        return Download(http, attachment, path);
    }

    /// <summary>The file as a download: attachment disposition with a safe name, the sniffed media type, nosniff, never cached by others.</summary>
    public static IResult Download(HttpContext http, DrillAttachment attachment, string path)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var mediaType = Services.FileTypes.All.Any(k => k.MediaType == attachment.MediaType) ? attachment.MediaType : "application/octet-stream";
        return Results.File(path, mediaType, AttachmentStore.SafeDownloadName(attachment.OriginalName));
    }

    private static async Task<IResult> CreatedAsync(DrillResult result, ClaimsPrincipal user, long id, DrillSessionBook book, CancellationToken ct)
    {
        if (!result.Ok) return Refused(result);
        if (await book.FindAsync(user, id, ct) is not { } view) return ApiResults.NotFound();
        var mine = (await book.SubmissionsAsync(view, ct)).Where(s => s.Submission.UserId == view.Viewer.UserId).OrderByDescending(s => s.Submission.Id).ToList();
        var created = mine.FirstOrDefault(s => s.Submission.Id == result.Id || s.Submission.AttachmentId == result.Id);
        if (created.Submission is null) created = mine.First();
        return Results.Created($"/api/v1/drill-sessions/{id}/submissions", Of(created.Submission, created.Attachment));
    }

    private static SubmissionState Of(DrillSubmission s, DrillAttachment? a) => new(s.Id, s.StepIndex, s.UserId, s.RoleKey, Camel(s.Kind.ToString()), s.Text, s.Url,
        s.AttachmentId, a?.OriginalName, a?.MediaType, a?.Bytes, s.CreatedUtc);

    private static IResult Refused(DrillResult result) => result.Outcome == DrillOutcome.NotFound ? ApiResults.NotFound()
        : ApiResults.Invalid([new ApiFieldError(result.Field ?? "", string.Format(CultureInfo.InvariantCulture, result.Message ?? "", (result.Args ?? []).Cast<object>().ToArray()))]);

    private static async Task<IResult> StateAsync(ClaimsPrincipal user, long id, DrillSessionBook book, IUserDirectory users, CancellationToken ct,
        int status = StatusCodes.Status200OK)
    {
        if (await book.FindAsync(user, id, ct) is not { } view) return ApiResults.NotFound();
        var s = view.Session;
        var names = await users.ByIdsAsync(view.Participants.Select(p => p.UserId).ToList(), ct);
        var roles = view.Roles.Select(r =>
        {
            var player = view.Participants.FirstOrDefault(p => p.RoleKey == r)?.UserId;
            return new RoleState(r, player, player is null ? null : names.GetValueOrDefault(player)?.DisplayName, view.BriefFor(r));
        }).ToList();
        var state = new SessionState(s.Id, s.TeamId, s.Title, s.DrillContentItemId, s.DrillVersion, s.DrillSlug, s.ScheduledUtc, StatusName(s.Status), s.CurrentStep,
            s.StepStartedUtc, view.StepEndsUtc, book.Now, s.FacilitatorUserId, view.Viewer.RoleKey, view.Viewer.Runs, view.Drill.Scenario, view.Drill.Objectives,
            view.Drill.Steps.Select((step, i) => new StepState(i, step.Title, step.Minutes, step.Description)).ToList(), roles);
        return status == StatusCodes.Status201Created ? Results.Created($"/api/v1/drill-sessions/{s.Id}", state) : Results.Ok(state);
    }

    public static string StatusName(DrillSessionStatus status) => status.ToString().ToLowerInvariant();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
