using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Scheduling.Diagnostics;

/// <summary>
/// The cluster probe (cycle kind <c>cluster-probe</c>), installed only when <c>Scheduling:ClusterProbeHoldSeconds</c> is
/// set: for proving a cluster, not for users. On open it holds the phase for that long (so a node can be killed while it
/// holds a claimed phase), then tells every member of the target teams, keyed on the run (one notification per member
/// and run, whichever node finishes it). It logs which node held and finished each run.
/// </summary>
public sealed class ClusterProbeKind(ITeamDirectory teams, IUserDirectory users, IUserNotifications notifications,
    IOptions<SchedulingOptions> options, ILogger<ClusterProbeKind> logger) : ICycleKind
{
    public const string KindKey = "cluster-probe";
    public const string NoticeKind = "cluster-probe";
    public static string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public string Key => KindKey;
    public string Name => "Cluster probe";

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        if (run.Phase != CyclePhase.Open) return new();
        logger.LogInformation("cluster-probe: run {Run} held by node {Node}", run.RunId, Node);
        await Task.Delay(TimeSpan.FromSeconds(options.Value.ClusterProbeHoldSeconds ?? 0), ct);
        var members = await users.ByIdsAsync((await teams.MemberIdsAsync(run.TeamIds)).Distinct().ToList(), ct);
        var recipients = members.Values.Select(u => u.UserName).Order(StringComparer.Ordinal).ToList();
        await notifications.NotifyAsync(recipients,
            new Notice(NoticeKind, "Cluster probe: run {0} for {1}, by node {2}",
                [run.RunId.ToString(), run.ScheduledUtc.ToString("O"), Node], null) { Key = $"cluster-probe:{run.RunId}" }, ct);
        logger.LogInformation("cluster-probe: run {Run} finished by node {Node}, {Count} told", run.RunId, Node, recipients.Count);
        return new(Targeted: recipients.Count, Completed: recipients.Count);
    }
}
