using SalesAcademy.DrillSessions.Models;

namespace SalesAcademy.DrillSessions.Services;

/// <summary>One rater's 1-5 score for one role on one rubric criterion (the input of the results maths).</summary>
public sealed record RatingScore(
    string RaterUserId, string RaterName, DrillRaterKind Kind, string RoleKey, int CriterionIndex, int Score, string? Comment);

/// <summary>A rubric criterion as the maths needs it: its name and weight (the drill's weights total 100).</summary>
public sealed record RubricWeight(string Criterion, int Weight);

/// <summary>
/// The raters' scores for one role on one criterion. <see cref="Spread"/> is the range (max - min); null figures mean
/// nobody rated it. <see cref="Disagreement"/>: raters differ by <see cref="DrillScoring.DisagreementPoints"/> or more.
/// </summary>
public sealed record CriterionResult(
    int CriterionIndex, string Criterion, int Weight, IReadOnlyList<RatingScore> Ratings,
    double? Mean, int? Min, int? Max)
{
    public bool Rated => Ratings.Count > 0;
    public int? Spread => Max - Min;
    public bool Disagreement => Spread >= DrillScoring.DisagreementPoints;
}

/// <summary>
/// A role's results. <see cref="Score"/> is the weighted mean on the 1-5 scale: sum(weight x mean) / 100 when every
/// criterion was rated; when some were not, over the rated criteria only (sum(weight x mean) / their weights), and
/// <see cref="CriteriaRated"/>/<see cref="WeightRated"/> say what it covers. Null when nobody rated the role.
/// </summary>
public sealed record RoleResult(string RoleKey, IReadOnlyList<CriterionResult> Criteria, double? Score)
{
    public int CriteriaRated => Criteria.Count(c => c.Rated);
    public int CriteriaTotal => Criteria.Count;
    public int WeightRated => Criteria.Where(c => c.Rated).Sum(c => c.Weight);
    public bool Complete => CriteriaRated == CriteriaTotal;
    public bool Disagreement => Criteria.Any(c => c.Disagreement);
    /// <summary>The raters' comments on this role, criterion by criterion.</summary>
    public IEnumerable<(CriterionResult Criterion, RatingScore Rating)> Comments =>
        Criteria.SelectMany(c => c.Ratings.Where(r => !string.IsNullOrWhiteSpace(r.Comment)).Select(r => (c, r)));
}

/// <summary>
/// A session's results: per role, and the team score = the plain mean of the role scores of the roles somebody rated
/// (<see cref="RolesRated"/> of <see cref="Roles"/>); null when no role was rated.
/// </summary>
public sealed record SessionResults(IReadOnlyList<RoleResult> Roles, double? TeamScore)
{
    public int RolesRated => Roles.Count(r => r.Score is not null);
    public int DisagreementCount => Roles.Sum(r => r.Criteria.Count(c => c.Disagreement));
}

/// <summary>The results maths over plain records: no database, no clock (hand-checked in DrillScoringTests).</summary>
public static class DrillScoring
{
    /// <summary>Raters who differ by this many points or more on a criterion are flagged for the debrief.</summary>
    public const int DisagreementPoints = 2;

    public const int MinScore = 1, MaxScore = 5;

    /// <param name="roleKeys">the rated roles, in display order (the "Customer" role is a rater, never rated)</param>
    /// <param name="rubric">the drill's criteria in order; a rating's CriterionIndex points into it</param>
    /// <param name="ratings">every rating of the session; ratings for other roles or criteria are ignored</param>
    public static SessionResults Compute(
        IReadOnlyList<string> roleKeys, IReadOnlyList<RubricWeight> rubric, IEnumerable<RatingScore> ratings)
    {
        var byRole = ratings
            .Where(r => r.Score is >= MinScore and <= MaxScore)
            .ToLookup(r => (r.RoleKey, r.CriterionIndex));
        var roles = roleKeys.Select(role =>
        {
            var criteria = rubric.Select((c, i) =>
            {
                var scores = byRole[(role, i)].OrderBy(r => r.Kind).ThenBy(r => r.RaterName, StringComparer.Ordinal).ToList();
                return scores.Count == 0
                    ? new CriterionResult(i, c.Criterion, c.Weight, scores, null, null, null)
                    : new CriterionResult(i, c.Criterion, c.Weight, scores,
                        scores.Average(s => (double)s.Score), scores.Min(s => s.Score), scores.Max(s => s.Score));
            }).ToList();
            var rated = criteria.Where(c => c.Rated).ToList();
            var weight = rated.Sum(c => c.Weight);
            double? score = weight == 0 ? null : rated.Sum(c => c.Weight * c.Mean!.Value) / weight;
            return new RoleResult(role, criteria, score);
        }).ToList();
        var scored = roles.Where(r => r.Score is not null).ToList();
        return new SessionResults(roles, scored.Count == 0 ? null : scored.Average(r => r.Score!.Value));
    }
}
