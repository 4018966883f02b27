using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SalesAcademy.Testing;

/// <summary>
/// Counts the SQL commands one module's DbContext (<typeparamref name="TContext"/>, or a context derived from it) runs
/// against one test database (EF Core's diagnostic events), so a test can see what a page reads: an item's comments with
/// one query, not one per comment or author; nothing at all when it is cached.
/// </summary>
public sealed class QueryCounter<TContext> : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable where TContext : DbContext
{
    private readonly string _connectionString;
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    private QueryCounter(string connectionString)
    {
        _connectionString = connectionString;
        var all = DiagnosticListener.AllListeners.Subscribe(this);
        lock (_subscriptions) _subscriptions.Add(all);
    }

    /// <summary>Starts counting. EF Core re-checks whether anyone listens to command events at most once a second
    /// (its logging cache time), so counting starts after that.</summary>
    public static async Task<QueryCounter<TContext>> StartAsync(string connectionString)
    {
        var counter = new QueryCounter<TContext>(connectionString);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        return counter;
    }

    public int Count => Volatile.Read(ref _count);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        var subscription = listener.Subscribe(this);
        lock (_subscriptions) _subscriptions.Add(subscription);
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key != RelationalEventId.CommandExecuted.Name || e.Value is not CommandExecutedEventData { Context: TContext } data) return;
        // Other test classes run in parallel on their own databases.
        var database = data.Connection is SqliteConnection sqlite ? sqlite.DataSource : data.Connection.Database;
        if (!string.IsNullOrEmpty(database) && _connectionString.Contains(database, StringComparison.Ordinal)) Interlocked.Increment(ref _count);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions) subscription.Dispose();
            _subscriptions.Clear();
        }
    }
}
