using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Improvement.Data;

namespace SalesAcademy.Improvement.Helpful;

/// <summary>
/// Published versions readers found unhelpful, for the improvement queue: at least <see cref="MinNo"/> "no" answers, or at
/// least <see cref="NoShare"/> of at least <see cref="MinAnswers"/> answers. One finding per version (a new version starts
/// over), owned by the item's owner; the readers' reasons are quoted as evidence.
/// </summary>
public sealed class UnhelpfulContentFindings(ImprovementDbContext db, PublishedContent published, ContentDefinitions definitions) : IImprovementSource
{
    public const string Source = "Content rated unhelpful";
    public const int MinNo = 3, MinAnswers = 5, QuotedReasons = 5;
    public const double NoShare = 0.4;

    public static bool IsUnhelpful(int no, int total) => no >= MinNo || (total >= MinAnswers && no >= NoShare * total);

    public async Task<IReadOnlyList<ImprovementFinding>> FindAsync(CancellationToken ct = default)
    {
        var counts = await db.HelpfulAnswers.AsNoTracking().GroupBy(a => new { a.ContentItemId, a.ContentItemVersionId })
            .Select(g => new { g.Key.ContentItemId, g.Key.ContentItemVersionId, Total = g.Count(), No = g.Count(a => !a.Helpful) })
            .Where(g => g.No > 0).ToListAsync(ct);
        var findings = new List<ImprovementFinding>();
        foreach (var c in counts.Where(c => IsUnhelpful(c.No, c.Total)))
        {
            // Only the version readers see now: an older version's finding ends when a new one is published.
            if (await published.ByIdAsync(c.ContentItemId) is not { } item || item.ContentItemVersionId != c.ContentItemVersionId) continue;
            var reasons = await db.HelpfulAnswers.AsNoTracking()
                .Where(a => a.ContentItemVersionId == c.ContentItemVersionId && !a.Helpful && a.Reason != null)
                .OrderByDescending(a => a.ChangedUtc).Take(QuotedReasons).Select(a => a.Reason!).ToListAsync(ct);
            var url = definitions.UrlFor(item);
            var evidence = new List<FindingEvidence>
            {
                new("{0} of {1} readers found this version unhelpful ({2}%)", [c.No.ToString(CultureInfo.InvariantCulture),
                    c.Total.ToString(CultureInfo.InvariantCulture), Math.Round(100.0 * c.No / c.Total).ToString(CultureInfo.InvariantCulture)], url),
            };
            evidence.AddRange(reasons.Select(r => new FindingEvidence("A reader: “{0}”", [r])));
            var owner = ContentOwners.IsTrainingTeam(item.Owner) ? null : item.Owner;
            findings.Add(new ImprovementFinding($"helpful.no:{item.ContentItemId}:{item.ContentItemVersionId}", Source, item.DisplayText, item.ContentItemId,
                null, owner, c.No, evidence) { Url = url });
        }
        return findings;
    }
}
