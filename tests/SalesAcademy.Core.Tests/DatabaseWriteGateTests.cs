using Microsoft.Data.Sqlite;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Core.Tests;

/// <summary>
/// Issue 13 §3: on SQLite, writers queue in the process (asynchronously, in arrival order) instead of sleeping in
/// SQLite's busy handler with a thread-pool thread blocked; on PostgreSQL nothing is queued.
/// </summary>
public sealed class DatabaseWriteGateTests
{
    [Fact]
    public async Task On_SQLite_a_second_writer_waits_without_blocking_a_thread_until_the_first_is_done()
    {
        var gate = new DatabaseWriteGate(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        Assert.True(gate.Serializes);
        var first = await gate.EnterAsync();
        var second = gate.EnterAsync().AsTask();
        Assert.False(second.IsCompleted); // queued, and the caller's thread is free (the task is pending, not blocked)
        first.Dispose();
        using var _ = await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task On_SQLite_writers_behind_a_long_transaction_wait_their_turn_instead_of_failing_busy()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sa-gate-{Guid.NewGuid():N}.db");
        // A command gives up after 1 s of SQLITE_BUSY (Microsoft.Data.Sqlite retries with its thread asleep until then).
        var connectionString = $"Data Source={file};Default Timeout=1;Pooling=False";
        try
        {
            await using (var setup = new SqliteConnection(connectionString))
            {
                await setup.OpenAsync();
                await using var create = setup.CreateCommand();
                create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (n INTEGER);";
                await create.ExecuteNonQueryAsync();
            }
            var gate = new DatabaseWriteGate(new DatabaseOptions(DatabaseProvider.Sqlite, connectionString));
            async Task WriteAsync(int n, int holdMs)
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                using (await gate.EnterAsync())
                {
                    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                    await using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO t VALUES ($n);";
                    insert.Parameters.AddWithValue("$n", n);
                    await insert.ExecuteNonQueryAsync();
                    await Task.Delay(holdMs); // the write lock is held this long
                    await transaction.CommitAsync();
                }
            }
            var first = WriteAsync(0, 1500);
            await Task.Delay(100);
            // Without the gate these meet the first one's lock and fail with "database is locked" after 1 s.
            await Task.WhenAll(Enumerable.Range(1, 4).Select(i => WriteAsync(i, 0)).Append(first));

            await using var check = new SqliteConnection(connectionString);
            await check.OpenAsync();
            await using var count = check.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM t";
            Assert.Equal(5L, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_the_gate_is_open()
    {
        var gate = new DatabaseWriteGate(new DatabaseOptions(DatabaseProvider.Postgres, "Host=localhost"));
        Assert.False(gate.Serializes);
        using var first = await gate.EnterAsync();
        var second = gate.EnterAsync();
        Assert.True(second.IsCompleted);
    }
}
