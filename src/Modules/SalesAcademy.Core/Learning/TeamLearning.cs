namespace SalesAcademy.Core.Learning;

/// <summary>A published quiz, as a column of a team's progress grid.</summary>
public sealed record QuizColumn(string QuizItemId, string Slug, string Title, string Culture);

/// <summary>
/// One member's standing on one quiz: how many attempts, whether one is open, and the best finished score (percent)
/// with the attempt it came from. A member without attempts has no cell (not started).
/// </summary>
public sealed record QuizCell(string UserId, string QuizItemId, int Attempts, bool InProgress, double? BestPercent, long? BestAttemptId);

/// <summary>The quizzes and the given users' cells, in one answer.</summary>
public sealed record QuizProgress(IReadOnlyList<QuizColumn> Quizzes, IReadOnlyList<QuizCell> Cells)
{
    public static readonly QuizProgress Empty = new([], []);
}

/// <summary>A user's review deck: cards due now and reviews done since a given time.</summary>
public sealed record ReviewDeckActivity(int CardsDue, int ReviewsSince);

/// <summary>A user's contributions: submitted for review (waiting) and published.</summary>
public sealed record ContributionCounts(int Submitted, int Published);

/// <summary>
/// Quiz progress and review-deck activity of a set of users (a team), for the team page. The Quizzes module
/// implements it; without it a team has no quizzes to show.
/// </summary>
public interface ITeamQuizProgress
{
    Task<QuizProgress> ProgressAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);

    Task<IReadOnlyDictionary<string, ReviewDeckActivity>> ReviewDeckAsync(IReadOnlyCollection<string> userIds, DateTime sinceUtc, CancellationToken ct = default);
}

/// <summary>What a set of users contributed to the libraries. The Content module implements it; without it, nothing.</summary>
public interface ITeamContributions
{
    /// <summary>Counts by user name (contributions are kept by the contributor's user name), for the given user names.</summary>
    Task<IReadOnlyDictionary<string, ContributionCounts>> CountsAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default);
}

internal sealed class NullTeamQuizProgress : ITeamQuizProgress
{
    public Task<QuizProgress> ProgressAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) => Task.FromResult(QuizProgress.Empty);

    public Task<IReadOnlyDictionary<string, ReviewDeckActivity>> ReviewDeckAsync(IReadOnlyCollection<string> userIds, DateTime sinceUtc, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, ReviewDeckActivity>>(new Dictionary<string, ReviewDeckActivity>());
}

internal sealed class NullTeamContributions : ITeamContributions
{
    public Task<IReadOnlyDictionary<string, ContributionCounts>> CountsAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, ContributionCounts>>(new Dictionary<string, ContributionCounts>());
}
