using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Security;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Pages.DrillSessions;

/// <summary>
/// A session's results once scoring has closed: per role and criterion each rater's score (named, marked self / peer / trainer),
/// the mean and spread, the weighted role score, the team score, comments, and the criteria where raters differ by 2 or more
/// marked for the debrief. Before the close it shows no figure at all. Closing, reopening and finalising post here.
/// </summary>
[Authorize]
public sealed class ResultsModel(DrillScoreBook book, IUserDirectory users, IStringLocalizer<ResultsModel> t) : PageModel
{
    public ScoringSheet Sheet { get; private set; } = null!;
    public ScoringResults? Results { get; private set; }
    public IReadOnlyDictionary<string, string> PlayerNames { get; private set; } = new Dictionary<string, string>();
    public string? Error { get; private set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) => RunAsync(id, () => book.CloseAsync(User, id, ct), ct);

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken ct) => RunAsync(id, () => book.ReopenAsync(User, id, ct), ct);

    public Task<IActionResult> OnPostFinalizeAsync(long id, CancellationToken ct) => RunAsync(id, () => book.FinalizeAsync(User, id, Note, ct), ct);

    private async Task<IActionResult> RunAsync(long id, Func<Task<ScoringResult>> change, CancellationToken ct)
    {
        var result = await change();
        if (result.Outcome == ScoringOutcome.NotFound) return NotFound();
        if (result.Ok) return RedirectToPage(new { id });
        var (_, message, args) = result.Errors![0];
        Error = t[message, args];
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await book.SheetAsync(User, id, ct) is not { } sheet) return false;
        Sheet = sheet;
        Results = await book.ResultsAsync(sheet, ct);
        var names = await users.ByIdsAsync(sheet.Players.Values.ToList(), ct);
        PlayerNames = sheet.Players.ToDictionary(p => p.Key, p => names.TryGetValue(p.Value, out var u) ? u.DisplayName : "", StringComparer.Ordinal);
        return true;
    }
}
