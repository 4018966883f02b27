using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Scheduling;

/// <summary>The steps of one run of a cycle: it opens at its fire time, reminds before it closes, then closes.</summary>
public enum CyclePhase { Open, Remind, Close }

/// <summary>
/// One phase of one run, as a cycle kind sees it. <see cref="RunId"/> and <see cref="ScheduledUtc"/> identify the run:
/// a phase may be handed to the kind again after a crash or a duplicate fire, so whatever the kind writes must be keyed
/// on them (one assignment per run and member, one reminder per run, member and offset).
/// </summary>
/// <param name="Settings">The kind's own settings for this cycle (JSON chosen by the kind, e.g. which quiz); "{}" when none.</param>
/// <param name="ReminderBefore">For <see cref="CyclePhase.Remind"/>: the offset before closing this reminder is for.</param>
public sealed record CycleRunContext(long CycleId, long RunId, string Kind, CyclePhase Phase, IReadOnlyList<string> TeamIds,
    DateTime ScheduledUtc, DateTime? ClosesUtc, TimeSpan? ReminderBefore, string Settings);

/// <summary>What a phase did, for the run's record: null leaves a count as it was.</summary>
public sealed record CyclePhaseResult(int? Targeted = null, int? Completed = null);

/// <summary>
/// A kind of scheduled cycle (a quiz round, a verification sweep, a review reminder). Each module registers its kinds
/// from its own startup with <see cref="CycleKindRegistration.AddCycleKind{T}"/>; the Scheduling module runs them.
/// A kind is resolved in a fresh scope for each phase, so it may take scoped services (its module's DbContext).
/// </summary>
public interface ICycleKind
{
    /// <summary>Stable key stored with each cycle, e.g. <c>quiz-round</c>.</summary>
    string Key { get; }

    /// <summary>English PO msgid of the kind's name ("Quiz round"); the module's zh-CN.po translates it.</summary>
    string Name { get; }

    /// <summary>Does this phase's work. Must be idempotent for the same run and phase (see <see cref="CycleRunContext"/>).</summary>
    Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct);
}

/// <summary>A cycle as other modules show it (a team page lists its team's cycles).</summary>
/// <param name="Cadence">The cadence in words, in the current UI culture.</param>
/// <param name="NextFireUtc">When it next opens; null when paused or it never fires again.</param>
/// <param name="KindName">The kind's name in the current UI culture (the key when no module registers the kind).</param>
public sealed record CycleSummary(long Id, string Kind, string Cadence, string TimeZone, bool Active, DateTime? NextFireUtc,
    string Title = "", string KindName = "");

/// <summary>The cycles that target a team. The Scheduling module implements it; without it there are none.</summary>
public interface ITeamCycles
{
    Task<IReadOnlyList<CycleSummary>> ForTeamAsync(string teamId, CancellationToken ct = default);

    /// <summary>Whether the user may create and change the team's cycles (trainers, administrators, the team's leads).</summary>
    Task<bool> MayManageAsync(ClaimsPrincipal user, string teamId, CancellationToken ct = default);
}

internal sealed class NoTeamCycles : ITeamCycles
{
    public Task<IReadOnlyList<CycleSummary>> ForTeamAsync(string teamId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CycleSummary>>([]);

    public Task<bool> MayManageAsync(ClaimsPrincipal user, string teamId, CancellationToken ct = default) => Task.FromResult(false);
}

public static class CycleKindRegistration
{
    /// <summary>Registers a cycle kind (scoped). Without the Scheduling module nothing runs it, which is harmless.</summary>
    public static IServiceCollection AddCycleKind<TKind>(this IServiceCollection services) where TKind : class, ICycleKind =>
        services.AddScoped<ICycleKind, TKind>();
}
