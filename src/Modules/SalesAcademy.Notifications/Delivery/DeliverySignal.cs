namespace SalesAcademy.Notifications.Delivery;

/// <summary>Wakes this node's delivery service when a row was written here, so it need not wait for the next poll.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { /* already awake */ }
    }

    /// <summary>Waits for <see cref="Wake"/> or until <paramref name="timeout"/> has passed on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = _signal.WaitAsync(linked.Token);
        var elapsed = Task.Delay(timeout, clock, linked.Token);
        await Task.WhenAny(woken, elapsed);
        await linked.CancelAsync();
        try { await Task.WhenAll(woken, elapsed); } catch (OperationCanceledException) { }
        ct.ThrowIfCancellationRequested();
    }
}
