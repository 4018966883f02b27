using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Core.Tests;

/// <summary>
/// The one concurrency loop (load, change, bump the token, save under the gate, start over on conflict) that retros,
/// drill sessions and scoring share: a change that loses to a concurrent one is made again on fresh data, never lost and
/// never applied twice; a stopped change saves nothing.
/// </summary>
public sealed class OptimisticChangesTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly DatabaseWriteGate _gate = new(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"));

    public OptimisticChangesTests()
    {
        _connection.Open();
        using var db = Db();
        db.Database.EnsureCreated();
        db.Counters.Add(new Counter { Id = 1, Value = 0 });
        db.SaveChanges();
    }

    [Fact]
    public async Task A_change_that_loses_to_a_concurrent_one_starts_over_on_fresh_data_and_both_count()
    {
        await using var db = Db();
        var tries = 0;
        var result = await _gate.ChangeAsync(db, async () =>
        {
            tries++;
            var counter = await db.Counters.SingleAsync(c => c.Id == 1);
            if (tries == 1)
            {
                // Someone else saves between our read and our save.
                await using var other = Db();
                var theirs = await other.Counters.SingleAsync(c => c.Id == 1);
                theirs.Value += 10;
                theirs.Sequence++;
                await other.SaveChangesAsync();
            }
            counter.Value += 1;
            counter.Sequence++;
            return Change.Save(counter.Value);
        });
        Assert.Equal(2, tries);
        Assert.Equal(11, result); // the second attempt saw their 10
        await using var check = Db();
        Assert.Equal(11, (await check.Counters.SingleAsync()).Value);
        Assert.Empty(db.ChangeTracker.Entries()); // later reads see the database
    }

    [Fact]
    public async Task A_stopped_change_saves_nothing()
    {
        await using var db = Db();
        var result = await _gate.ChangeAsync(db, async () =>
        {
            var counter = await db.Counters.SingleAsync(c => c.Id == 1);
            counter.Value = 99;
            return Change.Stop("refused");
        });
        Assert.Equal("refused", result);
        await db.SaveChangesAsync(); // nothing is left tracked to slip into a later save
        await using var check = Db();
        Assert.Equal(0, (await check.Counters.SingleAsync()).Value);
    }

    [Fact]
    public async Task A_change_that_always_loses_gives_up_after_the_set_number_of_attempts()
    {
        await using var db = Db();
        var tries = 0;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => _gate.ChangeAsync(db, async () =>
        {
            tries++;
            var counter = await db.Counters.SingleAsync(c => c.Id == 1);
            await db.Database.ExecuteSqlRawAsync("UPDATE Counters SET Sequence = Sequence + 1");
            counter.Sequence++;
            return Change.Save(0);
        }));
        Assert.Equal(OptimisticChanges.Attempts, tries);
    }

    private CounterDb Db() => new(new DbContextOptionsBuilder<CounterDb>().UseSqlite(_connection).Options);

    public void Dispose() => _connection.Dispose();

    private sealed class Counter
    {
        public int Id { get; set; }
        public int Value { get; set; }
        [ConcurrencyCheck] public int Sequence { get; set; }
    }

    private sealed class CounterDb(DbContextOptions<CounterDb> options) : DbContext(options)
    {
        public DbSet<Counter> Counters => Set<Counter>();
    }
}
