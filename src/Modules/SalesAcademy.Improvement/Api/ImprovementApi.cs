using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Api;
using SalesAcademy.Improvement.Models;
using SalesAcademy.Improvement.Queue;

namespace SalesAcademy.Improvement.Api;

/// <summary>
/// <c>/api/v1/improvement</c>: the improvement queue and its actions, with the same writer and rules as <c>/improvement</c>:
/// trainers and administrators see every item, content owners theirs; anyone else gets 404 on every route.
/// </summary>
public static class ImprovementApi
{
    public static void MapImprovementApiV1(this IEndpointRouteBuilder endpoints)
    {
        var queue = endpoints.MapPortalApi("/improvement", "Improvement");
        queue.MapGet("", ListAsync).WithName("ListImprovementItems")
            .WithSummary("The queue's items the caller may see (status: open, the default; dismissed; resolved), most evidence first")
            .Produces<ApiPage<ItemState>>();
        queue.MapGet("/{id}", GetAsync).WithName("GetImprovementItem").WithSummary("One item with its evidence")
            .Produces<ItemState>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        queue.MapPost("/refresh", RefreshAsync).WithName("RefreshImprovementQueue")
            .WithSummary("Asks every source for its findings now (improvement.manage); re-detection never duplicates an item").Produces<RefreshResult>();
        queue.MapPost("/{id}/assign", AssignAsync).WithName("AssignImprovementItem")
            .WithSummary("Assigns an open item to a trainer (assignee: their user name); they are notified").Produces<ItemState>()
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        queue.MapPost("/{id}/dismiss", DismissAsync).WithName("DismissImprovementItem")
            .WithSummary("Dismisses an open item with a reason (required); it comes back only when its evidence grows").Produces<ItemState>();
        queue.MapPost("/{id}/resolve", ResolveAsync).WithName("ResolveImprovementItem")
            .WithSummary("Resolves an item with the published version of its content (contentItemId: for an item about no content)")
            .WithDescription("The published version must be newer than the item. A retro action it came from is marked done with the link and its "
                + "team is told; readers who found an earlier version unhelpful are told there is a new one. sequence (optional) refuses a stale change with 409.")
            .Produces<ItemState>().Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType);
    }

    public sealed record AssignBody(string? Assignee, int? Sequence);
    public sealed record DismissBody(string? Reason, int? Sequence);
    public sealed record ResolveBody(string? ContentItemId, int? Sequence);
    public sealed record EvidenceState(string Template, IReadOnlyList<string> Args, string? Url);

    /// <param name="Source">The kind of finding (English; the pages translate it).</param>
    public sealed record ItemState(long Id, string Key, string Source, string Title, string Status, string? ContentItemId, string? Anchor, string? Url,
        string? Owner, string? AssignedTo, int Weight, IReadOnlyList<EvidenceState> Evidence, string? DismissReason, string? ResolvedUrl,
        string? ResolvedVersionId, DateTime CreatedUtc, DateTime SeenUtc, DateTime? ClosedUtc, int Sequence);

    private static ItemState State(ImprovementItem i) => new(i.Id, i.Key, i.Source, i.Title, i.Status.ToString().ToLowerInvariant(), i.ContentItemId, i.Anchor,
        i.Url, i.Owner, i.AssignedTo, i.Weight, ImprovementQueue.EvidenceOf(i).Select(e => new EvidenceState(e.Template, e.Args, e.LocalUrl)).ToList(),
        i.DismissReason, i.ResolvedUrl, i.ResolvedVersionId, i.CreatedUtc, i.SeenUtc, i.ClosedUtc, i.Sequence);

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, ImprovementQueue queue, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = ApiPaging.Check(page, pageSize);
        ImprovementStatus? parsed = status switch { null or "" or "open" => ImprovementStatus.Open, "dismissed" => ImprovementStatus.Dismissed, "resolved" => ImprovementStatus.Resolved, _ => null };
        if (parsed is null) errors.Add(new ApiFieldError("status", "must be one of open, dismissed, resolved"));
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        if (await queue.ListAsync(user, parsed!.Value, ct) is not { } items) return ApiResults.NotFound();
        return Results.Ok(items.Select(State).ToPage(page, pageSize));
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, ImprovementQueue queue, CancellationToken ct) =>
        await queue.FindAsync(user, id, ct) is { } item ? Results.Ok(State(item)) : ApiResults.NotFound();

    private static async Task<IResult> RefreshAsync(ClaimsPrincipal user, ImprovementQueue queue, CancellationToken ct) =>
        await queue.ManagesAsync(user) ? Results.Ok(await queue.RefreshAsync(ct)) : ApiResults.NotFound();

    private static async Task<IResult> AssignAsync(long id, AssignBody body, ClaimsPrincipal user, ImprovementQueue queue, CancellationToken ct) =>
        Answer(await queue.AssignAsync(user, id, body.Assignee, body.Sequence, ct));

    private static async Task<IResult> DismissAsync(long id, DismissBody body, ClaimsPrincipal user, ImprovementQueue queue, CancellationToken ct) =>
        Answer(await queue.DismissAsync(user, id, body.Reason, body.Sequence, ct));

    private static async Task<IResult> ResolveAsync(long id, ResolveBody body, ClaimsPrincipal user, ImprovementQueue queue, CancellationToken ct) =>
        Answer(await queue.ResolveAsync(user, id, body.ContentItemId, body.Sequence, ct));

    private static IResult Answer(QueueResult result) => result.Outcome switch
    {
        QueueOutcome.Done => Results.Ok(State(result.Item!)),
        QueueOutcome.NotFound => ApiResults.NotFound(),
        QueueOutcome.Conflict => ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", result.Message),
        _ => ApiResults.Invalid([new ApiFieldError(result.Field ?? "", string.Format(CultureInfo.InvariantCulture, result.Message ?? "", result.Args ?? []))]),
    };
}
