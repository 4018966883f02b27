using SalesAcademy.Core.Scheduling;

namespace SalesAcademy.Improvement.Queue;

/// <summary>Asks every source for its findings and updates the queue (hourly, cluster-wide; trainers may also run it on demand).</summary>
public sealed class QueueRefreshTask(ImprovementQueue queue) : IPeriodicTask
{
    public const string Key = "improvement.refresh";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task<int> RunAsync(CancellationToken ct) => (await queue.RefreshAsync(ct)).Changed;
}
