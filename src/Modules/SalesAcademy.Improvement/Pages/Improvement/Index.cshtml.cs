using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Security;
using SalesAcademy.Improvement.Models;
using SalesAcademy.Improvement.Queue;

namespace SalesAcademy.Improvement.Pages.Improvement;

/// <summary>One item as the queue shows it: its kind and evidence in the reader's language, its owner's name.</summary>
public sealed record QueueItemView(ImprovementItem Item, string SourceLabel, IReadOnlyList<(string Text, string? Url)> Evidence, string? OwnerName,
    bool Mine, string? EditorUrl);

/// <summary>
/// The improvement queue: open items (or the dismissed or resolved ones) with their evidence and owner, and per item the
/// actions (open the editor, assign to a trainer, dismiss with a reason, resolve with the new published version). Trainers and
/// administrators see every item; content owners only theirs; anyone else gets 404.
/// </summary>
[Authorize]
public sealed class IndexModel(ImprovementQueue queue, IUserDirectory users, IStringLocalizer<IndexModel> t) : PageModel
{
    public IReadOnlyList<QueueItemView> Items { get; private set; } = [];
    public IReadOnlyList<(string UserName, string Name)> Assignees { get; private set; } = [];
    public bool Manages { get; private set; }
    public ImprovementStatus Status { get; private set; }
    public long? ErrorItem { get; private set; }
    public string? ErrorField { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusName { get; set; }

    /// <summary>Only items of this kind (a source's name as stored); anything else shows every kind.</summary>
    [BindProperty(SupportsGet = true, Name = "source")] public string? SourceFilter { get; set; }

    /// <summary>Only the items the reader owns or was assigned.</summary>
    [BindProperty(SupportsGet = true, Name = "mine")] public bool MineOnly { get; set; }

    /// <summary>The kinds in this tab, with how many items each has (before filtering), for the filter.</summary>
    public IReadOnlyList<(string Source, string Label, int Count)> Sources { get; private set; } = [];

    /// <summary>How many items the tab has before filtering.</summary>
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Done = done switch
        {
            "assigned" => t["The item is assigned."].Value, "dismissed" => t["The item is dismissed."].Value,
            "resolved" => t["The item is resolved: whoever asked is told."].Value, "refreshed" => t["The queue is up to date."].Value, _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        if (!await queue.ManagesAsync(User)) return NotFound();
        await queue.RefreshAsync(ct);
        return Redirect("/improvement?done=refreshed");
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, string? assignee, int? sequence, CancellationToken ct) =>
        await AfterAsync(id, "assigned", await queue.AssignAsync(User, id, assignee, sequence, ct), ct);

    public async Task<IActionResult> OnPostDismissAsync(long id, string? reason, int? sequence, CancellationToken ct) =>
        await AfterAsync(id, "dismissed", await queue.DismissAsync(User, id, reason, sequence, ct), ct);

    public async Task<IActionResult> OnPostResolveAsync(long id, string? contentItemId, int? sequence, CancellationToken ct) =>
        await AfterAsync(id, "resolved", await queue.ResolveAsync(User, id, contentItemId, sequence, ct), ct);

    private async Task<IActionResult> AfterAsync(long id, string done, QueueResult result, CancellationToken ct)
    {
        if (result.Outcome == QueueOutcome.NotFound) return NotFound();
        if (result.Ok) return Redirect($"/improvement?done={done}");
        if (!await LoadAsync(ct)) return NotFound();
        ErrorItem = id;
        ErrorField = result.Field;
        Error = t[result.Message ?? "", result.Args ?? []];
        Response.StatusCode = result.Outcome == QueueOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Status = StatusName switch { "dismissed" => ImprovementStatus.Dismissed, "resolved" => ImprovementStatus.Resolved, _ => ImprovementStatus.Open };
        if (await queue.ListAsync(User, Status, ct) is not { } items) return false;
        Manages = await queue.ManagesAsync(User);
        var assignees = await queue.AssigneesAsync(ct);
        var people = items.SelectMany(i => new[] { i.Owner, i.AssignedTo }).OfType<string>().Concat(assignees).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var names = await users.DisplayNamesAsync(people, ct);
        Assignees = assignees.Select(a => (a, names.GetValueOrDefault(a) ?? a)).OrderBy(a => a.Item2, StringComparer.CurrentCulture).ToList();
        var me = User.Identity?.Name;
        var views = items.Select(i => new QueueItemView(i, t[i.Source],
            ImprovementQueue.EvidenceOf(i).Select(e => ((string)t[e.Template, e.Args.Cast<object>().ToArray()], e.LocalUrl)).ToList(),
            i.EffectiveOwner is { } o ? names.GetValueOrDefault(o) ?? o : null,
            me is not null && (string.Equals(i.EffectiveOwner, me, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Owner, me, StringComparison.OrdinalIgnoreCase)),
            i.ContentItemId is { } id ? "/studio/edit/" + Uri.EscapeDataString(id) : null)).ToList();
        Total = views.Count;
        Sources = views.GroupBy(v => v.Item.Source, StringComparer.Ordinal).Select(g => (g.Key, g.First().SourceLabel, g.Count()))
            .OrderByDescending(g => g.Item3).ThenBy(g => g.Item2, StringComparer.CurrentCulture).ToList();
        if (Sources.All(s => s.Source != SourceFilter)) SourceFilter = null;
        Items = views.Where(v => (SourceFilter is null || v.Item.Source == SourceFilter) && (!MineOnly || v.Mine)).ToList();
        return true;
    }
}
