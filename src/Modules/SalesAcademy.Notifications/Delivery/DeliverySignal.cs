namespace SalesAcademy.Notifications.Delivery;

/// <summary>Wakes this node's delivery service when a row was written here, so it need not wait for the next poll.</summary>
public sealed class DeliverySignal
{
    private TaskCompletionSource _woken = NewSource();

    public void Wake() => Volatile.Read(ref _woken).TrySetResult();

    /// <summary>
    /// Waits for <see cref="Wake"/> or until <paramref name="timeout"/> has passed on <paramref name="clock"/>. A wake that
    /// came while nobody waited is kept for the next wait. Nothing is thrown when the time passes (that happens on every
    /// poll of a quiet node); only <paramref name="ct"/> ends the wait with an exception.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        var woken = Volatile.Read(ref _woken);
        await woken.Task.WaitAsync(timeout, clock, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // Taken: a wake from now on is the next wait's. The caller reads what is due after this returns.
        if (woken.Task.IsCompleted) Interlocked.CompareExchange(ref _woken, NewSource(), woken);
        ct.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
