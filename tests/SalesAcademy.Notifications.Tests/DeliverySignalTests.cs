using SalesAcademy.Notifications.Delivery;
using SalesAcademy.Testing;

namespace SalesAcademy.Notifications.Tests;

/// <summary>
/// The delivery service waits on this signal between polls: a wake is never lost, and a quiet node's wait that simply runs
/// out throws nothing (it happened on every poll, once a second, and showed in the runtime's exception counters).
/// </summary>
public sealed class DeliverySignalTests
{
    [Fact]
    public async Task A_wake_ends_the_wait_and_one_that_came_while_nobody_waited_is_kept_for_the_next()
    {
        var signal = new DeliverySignal();
        signal.Wake(); // nobody waits yet
        await signal.WaitAsync(TimeSpan.FromMinutes(5), TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), TimeProvider.System, CancellationToken.None);
        Assert.False(waiting.IsCompleted); // that wake was taken
        signal.Wake();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_wait_that_runs_out_throws_nothing_and_only_a_stop_ends_it_with_an_exception()
    {
        var signal = new DeliverySignal();
        var thrown = await ThrownExceptions.DuringAsync(async () =>
        {
            for (var i = 0; i < 3; i++) await signal.WaitAsync(TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None);
        });
        Assert.Empty(thrown);

        using var stop = new CancellationTokenSource();
        var stopped = signal.WaitAsync(TimeSpan.FromMinutes(5), TimeProvider.System, stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
    }
}
