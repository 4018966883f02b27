using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Management;
using SalesAcademy.Scheduling.Services;

namespace SalesAcademy.Scheduling.Pages.Admin;

/// <summary>
/// Every cycle the user may manage (all for trainers and administrators, those of the teams they lead for team leads),
/// with its next fire times and recent runs; pause, resume, run now and retry a failed run. Anyone else: 404.
/// </summary>
[Authorize]
public sealed class SchedulerModel(CycleAccess access, CycleBoard board, Cycles cycles) : PageModel
{
    public IReadOnlyList<CycleView> Cycles { get; private set; } = [];
    public IReadOnlyList<KindChoice> Kinds { get; private set; } = [];
    /// <summary>The modules' upkeep tasks; shown to those who manage every cycle (trainers, administrators) only.</summary>
    public IReadOnlyList<UpkeepView> Upkeep { get; private set; } = [];
    public CycleScope Scope { get; private set; } = null!;
    /// <summary>The team the list is narrowed to (from the team page), with its name; null: every team.</summary>
    public TeamName? Team { get; private set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? team, CancellationToken ct)
    {
        if (await access.ScopeAsync(User) is not { } scope) return NotFound();
        Scope = scope;
        if (!string.IsNullOrEmpty(team))
        {
            Team = (await access.TeamsAsync(scope, ct)).FirstOrDefault(t => t.Id == team);
            if (Team is null) return NotFound();
        }
        Kinds = board.Kinds();
        Cycles = await board.ListAsync(scope, Team?.Id, ct: ct);
        if (scope.Everything && Team is null) Upkeep = await board.UpkeepAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostPauseAsync(long id, string? team, CancellationToken ct) =>
        ActAsync(id, team, ct, async () => await cycles.PauseAsync(id, User.UserName(), ct), "paused");

    public Task<IActionResult> OnPostResumeAsync(long id, string? team, CancellationToken ct) =>
        ActAsync(id, team, ct, async () => await cycles.ResumeAsync(id, User.UserName(), ct), "resumed");

    public Task<IActionResult> OnPostRunNowAsync(long id, string? team, CancellationToken ct) =>
        ActAsync(id, team, ct, async () => (await cycles.RunNowAsync(id, User.UserName(), ct)).Error, "run");

    public async Task<IActionResult> OnPostRetryAsync(long runId, string? team, CancellationToken ct)
    {
        if (await cycles.FindRunAsync(runId, ct) is not { } run) return NotFound();
        return await ActAsync(run.CycleId, team, ct, async () => await cycles.RetryAsync(runId, User.UserName(), ct), "retried");
    }

    private async Task<IActionResult> ActAsync(long id, string? team, CancellationToken ct, Func<Task<string?>> act, string done)
    {
        // A cycle outside the user's teams is indistinguishable from one that does not exist.
        if (await access.ScopeAsync(User) is not { } scope || await cycles.FindAsync(id, ct) is not { } cycle || !scope.Covers(cycle)) return NotFound();
        if (await act() is { } error)
        {
            Error = error;
            await OnGetAsync(team, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Message = done;
        return RedirectToPage(new { team = string.IsNullOrEmpty(team) ? null : team });
    }
}
