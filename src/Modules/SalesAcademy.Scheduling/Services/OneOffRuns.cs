using System.Security.Claims;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Management;
using SalesAcademy.Scheduling.Models;

namespace SalesAcademy.Scheduling.Services;

/// <summary>
/// The Scheduling module's answer to <see cref="IOneOffRuns"/>: a paused cycle of the kind for the one team (listed on
/// /admin/scheduler like any cycle, never firing on its own) and a "run now" of it; both audited by <see cref="Cycles"/>.
/// </summary>
internal sealed class OneOffRuns(Cycles cycles, CycleAccess access) : IOneOffRuns
{
    public async Task<OneOffResult> RunOnceAsync(ClaimsPrincipal user, OneOffRun run, CancellationToken ct = default)
    {
        if (await access.ScopeAsync(user) is not { } scope || !scope.Covers([run.TeamId]))
            return OneOffResult.Refused("Team: choose one of the teams you lead.");
        var title = run.Title.Trim();
        if (title.Length > 200) title = title[..200];
        var draft = new CycleDraft(run.Kind, title, [run.TeamId], CadenceKind.Weekly, new TimeOnly(9, 0), DayOfWeek.Monday,
            OpenMinutes: run.OpenMinutes, Settings: run.Settings, Active: false);
        var actor = user.UserName();
        var (cycle, error) = await cycles.CreateAsync(draft, actor, ct);
        if (cycle is null) return OneOffResult.Refused(error!);
        var (started, runError) = await cycles.RunNowAsync(cycle.Id, actor, ct);
        return started is null ? OneOffResult.Refused(runError!) : new OneOffResult(cycle.Id, started.Id, null);
    }
}
