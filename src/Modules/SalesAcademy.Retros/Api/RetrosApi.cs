using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Api;
using SalesAcademy.Retros.Models;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.Api;

/// <summary>
/// <c>/api/v1/retros</c>: start a retro, move its phases, write cards, group them, vote, review earlier actions, agree actions,
/// read the summary. The same writer and rules as the pages: only the team's members, its leads, trainers and administrators;
/// everyone else gets 404 for every route. During reflect a caller reads only their own cards; an anonymous card never
/// carries its author.
/// </summary>
public static class RetrosApi
{
    public static void MapRetrosApiV1(this IEndpointRouteBuilder endpoints)
    {
        var retros = endpoints.MapPortalApi("/retros", "Retrospectives");
        retros.MapGet("", ListAsync).WithName("ListRetros").WithSummary("The retros of the caller's teams, newest first (teamId narrows to one team)")
            .Produces<ApiPage<RetroListItem>>();
        retros.MapPost("", StartAsync).WithName("StartRetro").WithSummary("Starts a retro for a team the caller leads (201)")
            .WithDescription("Needs retros.facilitate and leading the team (trainers and administrators: any team). A deal review template also "
                + "needs dealName and dealOutcome (won or lost). 422 names each refused field.")
            .Produces<RetroState>(StatusCodes.Status201Created).Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        retros.MapGet("/{id:long}", GetAsync).WithName("GetRetro")
            .WithSummary("The retro as the caller may see it: phase, prompts, cards (during reflect only the caller's own), groups, votes left, actions")
            .Produces<RetroState>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        retros.MapPost("/{id:long}/phase", PhaseAsync).WithName("MoveRetroPhase")
            .WithSummary("Moves the retro on to the next phase (the body names it: review, reflect, group, vote, discuss, actions, closed)")
            .WithDescription("Only the facilitator (the starter, the team's leads, trainers, administrators). 422 when it is not the next phase.")
            .Produces<RetroState>().Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType);
        retros.MapPost("/{id:long}/reviews", ReviewAsync).WithName("ReviewRetroAction")
            .WithSummary("Marks an earlier action done, notDone or carriedOver with a note (review phase; facilitator)").Produces<RetroState>();
        retros.MapPost("/{id:long}/cards", AddCardAsync).WithName("AddRetroCard").WithSummary("Writes a card under a prompt (reflect phase)")
            .Produces<RetroState>(StatusCodes.Status201Created);
        retros.MapPut("/{id:long}/cards/{cardId:long}", EditCardAsync).WithName("EditRetroCard").WithSummary("Changes one's own card (reflect phase)")
            .Produces<RetroState>();
        retros.MapDelete("/{id:long}/cards/{cardId:long}", DeleteCardAsync).WithName("DeleteRetroCard").WithSummary("Deletes one's own card (reflect phase)")
            .Produces(StatusCodes.Status204NoContent);
        retros.MapPost("/{id:long}/groups", AddGroupAsync).WithName("AddRetroGroup").WithSummary("Makes a named group (group phase)")
            .Produces<RetroState>(StatusCodes.Status201Created);
        retros.MapPut("/{id:long}/cards/{cardId:long}/group", MoveCardAsync).WithName("MoveRetroCard")
            .WithSummary("Puts a card into a group, or out of any with groupId null (group phase)").Produces<RetroState>();
        retros.MapPut("/{id:long}/groups/{groupId:long}/notes", NotesAsync).WithName("NoteRetroGroup")
            .WithSummary("The discussion notes of a group (discuss phase; facilitator)").Produces<RetroState>();
        retros.MapPost("/{id:long}/votes", VoteAsync).WithName("VoteRetroGroup")
            .WithSummary("Puts one of the caller's votes on a group (vote phase); 422 when the budget or the per-group maximum is used up")
            .Produces<RetroState>();
        retros.MapDelete("/{id:long}/votes/{groupId:long}", UnvoteAsync).WithName("UnvoteRetroGroup")
            .WithSummary("Takes one of the caller's votes off a group (vote phase)").Produces<RetroState>();
        retros.MapPost("/{id:long}/actions", AddActionAsync).WithName("AddRetroAction")
            .WithSummary("Agrees an action: text, ownerUserId (a team member), due (yyyy-MM-dd), optional linked content and playbook stage, focus")
            .Produces<RetroState>(StatusCodes.Status201Created);
        retros.MapGet("/{id:long}/summary", SummaryAsync).WithName("GetRetroSummary")
            .WithSummary("The summary: participation counts, groups by votes with notes and cards, earlier actions reviewed, actions").Produces<RetroState>();
    }

    public sealed record StartBody(string? TeamId, string? Template, bool? Anonymous, int? VoteBudget, int? MaxVotesPerGroup, string? Title,
        string? DealName, string? DealOutcome, string? DealRoles);
    public sealed record PhaseBody(string? Phase);
    public sealed record ReviewBody(long ActionId, string? Outcome, string? Note);
    public sealed record CardBody(string? Prompt, string? Text);
    public sealed record GroupBody(string? Name);
    public sealed record MoveBody(long? GroupId);
    public sealed record NotesBody(string? Notes);
    public sealed record VoteBody(long GroupId);
    public sealed record ActionBody(string? Text, string? OwnerUserId, string? Due, string? LinkedContentItemId, string? LinkedAnchor, bool? IsFocus);

    public sealed record RetroListItem(long Id, string TeamId, string Title, string Phase, DateTime CreatedUtc, DateTime? ClosedUtc);
    public sealed record PromptState(string Key, string TitleZh, string TitleEn, string? DescriptionZh, string? DescriptionEn);
    /// <param name="Author">Only on a named retro's cards.</param>
    /// <param name="Mine">Only during reflect (when the caller reads only their own cards).</param>
    public sealed record CardState(long Id, string Prompt, string Text, long? GroupId, string? Author, bool Mine);
    /// <param name="Votes">Every vote on the group once the vote is over (0 while it is open).</param>
    public sealed record GroupState(long Id, string Name, string? Notes, int Votes, int MyVotes);
    public sealed record ActionState(long Id, long RetroId, string Text, string OwnerUserId, string? OwnerName, string Due, string Status,
        string? LinkedContentItemId, string? LinkedContentType, string? LinkedAnchor, bool IsFocus, string? ReviewOutcome = null, string? ReviewNote = null);
    public sealed record RetroState(long Id, string TeamId, string Title, string Phase, string? NextPhase, bool Anonymous, int VoteBudget, int MaxVotesPerGroup,
        int VotesLeft, bool Facilitator, string? DealName, string? DealOutcome, string? DealRoles, int Cards, int Writers, int VotesCast,
        IReadOnlyList<PromptState> Prompts, IReadOnlyList<CardState> CardList, IReadOnlyList<GroupState> Groups,
        IReadOnlyList<ActionState> PreviousActions, IReadOnlyList<ActionState> Actions);

    private static async Task<IResult> ListAsync(string? teamId, int? page, int? pageSize, ClaimsPrincipal user, RetroAccess access, RetroBoard board,
        CancellationToken ct)
    {
        var errors = ApiPaging.Check(page, pageSize);
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        var visible = (await access.VisibleTeamsAsync(user, ct)).Select(t => t.Id).ToList();
        if (teamId is not null) visible = visible.Where(t => t == teamId).ToList();
        var list = await board.ListAsync(visible, ct);
        return Results.Ok(list.Select(r => new RetroListItem(r.Id, r.TeamId, r.Title, PhaseName(r.Phase), r.CreatedUtc, r.ClosedUtc)).ToPage(page, pageSize));
    }

    private static async Task<IResult> StartAsync(StartBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct)
    {
        var result = await board.StartAsync(user, new RetroStart(body.TeamId ?? "", body.Template ?? "", body.Anonymous ?? true, body.VoteBudget ?? 3,
            body.MaxVotesPerGroup ?? 2, body.Title, body.DealName, body.DealOutcome, body.DealRoles), ct);
        if (!result.Ok) return Refused(result);
        return await StateAsync(user, result.Id, board, summaries, ct, StatusCodes.Status201Created);
    }

    private static Task<IResult> GetAsync(long id, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct) =>
        StateAsync(user, id, board, summaries, ct);

    private static Task<IResult> SummaryAsync(long id, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct) =>
        StateAsync(user, id, board, summaries, ct);

    private static async Task<IResult> PhaseAsync(long id, PhaseBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct)
    {
        if (ParsePhase(body.Phase) is not { } to)
        {
            if (await board.FindAsync(user, id, ct) is null) return ApiResults.NotFound();
            return ApiResults.Invalid([new ApiFieldError("phase", "must be one of review, reflect, group, vote, discuss, actions, closed")]);
        }
        return await After(await board.MoveAsync(user, id, to, ct), user, id, board, summaries, ct);
    }

    private static async Task<IResult> ReviewAsync(long id, ReviewBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct)
    {
        var outcome = body.Outcome?.ToLowerInvariant() switch
        {
            "done" => RetroActionStatus.Done, "notdone" or "not-done" => RetroActionStatus.NotDone, "carriedover" or "carried-over" => RetroActionStatus.CarriedOver,
            _ => RetroActionStatus.Open,
        };
        return await After(await board.ReviewActionAsync(user, id, body.ActionId, outcome, body.Note, ct), user, id, board, summaries, ct);
    }

    private static async Task<IResult> AddCardAsync(long id, CardBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct) =>
        await After(await board.AddCardAsync(user, id, body.Prompt, body.Text, ct), user, id, board, summaries, ct, StatusCodes.Status201Created);

    private static async Task<IResult> EditCardAsync(long id, long cardId, CardBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries,
        CancellationToken ct) =>
        await After(await board.EditCardAsync(user, id, cardId, body.Text, ct: ct), user, id, board, summaries, ct);

    private static async Task<IResult> DeleteCardAsync(long id, long cardId, ClaimsPrincipal user, RetroBoard board, CancellationToken ct)
    {
        var result = await board.EditCardAsync(user, id, cardId, null, delete: true, ct);
        return result.Ok ? Results.NoContent() : Refused(result);
    }

    private static async Task<IResult> AddGroupAsync(long id, GroupBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct) =>
        await After(await board.AddGroupAsync(user, id, body.Name, ct), user, id, board, summaries, ct, StatusCodes.Status201Created);

    private static async Task<IResult> MoveCardAsync(long id, long cardId, MoveBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries,
        CancellationToken ct) =>
        await After(await board.MoveCardAsync(user, id, cardId, body.GroupId, ct), user, id, board, summaries, ct);

    private static async Task<IResult> NotesAsync(long id, long groupId, NotesBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries,
        CancellationToken ct) =>
        await After(await board.NoteGroupAsync(user, id, groupId, body.Notes, ct), user, id, board, summaries, ct);

    private static async Task<IResult> VoteAsync(long id, VoteBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct) =>
        await After(await board.VoteAsync(user, id, body.GroupId, add: true, ct), user, id, board, summaries, ct);

    private static async Task<IResult> UnvoteAsync(long id, long groupId, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct) =>
        await After(await board.VoteAsync(user, id, groupId, add: false, ct), user, id, board, summaries, ct);

    private static async Task<IResult> AddActionAsync(long id, ActionBody body, ClaimsPrincipal user, RetroBoard board, RetroSummaries summaries, CancellationToken ct)
    {
        DateOnly? due = null;
        if (!string.IsNullOrEmpty(body.Due))
        {
            if (!DateOnly.TryParseExact(body.Due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                if (await board.FindAsync(user, id, ct) is null) return ApiResults.NotFound();
                return ApiResults.Invalid([new ApiFieldError("due", "must be a date, yyyy-MM-dd")]);
            }
            due = parsed;
        }
        var result = await board.AddActionAsync(user, id, new RetroActionInput(body.Text, body.OwnerUserId, due, body.LinkedContentItemId, body.LinkedAnchor,
            body.IsFocus ?? false), ct);
        return await After(result, user, id, board, summaries, ct, StatusCodes.Status201Created);
    }

    private static async Task<IResult> After(RetroResult result, ClaimsPrincipal user, long id, RetroBoard board, RetroSummaries summaries, CancellationToken ct,
        int status = StatusCodes.Status200OK) =>
        result.Ok ? await StateAsync(user, id, board, summaries, ct, status) : Refused(result);

    private static IResult Refused(RetroResult result) => result.Outcome == RetroOutcome.NotFound ? ApiResults.NotFound()
        : ApiResults.Invalid([new ApiFieldError(result.Field ?? "", string.Format(CultureInfo.InvariantCulture, result.Message ?? "", (result.Args ?? []).Cast<object>().ToArray()))]);

    private static async Task<IResult> StateAsync(ClaimsPrincipal user, long id, RetroBoard board, RetroSummaries summaries, CancellationToken ct,
        int status = StatusCodes.Status200OK)
    {
        if (await board.FindAsync(user, id, ct) is not var (retro, viewer)) return ApiResults.NotFound();
        var s = await summaries.ForAsync(retro, viewer, ct);
        var used = await board.VotesUsedAsync(retro, viewer.UserId, ct);
        ActionState Of(RetroAction a, RetroActionReview? review = null) => new(a.Id, a.RetroId, a.Text, a.OwnerUserId, s.OwnerNames.GetValueOrDefault(a.OwnerUserId),
            a.DueUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Camel(a.Status.ToString()), a.LinkedContentItemId, a.LinkedContentType, a.LinkedAnchor, a.IsFocus,
            review is null ? null : Camel(review.Outcome.ToString()), review?.Note);
        var state = new RetroState(retro.Id, retro.TeamId, retro.Title, PhaseName(retro.Phase), RetroBoard.Next(retro.Phase) is { } n ? PhaseName(n) : null,
            retro.Anonymous, retro.VoteBudget, retro.MaxVotesPerGroup, Math.Max(0, retro.VoteBudget - used), viewer.Facilitates, retro.DealName, retro.DealOutcome,
            retro.DealRoles, s.CardCount, s.Writers, s.VotesCast,
            s.Prompts.Select(p => new PromptState(p.Key, p.TitleZh, p.TitleEn, p.DescriptionZh, p.DescriptionEn)).ToList(),
            s.Cards.Select(c => new CardState(c.Id, c.PromptKey, c.Text, c.GroupId, c.Author, c.Mine)).ToList(),
            s.Groups.Select(g => new GroupState(g.Id, g.Name, g.Notes, g.Votes, g.MyVotes)).ToList(),
            s.Previous.Select(p => Of(p.Action, p.Review)).ToList(), s.Actions.Select(a => Of(a)).ToList());
        return status == StatusCodes.Status201Created ? Results.Created($"/api/v1/retros/{retro.Id}", state) : Results.Ok(state);
    }

    public static string PhaseName(RetroPhase phase) => phase.ToString().ToLowerInvariant();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static RetroPhase? ParsePhase(string? phase) =>
        Enum.TryParse<RetroPhase>(phase, ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(phase, out _) ? p : null;
}
