using SalesAcademy.Core.Scheduling;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.Jobs;

/// <summary>
/// Once an hour (an <see cref="IPeriodicTask"/>: once per cluster), reminds owners of actions due tomorrow or earlier;
/// <see cref="OpenActions.RemindAsync"/> tells each action's owner at most once a day, so a repeated run repeats nothing.
/// </summary>
internal sealed class ActionReminderJob(OpenActions actions) : IPeriodicTask
{
    public const string Key = "retros.action-reminders";
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public Task<int> RunAsync(CancellationToken ct) => actions.RemindAsync(ct);
}
