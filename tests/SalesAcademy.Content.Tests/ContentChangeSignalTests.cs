using SalesAcademy.Content.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>
/// Followers (the search index) wait on this node's change signal between polls of the change log: a raise ends the wait,
/// and a wait that simply runs out throws nothing (it happened once a second on every quiet node).
/// </summary>
public sealed class ContentChangeSignalTests
{
    [Fact]
    public async Task A_raise_ends_the_wait_and_a_wait_that_runs_out_throws_nothing()
    {
        var signal = new ContentChangeSignal();
        var seen = signal.Version;
        var waiting = signal.WaitAsync(seen, TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        signal.Raise();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(seen, signal.Version);

        var thrown = await ThrownExceptions.DuringAsync(async () =>
        {
            for (var i = 0; i < 3; i++) await signal.WaitAsync(signal.Version, TimeSpan.FromMilliseconds(20), CancellationToken.None);
        });
        Assert.Empty(thrown);

        using var stop = new CancellationTokenSource();
        var stopped = signal.WaitAsync(signal.Version, TimeSpan.FromMinutes(5), stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
    }
}
