using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Pulses.Services;

namespace SalesAcademy.Pulses.Pages.Pulses;

/// <summary>
/// One pulse: its members answer every statement 1..5 (and may change their answers until it closes); everyone who may
/// see the team sees how many answered and, with enough respondents, the results. Anyone else gets 404.
/// </summary>
[Authorize]
public sealed class AnswerModel(PulseBook book) : PageModel
{
    public PulseView View { get; private set; } = null!;
    public bool Member { get; private set; }
    public bool Answered { get; private set; }
    public IReadOnlyDictionary<string, int> Values { get; private set; } = new Dictionary<string, int>();
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public PulseResults? Results { get; private set; }
    public string? Saved { get; private set; }
    public bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public async Task<IActionResult> OnGetAsync(long id, string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var values = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var statement in View.Part?.Statements ?? [])
            values[statement.Key] = int.TryParse(Request.Form["s." + statement.Key], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var (outcome, errors) = await book.AnswerAsync(User, id, values, ct);
        switch (outcome)
        {
            case AnswerOutcome.NotFound: return NotFound();
            case AnswerOutcome.Saved or AnswerOutcome.Replaced:
                return Redirect($"/pulses/{id}?saved={(outcome == AnswerOutcome.Saved ? "new" : "changed")}");
            case AnswerOutcome.NotMember: Errors[""] = "Only the team's members answer its pulses."; break;
            case AnswerOutcome.Closed: Errors[""] = "This pulse is closed."; break;
            default:
                foreach (var (field, message) in errors) Errors[field] = message;
                break;
        }
        // Keep what was chosen so nothing typed is lost.
        Values = values.Where(v => v.Value is >= PulseBook.MinValue and <= PulseBook.MaxValue).ToDictionary(v => v.Key, v => v.Value!.Value);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await book.VisibleAsync(User, id, ct) is not { } view) return false;
        View = view;
        var me = PulseBook.Me(User);
        Member = await book.IsMemberAsync(me, view.Pulse.TeamId);
        if (Member && view.Open)
        {
            Answered = await book.HasAnsweredAsync(id, me, ct);
            Values = await book.OwnAnswersAsync(view.Pulse, me, ct);
        }
        Results = await book.ResultsAsync(view, ct);
        return true;
    }
}
