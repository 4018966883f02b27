using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Security;
using SalesAcademy.DrillSessions.Models;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Pages.DrillSessions;

/// <summary>
/// The caller's own scoring sheet: every rated role against the drill's rubric, 1-5 with the drill's description of each level
/// beside each choice, and a comment per criterion. Only the caller's own ratings are ever shown here; a refused form keeps
/// what was chosen and says which field. Anyone who may not see the session gets 404.
/// </summary>
[Authorize]
public sealed class RateModel(DrillScoreBook book, IUserDirectory users, IStringLocalizer<RateModel> t) : PageModel
{
    public ScoringSheet Sheet { get; private set; } = null!;
    /// <summary>What the form shows per (role, criterion): the saved rating, or what was just posted when the form was refused.</summary>
    public Dictionary<(string Role, int Criterion), (int? Score, string? Comment)> Values { get; } = [];
    public IReadOnlyDictionary<string, string> PlayerNames { get; private set; } = new Dictionary<string, string>();
    public List<(string Field, string Message)> Errors { get; } = [];
    public bool Saved { get; private set; }

    public static string ScoreField(int role, int criterion) => $"score-{role}-{criterion}";
    public static string CommentField(int role, int criterion) => $"comment-{role}-{criterion}";

    public async Task<IActionResult> OnGetAsync(long id, bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        foreach (var r in await book.MineAsync(Sheet, ct)) Values[(r.RateeRoleKey, r.CriterionIndex)] = (r.Score, r.Comment);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var inputs = new List<RatingInput>();
        for (var r = 0; r < Sheet.RatedRoles.Count; r++)
        for (var c = 0; c < Sheet.Rubric.Count; c++)
        {
            var raw = Request.Form[ScoreField(r, c)].ToString();
            int? score = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : raw.Length == 0 ? null : -1;
            var comment = Request.Form[CommentField(r, c)].ToString();
            inputs.Add(new RatingInput(Sheet.RatedRoles[r], c, score, comment));
            Values[(Sheet.RatedRoles[r], c)] = (score is >= 1 and <= 5 ? score : null, comment);
        }
        var result = await book.RateAsync(User, id, inputs, ct);
        if (result.Outcome == ScoringOutcome.NotFound) return NotFound();
        if (result.Ok) return RedirectToPage(new { id, saved = true });
        foreach (var (field, message, args) in result.Errors!)
        {
            // ratings[7].score -> the role and criterion it is about, named in the message
            var label = field.StartsWith("ratings[", StringComparison.Ordinal) && int.TryParse(field[8..field.IndexOf(']')], out var n) && inputs.Count > n
                ? $"{RoleLabel(inputs[n].RoleKey ?? "")} · {Sheet.Rubric[inputs[n].CriterionIndex].Criterion}: " : "";
            Errors.Add((field, label + t[message, args]));
        }
        await LoadAsync(id, ct);
        return Page();
    }

    public string RoleLabel(string role) => Core.Domain.TeamRoles.Label(role);

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await book.SheetAsync(User, id, ct) is not { } sheet) return false;
        Sheet = sheet;
        var names = await users.ByIdsAsync(sheet.Players.Values.ToList(), ct);
        PlayerNames = sheet.Players.ToDictionary(p => p.Key, p => names.TryGetValue(p.Value, out var u) ? u.DisplayName : "", StringComparer.Ordinal);
        return true;
    }
}
