using SalesAcademy.Core.Data;
using SalesAcademy.Quizzes.Attempts;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>Starts and finishes queue (half the cores at once on SQLite, two per core on PostgreSQL) so a burst of them leaves CPU for answer saves.</summary>
public sealed class AttemptAdmissionTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 2, 1)]
    [InlineData(DatabaseProvider.Sqlite, 8, 4)]
    [InlineData(DatabaseProvider.Sqlite, 1, 1)]
    [InlineData(DatabaseProvider.Postgres, 2, 4)]
    [InlineData(DatabaseProvider.Postgres, 8, 16)]
    public void Lanes_are_half_the_cores_on_SQLite_and_two_per_core_on_PostgreSQL(DatabaseProvider provider, int cores, int lanes) =>
        Assert.Equal(lanes, AttemptAdmission.LanesFor(provider, cores));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Only_so_many_start_or_finish_at_once_and_the_next_goes_in_when_one_leaves(DatabaseProvider provider)
    {
        var admission = new AttemptAdmission(new DatabaseOptions(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost"));
        var lanes = AttemptAdmission.LanesFor(provider, Environment.ProcessorCount);
        var inside = new List<Lanes.Turn>();
        for (var i = 0; i < lanes; i++)
        {
            var entering = admission.EnterAsync(CancellationToken.None);
            Assert.True(entering.IsCompleted, $"caller {i + 1} of {lanes} waited");
            inside.Add(await entering);
        }

        var next = admission.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(next.IsCompleted, $"caller {lanes + 1} was let in beside {lanes}");
        inside[0].Dispose();
        using var lane = await next.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var other in inside.Skip(1)) other.Dispose();
    }
}
