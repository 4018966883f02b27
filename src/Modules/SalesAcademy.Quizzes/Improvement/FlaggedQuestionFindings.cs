using System.Globalization;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Improvement;

/// <summary>
/// Questions item analysis flagged, for the improvement queue: one finding per quiz and question, owned by the question's
/// owner; each flag's reason and the numbers behind it are the evidence, and a new flag makes it come back after a dismissal.
/// </summary>
public sealed class FlaggedQuestionFindings(QuizStatistics statistics, PublishedContent published) : IImprovementSource
{
    public const string Source = "Question flagged by item analysis";

    public async Task<IReadOnlyList<ImprovementFinding>> FindAsync(CancellationToken ct = default)
    {
        var findings = new List<ImprovementFinding>();
        foreach (var flagged in await statistics.FlaggedAsync(ct))
        {
            var q = flagged.Question;
            var question = await published.ByIdAsync(q.QuestionItemId);
            var owner = question?.Owner is { } o && !ContentOwners.IsTrainingTeam(o) ? o : null;
            var statisticsUrl = flagged.QuizSlug is { } slug ? $"/quizzes/{Uri.EscapeDataString(slug)}/statistics" : null;
            var evidence = new List<FindingEvidence>
            {
                new("In quiz “{0}”: {1} first attempts, {2}% of the marks earned", [flagged.QuizTitle, q.N.ToString(CultureInfo.InvariantCulture),
                    q.Facility is { } f ? Math.Round(f * 100).ToString(CultureInfo.InvariantCulture) : "–"], statisticsUrl),
            };
            evidence.AddRange(q.Flags.Select(flag => new FindingEvidence(flag.Reason, [])));
            findings.Add(new ImprovementFinding($"quizzes.flagged:{flagged.QuizItemId}:{q.QuestionItemId}", Source, q.Title, q.QuestionItemId, null, owner,
                q.Flags.Count, evidence) { Url = statisticsUrl });
        }
        return findings;
    }
}
