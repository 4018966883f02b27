using Microsoft.EntityFrameworkCore;

namespace SalesAcademy.Core.Data;

/// <summary>What one attempt of a change decided: save it and return <see cref="Result"/>, or stop without saving.</summary>
public readonly record struct Change<T>(T Result, bool Saves);

/// <summary>Builds a <see cref="Change{T}"/> with the result's type inferred.</summary>
public static class Change
{
    /// <summary>Save what the attempt changed, then return the result.</summary>
    public static Change<T> Save<T>(T result) => new(result, true);

    /// <summary>Save nothing (refused, not found, nothing to do) and return the result.</summary>
    public static Change<T> Stop<T>(T result) => new(result, false);
}

/// <summary>
/// The one way a row that several people change at once is written: load, check, change (bumping the row's concurrency
/// token), save under the write gate; when someone else saved first, start over on fresh data.
/// </summary>
public static class OptimisticChanges
{
    /// <summary>How many times a change starts over after losing to a concurrent one before the conflict is thrown.</summary>
    public const int Attempts = 8;

    /// <summary>
    /// Runs <paramref name="attempt"/> on an empty change tracker. When it returns <see cref="Change.Save{T}"/>, saves
    /// (with <paramref name="save"/> when the save needs more than one SaveChanges, e.g. in a transaction) under the gate;
    /// a <see cref="DbUpdateConcurrencyException"/> makes it run again on fresh data. The tracker is empty afterwards, so
    /// the caller's later reads see the database. Side effects that must happen once (audit, notifications) belong after it.
    /// <paramref name="alsoRetry"/> names other save failures that mean "someone else got there first" (a unique index a
    /// second tab filled a moment earlier); by default only concurrency-token conflicts start over.
    /// </summary>
    public static async Task<T> ChangeAsync<T>(this DatabaseWriteGate writes, DbContext db, Func<Task<Change<T>>> attempt,
        CancellationToken ct = default, Func<Task>? save = null, Func<DbUpdateException, bool>? alsoRetry = null)
    {
        for (var tries = 1; ; tries++)
        {
            db.ChangeTracker.Clear();
            var change = await attempt();
            if (!change.Saves)
            {
                db.ChangeTracker.Clear();
                return change.Result;
            }
            try
            {
                using (await writes.EnterAsync(ct))
                {
                    if (save is null) await db.SaveChangesAsync(ct);
                    else await save();
                }
            }
            catch (DbUpdateException e) when (tries < Attempts && (e is DbUpdateConcurrencyException || alsoRetry?.Invoke(e) == true))
            {
                continue;
            }
            db.ChangeTracker.Clear();
            return change.Result;
        }
    }
}
