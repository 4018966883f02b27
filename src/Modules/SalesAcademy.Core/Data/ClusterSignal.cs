using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SalesAcademy.Core.Data;

/// <summary>
/// Tells every node sharing the database, at once, that something it may hold in memory changed (a revoked token, a
/// disabled user), so a node can keep such a copy for as long as it hears the others. On PostgreSQL a write sends
/// <c>NOTIFY</c> in its own transaction (<see cref="WriteAndSendAsync{T}"/>: heard when, and only if, it commits) and every
/// node keeps one connection that <c>LISTEN</c>s. On SQLite one process owns the database: there is nobody else to tell.
/// While a node's listening connection is down it hears nothing: <see cref="HearsOthers"/> is false, and every topic counts
/// as changed when the connection is lost and again when it is back (what was sent in between is not heard).
/// </summary>
public sealed class ClusterSignal(DatabaseOptions database, ILogger<ClusterSignal> logger) : BackgroundService
{
    public const string Channel = "salesacademy_changes";

    private readonly ConcurrentDictionary<string, Action> _heard = new(StringComparer.Ordinal);
    private volatile bool _listening;

    /// <summary>Whether a change any node makes reaches this one at once: always on SQLite, on PostgreSQL while listening.</summary>
    public bool HearsOthers => database.Provider == DatabaseProvider.Sqlite || _listening;

    /// <summary>Calls <paramref name="changed"/> whenever <paramref name="topic"/> is sent by any node, or may have been missed.</summary>
    public void Subscribe(string topic, Action changed) => _heard.AddOrUpdate(topic, changed, (_, before) => before + changed);

    /// <summary>
    /// Runs <paramref name="write"/> and sends <paramref name="topic"/> in the same transaction (the caller's, or one begun
    /// here): the other nodes hear it when the write commits, never for a write that did not. Nothing is sent on SQLite.
    /// </summary>
    public static async Task<T> WriteAndSendAsync<T>(DbContext db, string topic, Func<Task<T>> write, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return await write();
        if (db.Database.CurrentTransaction is not null)
        {
            var result = await write();
            await SendAsync(db, topic, ct);
            return result;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var written = await write();
        await SendAsync(db, topic, ct);
        await transaction.CommitAsync(ct);
        return written;
    }

    /// <inheritdoc cref="WriteAndSendAsync{T}"/>
    public static T WriteAndSend<T>(DbContext db, string topic, Func<T> write)
    {
        if (!db.Database.IsNpgsql()) return write();
        using var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        var result = write();
        db.Database.ExecuteSql($"SELECT pg_notify({Channel}, {topic})");
        transaction?.Commit();
        return result;
    }

    private static Task<int> SendAsync(DbContext db, string topic, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {topic})", ct);

    private void Heard(string topic)
    {
        if (_heard.TryGetValue(topic, out var changed)) changed();
    }

    private void HeardEverything()
    {
        foreach (var changed in _heard.Values) changed();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres) return;
        // Its own connection, outside the pool (a pooled one would go back still listening), with TCP keepalives.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false, TcpKeepAlive = true, TcpKeepAliveTime = 30, TcpKeepAliveInterval = 5, ApplicationName = "salesacademy-listen",
        }.ConnectionString;
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => Heard(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening = true;
                HeardEverything(); // anything sent while this node was not listening
                retry = TimeSpan.FromSeconds(1);
                while (true)
                {
                    // A quiet minute: ask the server something, so a connection that died silently is noticed.
                    if (!await connection.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken))
                        await using (var ping = new NpgsqlCommand("SELECT 1", connection)) await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (_listening) logger.LogWarning(e, "Lost the connection that hears other nodes' changes; retrying in {Retry}.", retry);
                else logger.LogDebug(e, "Could not listen for other nodes' changes; retrying in {Retry}.", retry);
                _listening = false;
                HeardEverything();
            }
            try { await Task.Delay(retry, stoppingToken); }
            catch (OperationCanceledException) { break; }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
        _listening = false;
    }
}
