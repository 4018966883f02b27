namespace SalesAcademy.Core.Improvement;

/// <summary>A topic (taxonomy tag) where several teams are weak in the latest insights period.</summary>
/// <param name="Tag">The taxonomy tag key.</param>
/// <param name="TeamNames">The weak teams' names (plain text).</param>
/// <param name="Mastery">The weak teams' mean mastery of the topic, 0–1.</param>
public sealed record WeakTopic(string Tag, IReadOnlyList<string> TeamNames, double Mastery, string Period);

/// <summary>
/// Topics where at least <c>minTeams</c> teams are weak, from the latest insights snapshots. The Insights module implements
/// it; without it there are none.
/// </summary>
public interface IWeakTopics
{
    Task<IReadOnlyList<WeakTopic>> WeakAsync(int minTeams, CancellationToken ct = default);
}

internal sealed class NoWeakTopics : IWeakTopics
{
    public Task<IReadOnlyList<WeakTopic>> WeakAsync(int minTeams, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<WeakTopic>>([]);
}
