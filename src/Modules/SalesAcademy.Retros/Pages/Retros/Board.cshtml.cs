using Microsoft.AspNetCore.Http;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Localization;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Models;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.Pages.Retros;

/// <summary>
/// A retro, as its phase shows it: review earlier actions, reflect (only one's own cards), group (drag and drop, or the
/// "move to group" select), vote (the votes left), discuss (groups by votes, notes), actions, and the closed summary.
/// Every form posts to a handler here, which goes through <see cref="RetroBoard"/>; anyone who may not see the retro gets 404.
/// </summary>
[Authorize]
public sealed class BoardModel(RetroBoard board, RetroSummaries summaries, PublishedContent published, ITeamDirectory teams, IUserDirectory users,
    IStringLocalizer<BoardModel> t) : PageModel
{
    public Retro Retro { get; private set; } = null!;
    public RetroViewer Viewer { get; private set; } = null!;
    public RetroSummaryView Summary { get; private set; } = null!;
    public int VotesLeft { get; private set; }
    public IReadOnlyList<DirectoryUser> Members { get; private set; } = [];
    public IReadOnlyList<Content.Models.ContentItem> Linkable { get; private set; } = [];
    /// <summary>Titles of the content the actions link to (with the playbook stage's name), by "item id#anchor".</summary>
    public Dictionary<string, string> LinkTitles { get; } = new(StringComparer.Ordinal);
    /// <summary>The refused field and what to do, after a form was refused (the form keeps what was typed).</summary>
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Prompt { get; set; }
    [BindProperty] public long? CardId { get; set; }
    [BindProperty] public long? GroupId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public long? ActionId { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public DateOnly? Due { get; set; }
    [BindProperty] public string? Link { get; set; }
    /// <summary>The link select's value is an item id, or for a playbook stage "id#stage".</summary>
    private string? LinkItem => Link?.Split('#', 2)[0] is { Length: > 0 } item ? item : null;
    private string? LinkAnchor => Link?.Split('#', 2) is [_, var anchor] ? anchor : null;
    [BindProperty] public bool Focus { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostMoveAsync(long id, CancellationToken ct) =>
        Api.RetrosApi.ParsePhase(To) is { } to ? RunAsync(id, () => board.MoveAsync(User, id, to, ct), "", ct)
            : RunAsync(id, () => Task.FromResult(RetroResult.Invalid("phase", "Phase: the retro is not at the step before this one (reload the page).")), "", ct);

    public Task<IActionResult> OnPostReviewAsync(long id, CancellationToken ct)
    {
        var outcome = Enum.TryParse<RetroActionStatus>(Outcome, out var o) ? o : RetroActionStatus.Open;
        return RunAsync(id, () => board.ReviewActionAsync(User, id, ActionId ?? 0, outcome, Note, ct), "#previous-actions", ct);
    }

    public Task<IActionResult> OnPostAddCardAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.AddCardAsync(User, id, Prompt, Text, ct), "#prompt-" + Prompt, ct);

    public Task<IActionResult> OnPostEditCardAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.EditCardAsync(User, id, CardId ?? 0, Text, ct: ct), "#card-" + CardId, ct);

    public Task<IActionResult> OnPostDeleteCardAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.EditCardAsync(User, id, CardId ?? 0, null, delete: true, ct), "", ct);

    public Task<IActionResult> OnPostAddGroupAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.AddGroupAsync(User, id, Name, ct), "#groups", ct);

    /// <summary>The keyboard / no-JS way of grouping (and what the drag-and-drop script posts): a card and a group, or none.</summary>
    public Task<IActionResult> OnPostMoveCardAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.MoveCardAsync(User, id, CardId ?? 0, GroupId is 0 ? null : GroupId, ct), "#card-" + CardId, ct);

    public Task<IActionResult> OnPostVoteAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.VoteAsync(User, id, GroupId ?? 0, add: true, ct), "#group-" + GroupId, ct);

    public Task<IActionResult> OnPostUnvoteAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.VoteAsync(User, id, GroupId ?? 0, add: false, ct), "#group-" + GroupId, ct);

    public Task<IActionResult> OnPostNotesAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.NoteGroupAsync(User, id, GroupId ?? 0, Notes, ct), "#group-" + GroupId, ct);

    public Task<IActionResult> OnPostAddActionAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.AddActionAsync(User, id, new RetroActionInput(Text, Owner, Due, LinkItem, LinkAnchor, Focus), ct), "#actions", ct);

    public Task<IActionResult> OnPostFocusAsync(long id, CancellationToken ct) =>
        RunAsync(id, () => board.FocusAsync(User, id, ActionId ?? 0, Focus, ct), "#actions", ct);

    private async Task<IActionResult> RunAsync(long id, Func<Task<RetroResult>> change, string anchor, CancellationToken ct)
    {
        var result = await change();
        if (result.Outcome == RetroOutcome.NotFound) return NotFound();
        if (result.Ok)
        {
            // htmx (the drag-and-drop script) needs no page back; a form post comes back to where it was.
            if (Request.IsHtmx()) return new NoContentResult();
            return Redirect($"/retros/{id}{anchor}");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        ErrorField = result.Field;
        Error = t[result.Message ?? "", (result.Args ?? []).Cast<object>().ToArray()];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await board.FindAsync(User, id, ct) is not var (retro, viewer)) return false;
        Retro = retro;
        Viewer = viewer;
        Summary = await summaries.ForAsync(retro, viewer, ct);
        VotesLeft = Math.Max(0, retro.VoteBudget - await board.VotesUsedAsync(retro, viewer.UserId, ct));
        foreach (var action in Summary.Actions.Where(a => a.LinkedContentItemId is not null))
            if (await published.ByIdAsync(action.LinkedContentItemId!) is { } item)
                LinkTitles[action.LinkedContentItemId! + "#" + action.LinkedAnchor] = action.LinkedAnchor is { } anchor
                    ? $"{item.DisplayText} › {board.Anchors(item).FirstOrDefault(s => s.Key == anchor).Title ?? anchor}"
                    : item.DisplayText;
        if (retro.Phase == RetroPhase.Actions && viewer.Facilitates)
        {
            var memberIds = await teams.MemberIdsAsync([retro.TeamId]);
            Members = (await users.ByIdsAsync(memberIds, ct)).Values.OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ToList();
            var linkable = new List<Content.Models.ContentItem>();
            foreach (var type in RetroBoard.LinkableTypes) linkable.AddRange(await published.ListAsync(type));
            Linkable = linkable;
        }
        return true;
    }

    public IReadOnlyList<Content.Models.ContentAnchor> Anchors(Content.Models.ContentItem item) => board.Anchors(item);
        public string PromptTitle(RetroPrompt p) => PortalCultures.CurrentIsChinese ? p.TitleZh : p.TitleEn;
    public string? PromptDescription(RetroPrompt p) => PortalCultures.CurrentIsChinese ? p.DescriptionZh : p.DescriptionEn;
    public static string DueOf(RetroAction a) => a.DueUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
