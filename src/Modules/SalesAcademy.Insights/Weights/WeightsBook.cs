using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Models;

namespace SalesAcademy.Insights.Weights;

/// <summary>A refused weight: the form field (<c>readiness.mastery</c>, <c>collaboration</c> for the index as a whole,
/// <c>note</c>) and an English PO msgid with its argument (the typed value).</summary>
public sealed record WeightError(string Field, string Message, string? Arg = null);

/// <summary>What saving came to: the new version, or the errors (nothing saved).</summary>
public sealed record WeightsChange(int Version, IReadOnlyList<WeightError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// The only writer of <see cref="MetricWeights"/>: an administrator's change adds a version (never edits one), audited, so
/// snapshots keep the version they were computed with and the history stays readable on /about/metrics.
/// </summary>
public sealed class WeightsBook(InsightsDbContext db, DatabaseWriteGate writes, IAuditLog audit, TimeProvider clock)
{
    public const int MaxNoteLength = 500;
    public const double MaxWeight = 1000;

    /// <summary>The component keys of each index, in the order the form shows them.</summary>
    public static IReadOnlyList<string> ReadinessComponents => IndexWeights.Default.Readiness.Keys.ToList();
    public static IReadOnlyList<string> CollaborationComponents => IndexWeights.Default.Collaboration.Keys.ToList();

    /// <summary>Checks the typed weights (field <c>readiness.&lt;component&gt;</c> → text): each a number, 0 or more; each index's sum above 0.</summary>
    public static (IndexWeights? Weights, IReadOnlyList<WeightError> Errors) Parse(IReadOnlyDictionary<string, string?> typed)
    {
        var errors = new List<WeightError>();
        Dictionary<string, double> Read(string index, IReadOnlyList<string> components)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var component in components)
            {
                var field = index + "." + component;
                var text = typed.GetValueOrDefault(field)?.Trim() ?? "";
                if (text.Length == 0) { errors.Add(new(field, "Enter a weight (0 leaves the measure out).")); continue; }
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    errors.Add(new(field, "'{0}' is not a number; write it like 0.25.", text));
                else if (value < 0) errors.Add(new(field, "A weight cannot be negative ('{0}').", text));
                else if (value > MaxWeight) errors.Add(new(field, "A weight is at most 1000 ('{0}').", text));
                else values[component] = value;
            }
            if (values.Count == components.Count && values.Values.Sum() <= 0) errors.Add(new(index, "The weights of an index must add up to more than 0."));
            return values;
        }
        var readiness = Read("readiness", ReadinessComponents);
        var collaboration = Read("collaboration", CollaborationComponents);
        return errors.Count > 0 ? (null, errors) : (new IndexWeights(readiness, collaboration), errors);
    }

    /// <summary>Adds a version with the typed weights (see <see cref="Parse"/>) and a note; the caller checked the permission.</summary>
    public async Task<WeightsChange> ChangeAsync(ClaimsPrincipal user, IReadOnlyDictionary<string, string?> typed, string? note, CancellationToken ct = default)
    {
        var (weights, errors) = Parse(typed);
        var trimmed = (note ?? "").Trim();
        if (trimmed.Length == 0) errors = [.. errors, new("note", "Say why the weights change (it is shown in the history).")];
        else if (trimmed.Length > MaxNoteLength) errors = [.. errors, new("note", "The note is at most 500 characters.")];
        if (errors.Count > 0) return new WeightsChange(0, errors);
        var now = clock.GetUtcNow().UtcDateTime;
        // The next version number is read, then inserted: a second administrator saving at the same moment takes the same
        // number, loses on the primary key and starts over with the next one.
        var version = await writes.ChangeAsync(db, async () =>
        {
            var next = (await db.Weights.AsNoTracking().MaxAsync(w => (int?)w.Version, ct) ?? 0) + 1;
            db.Weights.Add(new MetricWeights { Version = next, WeightsJson = weights!.ToJson(), Note = trimmed, CreatedByUserId = user.UserId(), CreatedUtc = now });
            return Change.Save(next);
        }, ct, alsoRetry: _ => true);
        await audit.RecordAsync("insights.weights.changed", $"weights:{version}", $"{weights!.ToJson()} — {trimmed}", user.UserName(), ct);
        return new WeightsChange(version, []);
    }
}
