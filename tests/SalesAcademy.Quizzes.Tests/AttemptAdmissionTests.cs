using SalesAcademy.Core.Data;
using SalesAcademy.Quizzes.Attempts;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>Starts and finishes queue on SQLite (half the cores at once) so a burst of them leaves CPU for answer saves.</summary>
public sealed class AttemptAdmissionTests
{
    [Fact]
    public async Task On_SQLite_only_half_the_cores_start_or_finish_at_once_and_the_next_goes_in_when_one_leaves()
    {
        var admission = new AttemptAdmission(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        var lanes = Math.Max(1, Environment.ProcessorCount / 2);
        var inside = new List<Lanes.Turn>();
        for (var i = 0; i < lanes; i++) inside.Add(await admission.EnterAsync(CancellationToken.None));

        var next = admission.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(next.IsCompleted, "one more than half the cores was let in");
        inside[0].Dispose();
        using var lane = await next.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var other in inside.Skip(1)) other.Dispose();
    }

    [Fact]
    public async Task On_PostgreSQL_nobody_waits()
    {
        var admission = new AttemptAdmission(new DatabaseOptions(DatabaseProvider.Postgres, "Host=localhost"));
        var lanes = new List<Lanes.Turn>();
        for (var i = 0; i < 64; i++)
        {
            var entering = admission.EnterAsync(CancellationToken.None);
            Assert.True(entering.IsCompleted);
            lanes.Add(await entering);
        }
        lanes.ForEach(l => l.Dispose());
    }
}
