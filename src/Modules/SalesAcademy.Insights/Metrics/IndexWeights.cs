using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesAcademy.Insights.Metrics;

/// <summary>
/// The weights of the two indices, by component key (<see cref="InsightMeasures"/>). Stored as JSON in
/// <c>MetricWeights.WeightsJson</c>: <c>{"readiness":{"mastery":0.35,…},"collaboration":{"followthrough":0.25,…}}</c>.
/// A weight is a non-negative number; an index's weights need not sum to 1 (the index divides by the weights of the
/// components it has).
/// </summary>
public sealed record IndexWeights(
    [property: JsonPropertyName("readiness")] IReadOnlyDictionary<string, double> Readiness,
    [property: JsonPropertyName("collaboration")] IReadOnlyDictionary<string, double> Collaboration)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Version 1, seeded: readiness leans on what reps know and show in drills; collaboration on keeping promises
    /// (follow-through), taking part and sharing evenly.</summary>
    public static IndexWeights Default { get; } = new(
        new Dictionary<string, double>
        {
            [InsightMeasures.Mastery] = 0.35,
            [InsightMeasures.Retention] = 0.15,
            [InsightMeasures.DrillScore] = 0.30,
            [InsightMeasures.ParticipationQuiz] = 0.10,
            [InsightMeasures.ParticipationDrill] = 0.10,
        },
        new Dictionary<string, double>
        {
            [InsightMeasures.FollowThrough] = 0.25,
            [InsightMeasures.Participation] = 0.25,
            [InsightMeasures.Spread] = 0.20,
            [InsightMeasures.Pulse] = 0.20,
            [InsightMeasures.Sharing] = 0.10,
        });

    /// <summary>The seeded JSON of version 1 (kept literal so the migration's seed never changes under it).</summary>
    public const string DefaultJson =
        """{"readiness":{"mastery":0.35,"retention":0.15,"drill":0.30,"participation.quiz":0.10,"participation.drill":0.10},"collaboration":{"followthrough":0.25,"participation":0.25,"spread":0.20,"pulse":0.20,"sharing":0.10}}""";

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads stored weights; null when the JSON is not a pair of name → number maps.</summary>
    public static IndexWeights? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var parsed = JsonSerializer.Deserialize<Raw>(json, Json);
            if (parsed?.Readiness is null || parsed.Collaboration is null) return null;
            return new IndexWeights(parsed.Readiness, parsed.Collaboration);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Raw(
        [property: JsonPropertyName("readiness")] Dictionary<string, double>? Readiness,
        [property: JsonPropertyName("collaboration")] Dictionary<string, double>? Collaboration);
}
