using System.Security.Claims;

namespace SalesAcademy.Core.Scheduling;

/// <summary>
/// A cycle that runs once, now, for one team (a quiz round or a drill session assigned from a recommendation).
/// </summary>
/// <param name="Kind">The cycle kind's key (<c>quiz-round</c>, <c>drill</c>).</param>
/// <param name="Title">The cycle's title as the scheduler lists it (data, not a PO msgid).</param>
/// <param name="Settings">The kind's settings JSON (<see cref="CycleSettings.Write"/>).</param>
/// <param name="OpenMinutes">How long the run stays open (a quiz round's deadline); null: it does not stay open.</param>
public sealed record OneOffRun(string Kind, string Title, string TeamId, string Settings, int? OpenMinutes);

/// <summary>What starting a one-off run came to: the cycle and run, or an English PO msgid naming the refused field.</summary>
public sealed record OneOffResult(long CycleId, long RunId, string? Error)
{
    public bool Ok => Error is null;
    public static OneOffResult Refused(string error) => new(0, 0, error);
}

/// <summary>
/// Starts a cycle kind once for a team, as "run now" does: a paused cycle (it never fires on its own) and one manual run
/// whose open phase the scheduler runs at once. Only who may manage the team's cycles (its leads, trainers, administrators);
/// the Scheduling module implements it and audits it; without it, refused.
/// </summary>
public interface IOneOffRuns
{
    Task<OneOffResult> RunOnceAsync(ClaimsPrincipal user, OneOffRun run, CancellationToken ct = default);
}

internal sealed class NoOneOffRuns : IOneOffRuns
{
    public Task<OneOffResult> RunOnceAsync(ClaimsPrincipal user, OneOffRun run, CancellationToken ct = default) =>
        Task.FromResult(OneOffResult.Refused("Scheduling is not available on this site."));
}
