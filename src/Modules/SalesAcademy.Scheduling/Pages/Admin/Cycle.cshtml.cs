using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Management;
using SalesAcademy.Scheduling.Services;

namespace SalesAcademy.Scheduling.Pages.Admin;

/// <summary>
/// The cycle editor: a new cycle (<c>?team=</c> preselects a team) or an existing one. Trainers and administrators
/// target any team, team leads only teams they lead; a cycle outside that answers 404, a team outside it 403.
/// </summary>
[Authorize]
public sealed class CycleModel(CycleAccess access, CycleBoard board, Cycles cycles) : PageModel
{
    [BindProperty] public CycleForm Form { get; set; } = new();
    public IReadOnlyList<KindChoice> Kinds { get; private set; } = [];
    /// <summary>Each kind's settings fields (shown for the chosen kind).</summary>
    public IReadOnlyList<KindSettings> KindFields { get; private set; } = [];
    /// <summary>The refused settings: form key ("&lt;kind&gt;.&lt;field&gt;") → message (a PO msgid).</summary>
    public IReadOnlyDictionary<string, string> SettingErrors { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<TeamName> Teams { get; private set; } = [];
    /// <summary>The cycle being edited, as saved; null for a new one.</summary>
    public CycleView? Saved { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }
    public string? ReturnTeam { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, string? team, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Saved is { } saved) Form = CycleForm.From(saved.Cycle);
        else if (!string.IsNullOrEmpty(team) && Teams.Any(t => t.Id == team))
        {
            Form.TeamIds = [team];
            ReturnTeam = team;
        }
        if (Saved is null && Kinds.Count == 1) Form.Kind = Kinds[0].Key;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, string? team, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ReturnTeam = string.IsNullOrEmpty(team) ? null : team;
        var scope = (await access.ScopeAsync(User))!;
        if (!scope.Covers(Form.TeamIds.Where(t => !string.IsNullOrWhiteSpace(t)).ToList()) && Form.TeamIds.Count > 0)
            return Refuse("Teams: you may only choose teams you lead.", StatusCodes.Status403Forbidden);
        var (draft, error) = Form.ToDraft();
        if (draft is null) return Refuse(error!, StatusCodes.Status400BadRequest);
        var settingErrors = await cycles.CheckSettingsAsync(draft.Kind, draft.Settings, ct);
        if (settingErrors.Count > 0)
        {
            SettingErrors = settingErrors.GroupBy(e => CycleForm.SettingKey(draft.Kind, e.Field)).ToDictionary(g => g.Key, g => g.First().Message);
            var page = Refuse(settingErrors[0].Message, StatusCodes.Status400BadRequest);
            ErrorField = "Settings." + CycleForm.SettingKey(draft.Kind, settingErrors[0].Field);
            return page;
        }
        if (Saved is null)
        {
            var (_, createError) = await cycles.CreateAsync(draft, User.UserName(), ct);
            if (createError is not null) return Refuse(createError, StatusCodes.Status400BadRequest);
        }
        else if (await cycles.UpdateAsync(Saved.Cycle.Id, draft, Form.Version, User.UserName(), ct) is { } updateError)
            return Refuse(updateError, updateError.StartsWith("Someone changed", StringComparison.Ordinal) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        TempData["Message"] = "saved";
        return Redirect("/admin/scheduler" + (ReturnTeam is null ? "" : "?team=" + Uri.EscapeDataString(ReturnTeam)));
    }

    /// <summary>Shows the form again as typed, with the message naming the field.</summary>
    private PageResult Refuse(string error, int status)
    {
        Error = error;
        ErrorField = CycleForm.FieldOf(error);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long? id, CancellationToken ct)
    {
        if (await access.ScopeAsync(User) is not { } scope) return NotFound();
        if (id is { } cycleId)
        {
            if (await cycles.FindAsync(cycleId, ct) is not { } cycle || !scope.Covers(cycle)) return NotFound();
            Saved = await board.ViewAsync(cycle, runs: 0, ct);
        }
        Kinds = board.Kinds();
        KindFields = await board.KindSettingsAsync(ct);
        Teams = await access.TeamsAsync(scope, ct);
        return null;
    }
}
