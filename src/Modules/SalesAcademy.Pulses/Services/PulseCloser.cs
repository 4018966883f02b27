using SalesAcademy.Core.Scheduling;

namespace SalesAcademy.Pulses.Services;

/// <summary>
/// Every minute (an <see cref="IPeriodicTask"/>: once per cluster), closes the pulses whose window has passed (a cycle
/// without a closing time of its own has no close phase): the secret, the tags and the participation set must not outlive
/// the pulse.
/// </summary>
internal sealed class PulseCloser(PulseBook pulses) : IPeriodicTask
{
    public const string Key = "pulses.close-due";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public Task<int> RunAsync(CancellationToken ct) => pulses.CloseDueAsync(ct);
}
