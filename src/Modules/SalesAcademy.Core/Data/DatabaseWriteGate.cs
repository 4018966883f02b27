namespace SalesAcademy.Core.Data;

/// <summary>
/// One writer at a time on SQLite, queued in this process. SQLite lets one transaction write at a time; a second
/// writer waits in SQLite's busy handler, which sleeps with its thread-pool thread blocked (1, 2, 5, 10 … 100 ms
/// steps). Under a burst of quiz saves those blocked threads starved the pool and answer-save p95 went from tens of
/// milliseconds to seconds. Waiting here instead is asynchronous and first come, first served. On PostgreSQL the
/// gate is open: the server orders row locks itself.
/// Use it around short write transactions on hot paths, never around reads or anything that waits for a user:
/// <c>using (await gate.EnterAsync(ct)) { … SaveChangesAsync … }</c>.
/// </summary>
public sealed class DatabaseWriteGate(DatabaseOptions database) : Lanes(database.Provider == DatabaseProvider.Sqlite ? 1 : null)
{
    /// <summary>True when writers are queued here (SQLite).</summary>
    public bool Serializes => Limits;
}

/// <summary>
/// At most so many callers at once in this process, the rest waiting asynchronously, first come first served; no limit
/// when the count is null. The one way to queue work here (<see cref="DatabaseWriteGate"/>, quiz attempt admission):
/// <c>using (await lanes.EnterAsync(ct)) { … }</c>.
/// </summary>
public class Lanes(int? count)
{
    private readonly SemaphoreSlim? _gate = count is { } n ? new(n, n) : null;

    /// <summary>True when callers may have to wait here.</summary>
    public bool Limits => _gate is not null;

    public async ValueTask<Turn> EnterAsync(CancellationToken ct = default)
    {
        if (_gate is null) return default;
        await _gate.WaitAsync(ct);
        return new Turn(_gate);
    }

    /// <summary>The right to go on until disposed.</summary>
    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
