using SalesAcademy.Core.Insights;
using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Metrics;

/// <summary>
/// Turns the sources' raw records into the snapshots of one period: one per team and one per member, each with its values,
/// the derived measures (participation, spread, sharing, goal progress) and the two indices. Pure: the run loads, this
/// computes, the run saves.
/// </summary>
public static class InsightCalculator
{
    private static readonly string[] ParticipationKeys =
    [
        InsightMeasures.ParticipationQuiz, InsightMeasures.ParticipationDrill, InsightMeasures.ParticipationRetro,
        InsightMeasures.ParticipationVote, InsightMeasures.ParticipationPulse,
    ];

    public static List<InsightSnapshot> Compute(InsightQuery query, IReadOnlyList<InsightRecord> records, int weightsVersion, IndexWeights weights,
        IReadOnlyList<TeamGoal> goals, long? runId, DateTime computedUtc)
    {
        var byTeam = records.ToLookup(r => r.TeamId);
        var snapshots = new List<InsightSnapshot>();
        foreach (var team in query.Teams)
        {
            var teamRecords = byTeam[team.TeamId].ToList();
            var memberIds = team.Members.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
            var byUser = teamRecords.Where(r => r.UserId is not null && memberIds.Contains(r.UserId)).ToLookup(r => r.UserId!);

            InsightSnapshot New(InsightScope scope, string? userId) => new()
            {
                Scope = scope, TeamId = team.TeamId, UserId = userId, PeriodStartUtc = query.FromUtc, PeriodEndUtc = query.ToUtc,
                RunId = runId, WeightsVersion = weightsVersion, ComputedUtc = computedUtc,
            };

            // Reps: numerator / denominator of their own records.
            var reps = new List<(InsightMember Member, Dictionary<(string, string), InsightValue> Values)>();
            foreach (var member in team.Members)
            {
                var values = Sum(byUser[member.UserId]);
                var sharing = Has(values, InsightMeasures.Comments) || Has(values, InsightMeasures.SharingCases) ? 1 : 0;
                Put(values, InsightMeasures.Sharing, "", sharing, 1, 1);
                Derive(values, InsightScope.Rep, weights);
                reps.Add((member, values));
            }

            // The team: its own records where a source gave them, else the sum of its members'.
            var teamLevel = Sum(teamRecords.Where(r => r.UserId is null));
            var fromMembers = Sum(byUser.SelectMany(g => g));
            // Counts (comments, cards, contributions, views) add up: the team's figure is the total, not the mean per member.
            foreach (var total in fromMembers.Values.Where(v => InsightMeasures.Counts.Contains(v.Measure)))
                (total.Denominator, total.Value) = (1, total.Numerator);
            var teamValues = new Dictionary<(string, string), InsightValue>(fromMembers);
            foreach (var (key, value) in teamLevel) teamValues[key] = value;
            foreach (var (key, value) in teamValues.Where(p => p.Key.Item1 == InsightMeasures.Pulse).ToList())
                if (value.Inputs < InsightMaths.MinPulseRespondents)
                {
                    value.Value = null;
                    value.WithheldReason = InsightMaths.PulseTooFewReason;
                }
            PulseOverall(teamValues);
            // Spread: 1 − Gini of each member's comments, contributions submitted and named retro cards.
            var amounts = reps.Select(r => Amount(r.Values, InsightMeasures.Comments, "") + Amount(r.Values, InsightMeasures.SharingCases, "contributed")
                                           + Amount(r.Values, InsightMeasures.Cards, "")).ToList();
            var spread = InsightMaths.Spread(amounts);
            teamValues[(InsightMeasures.Spread, "")] = new InsightValue
            {
                Measure = InsightMeasures.Spread, Dimension = "", Value = spread, Numerator = amounts.Sum(), Denominator = amounts.Count,
                Inputs = amounts.Count(a => a > 0),
                WithheldReason = spread is not null ? null : amounts.Count < 2 ? InsightMaths.TooFewMembersReason : InsightMaths.NoContributionsReason,
            };
            var sharers = reps.Count(r => r.Values[(InsightMeasures.Sharing, "")].Numerator > 0);
            Put(teamValues, InsightMeasures.Sharing, "", sharers, reps.Count, reps.Count);
            Derive(teamValues, InsightScope.Team, weights);

            // Goals of the period: progress on the team's value of the goal's measure.
            foreach (var goal in goals.Where(g => g.TeamId == team.TeamId && g.PeriodStartUtc < query.ToUtc
                                                  && (g.PeriodEndUtc is null || g.PeriodEndUtc > query.FromUtc)))
            {
                var measured = InsightMaths.GoalMeasures.TryGetValue(goal.MeasureKey, out var m) && teamValues.TryGetValue(m, out var v) ? v : null;
                teamValues[(InsightMeasures.Goal, goal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))] = new InsightValue
                {
                    Measure = InsightMeasures.Goal, Dimension = goal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Value = measured?.Value is { } x ? InsightMaths.GoalProgress(x, goal.Target, goal.Comparison) : null,
                    Numerator = measured?.Value ?? 0, Denominator = goal.Target, Inputs = measured?.Inputs ?? 0,
                    WithheldReason = measured?.Value is null ? InsightMaths.NoGoalDataReason : null,
                };
            }

            var teamSnapshot = New(InsightScope.Team, null);
            teamSnapshot.Values = Ordered(teamValues);
            snapshots.Add(teamSnapshot);
            foreach (var (member, values) in reps)
            {
                var snapshot = New(InsightScope.Rep, member.UserId);
                snapshot.Values = Ordered(values);
                snapshots.Add(snapshot);
            }
        }
        return snapshots;
    }

    /// <summary>Participation (mean of the shares present), then the two indices.</summary>
    private static void Derive(Dictionary<(string, string), InsightValue> values, InsightScope scope, IndexWeights weights)
    {
        var shares = ParticipationKeys.Select(k => values.TryGetValue((k, ""), out var v) ? v : null).Where(v => v?.Value is not null).ToList();
        if (shares.Count > 0)
            values[(InsightMeasures.Participation, "")] = new InsightValue
            {
                Measure = InsightMeasures.Participation, Dimension = "", Value = InsightMaths.MeanOfPresent(shares.Select(s => s!.Value)),
                Numerator = shares.Sum(s => s!.Value!.Value), Denominator = shares.Count, Inputs = shares.Count,
            };
        MeasureValue? Find(string measure, string dimension) =>
            values.TryGetValue((measure, dimension), out var v) ? new MeasureValue(v.Value, v.Inputs, v.WithheldReason) : null;
        foreach (var kind in new[] { IndexKind.Readiness, IndexKind.Collaboration })
        {
            var index = InsightMaths.Index(kind, scope, InsightMaths.Components(kind, scope, weights, Find));
            var key = kind == IndexKind.Readiness ? InsightMeasures.ReadinessIndex : InsightMeasures.CollaborationIndex;
            values[(key, "")] = new InsightValue
            {
                Measure = key, Dimension = "", Value = index.Value,
                Numerator = index.Components.Where(c => c.Normalised is not null).Sum(c => c.Weight * c.Normalised!.Value),
                Denominator = index.CoveredWeight, Inputs = index.Components.Count(c => c.Normalised is not null),
                WithheldReason = index.WithheldReason,
            };
        }
    }

    /// <summary>The pulse overall (dimension ""): the mean of the dimensions shown; withheld when none is.</summary>
    private static void PulseOverall(Dictionary<(string, string), InsightValue> values)
    {
        var dimensions = values.Values.Where(v => v.Measure == InsightMeasures.Pulse && v.Dimension.Length > 0).ToList();
        if (dimensions.Count == 0) return;
        var shown = dimensions.Where(d => d.Value is not null).ToList();
        values[(InsightMeasures.Pulse, InsightMaths.PulseOverall)] = new InsightValue
        {
            Measure = InsightMeasures.Pulse, Dimension = InsightMaths.PulseOverall,
            Value = shown.Count == 0 ? null : shown.Average(d => d.Value!.Value),
            Numerator = shown.Sum(d => d.Value!.Value), Denominator = shown.Count,
            Inputs = dimensions.Min(d => d.Inputs),
            WithheldReason = shown.Count == 0 ? InsightMaths.PulseTooFewReason : null,
        };
    }

    private static Dictionary<(string, string), InsightValue> Sum(IEnumerable<InsightRecord> records) =>
        records.GroupBy(r => (r.Measure, r.Dimension)).ToDictionary(g => g.Key, g =>
        {
            var (n, d) = (g.Sum(r => r.Numerator), g.Sum(r => r.Denominator));
            return new InsightValue
            {
                Measure = g.Key.Measure, Dimension = g.Key.Dimension, Numerator = n, Denominator = d, Value = InsightMaths.Ratio(n, d),
                Inputs = g.Sum(r => r.Inputs),
            };
        });

    private static void Put(Dictionary<(string, string), InsightValue> values, string measure, string dimension, double numerator, double denominator, int inputs) =>
        values[(measure, dimension)] = new InsightValue
        {
            Measure = measure, Dimension = dimension, Numerator = numerator, Denominator = denominator, Inputs = inputs,
            Value = InsightMaths.Ratio(numerator, denominator),
        };

    private static bool Has(Dictionary<(string, string), InsightValue> values, string measure) =>
        values.Any(p => p.Key.Item1 == measure && p.Value.Numerator > 0);

    private static double Amount(Dictionary<(string, string), InsightValue> values, string measure, string dimension) =>
        values.TryGetValue((measure, dimension), out var v) ? v.Numerator : 0;

    private static List<InsightValue> Ordered(Dictionary<(string, string), InsightValue> values) =>
        values.Values.OrderBy(v => v.Measure, StringComparer.Ordinal).ThenBy(v => v.Dimension, StringComparer.Ordinal).ToList();
}
