using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Core.Scheduling;

/// <summary>
/// Upkeep a module needs done every so often (remind the owners of due retro actions, close pulses whose window passed,
/// finish overdue quiz attempts). The Scheduling module runs each registered task as a Quartz job on its persistent store:
/// once per interval across a cluster rather than once per node, never two runs of one task at a time, and listed on
/// /admin/scheduler. A task is resolved in a fresh scope for each run, so it may take scoped services; it must be
/// idempotent, because a run may repeat after a crash.
/// </summary>
public interface IPeriodicTask
{
    /// <summary>One round of the work; returns how many things it did (0: nothing was due), for the log.</summary>
    Task<int> RunAsync(CancellationToken ct);
}

/// <param name="Key">Stable and unique, e.g. <c>retros.action-reminders</c>: the Quartz job's name.</param>
/// <param name="Name">English PO msgid of what it does, for /admin/scheduler ("Remind owners of due retro actions").</param>
/// <param name="Interval">How often it runs; the first run is one interval after the task is first scheduled.</param>
public sealed record PeriodicTaskRegistration(string Key, string Name, TimeSpan Interval, Type TaskType);

public static class PeriodicTaskExtensions
{
    /// <summary>Registers <typeparamref name="T"/> (scoped) to run every <paramref name="interval"/>, cluster-wide.</summary>
    public static IServiceCollection AddPeriodicTask<T>(this IServiceCollection services, string key, string name, TimeSpan interval)
        where T : class, IPeriodicTask
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "A periodic task needs a positive interval.");
        services.AddScoped<T>();
        services.AddSingleton(new PeriodicTaskRegistration(key, name, interval, typeof(T)));
        return services;
    }
}
