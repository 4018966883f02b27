using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Dashboards;
using SalesAcademy.Insights.Services;
using SalesAcademy.Insights.Weights;

namespace SalesAcademy.Insights.Pages.About;

/// <summary>
/// The open metrics, for everyone (signed in or not): each index's formula, its measures, weights and minimum inputs, and
/// every weights version. Holders of insights.weights (administrators) change the weights here: each change is a new
/// version (audited); snapshots keep the version they were computed with.
/// </summary>
[AllowAnonymous]
public sealed class MetricsModel(InsightSnapshots snapshots, WeightsBook book, IAuthorizationService authorization, IUserDirectory users) : PageModel
{
    public IReadOnlyList<WeightsVersionView> Versions { get; private set; } = [];
    public WeightsVersionView Current { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public IReadOnlyDictionary<string, string> Authors { get; private set; } = new Dictionary<string, string>();
    /// <summary>What the form shows: the current weights, or what was typed when it was refused.</summary>
    public Dictionary<string, string?> Typed { get; private set; } = new(StringComparer.Ordinal);
    public string? Note { get; private set; }
    public IReadOnlyList<WeightError> Errors { get; private set; } = [];
    [TempData] public int? WeightsSaved { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct);

    public async Task<IActionResult> OnPostAsync(string? note, CancellationToken ct)
    {
        if (!await authorization.HasPermissionAsync(User, DashboardPermissions.Weights)) return NotFound();
        var typed = Request.Form.Where(f => f.Key.StartsWith("readiness.", StringComparison.Ordinal) || f.Key.StartsWith("collaboration.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        var change = await book.ChangeAsync(User, typed, note, ct);
        if (change.Ok)
        {
            WeightsSaved = change.Version;
            return RedirectToPage();
        }
        Errors = change.Errors;
        Note = note;
        await LoadAsync(typed, ct);
        return Page();
    }

    public WeightError? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field);

    private async Task LoadAsync(Dictionary<string, string?>? typed, CancellationToken ct)
    {
        Versions = await snapshots.WeightsVersionsAsync(ct);
        Current = await snapshots.CurrentWeightsAsync(ct);
        MayEdit = await authorization.HasPermissionAsync(User, DashboardPermissions.Weights);
        var authorIds = Versions.Select(v => v.CreatedByUserId).OfType<string>().Distinct().ToList();
        Authors = authorIds.Count == 0 ? new Dictionary<string, string>()
            : (await users.ByIdsAsync(authorIds, ct)).ToDictionary(u => u.Key, u => u.Value.DisplayName);
        if (typed is not null) Typed = typed;
        else if (Current.Weights is { } w)
        {
            foreach (var (k, v) in w.Readiness) Typed["readiness." + k] = ChartTable.Format(v);
            foreach (var (k, v) in w.Collaboration) Typed["collaboration." + k] = ChartTable.Format(v);
        }
    }
}
