namespace SalesAcademy.Core.Insights;

/// <summary>
/// A question a set of users answered worst in a period: its id, title and text (plain, as written), its taxonomy tags,
/// how many answers were graded and the mean fraction of points earned (0..1).
/// </summary>
public sealed record WeakQuestion(string QuestionItemId, string Title, string Text, IReadOnlyList<string> Tags, int Answers, double MeanFraction);

/// <summary>
/// The questions a team scored lowest on in a period, per taxonomy tag (recommendations search the related content over
/// their text). The Quizzes module implements it from finished attempts; without it, none.
/// </summary>
public interface IWeakQuestions
{
    /// <summary>Per tag, up to <paramref name="perTag"/> questions with the lowest mean fraction, lowest first (graded answers of
    /// finished attempts started in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>)).</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<WeakQuestion>>> LowestByTagAsync(IReadOnlyCollection<string> userIds, DateTime fromUtc, DateTime toUtc,
        int perTag, CancellationToken ct = default);
}

internal sealed class NoWeakQuestions : IWeakQuestions
{
    public Task<IReadOnlyDictionary<string, IReadOnlyList<WeakQuestion>>> LowestByTagAsync(IReadOnlyCollection<string> userIds, DateTime fromUtc,
        DateTime toUtc, int perTag, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<WeakQuestion>>>(new Dictionary<string, IReadOnlyList<WeakQuestion>>());
}
