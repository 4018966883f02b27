namespace SalesAcademy.Testing;

/// <summary>Waits for something the portal does in the background (an index following the change log, a recompute).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms; fails naming <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow >= until) throw new Xunit.Sdk.XunitException($"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
