using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Insights;

namespace SalesAcademy.Content.Insights;

/// <summary>
/// The Content module's measure for the insights run: each member's contributions (cases and other items written from their
/// own deals), "contributed" = submitted for review in the period, "published" = published in the period. Contributions keep
/// the contributor's user name.
/// </summary>
internal sealed class ContentInsightSource(ContentDbContext db) : IInsightSource
{
    public const string Contributed = "contributed", Published = "published";

    public string Name => "content";

    public async Task<IReadOnlyList<InsightRecord>> MeasureAsync(InsightQuery query, CancellationToken ct)
    {
        var byName = InsightMembers.TeamsByUserName(query);
        if (byName.Count == 0) return [];
        var names = byName.Keys.ToList();
        var (from, to) = (query.FromUtc, query.ToUtc);
        var rows = await db.Contributions.AsNoTracking()
            .Where(c => names.Contains(c.Contributor)
                        && ((c.SubmittedUtc >= from && c.SubmittedUtc < to) || (c.Status == ContributionStatus.Published && c.UpdatedUtc >= from && c.UpdatedUtc < to)))
            .Select(c => new { c.Contributor, c.Status, c.SubmittedUtc, c.UpdatedUtc }).ToListAsync(ct);
        var records = new List<InsightRecord>();
        foreach (var byUser in rows.GroupBy(r => r.Contributor, StringComparer.OrdinalIgnoreCase))
        {
            if (!byName.TryGetValue(byUser.Key, out var member)) continue;
            var contributed = byUser.Count(r => r.SubmittedUtc >= from && r.SubmittedUtc < to);
            var published = byUser.Count(r => r.Status == ContributionStatus.Published && r.UpdatedUtc >= from && r.UpdatedUtc < to);
            foreach (var team in member.Teams)
            {
                if (contributed > 0) records.Add(new(team, InsightMeasureKeys.SharingCases, Contributed, member.UserId, contributed, 1, contributed));
                if (published > 0) records.Add(new(team, InsightMeasureKeys.SharingCases, Published, member.UserId, published, 1, published));
            }
        }
        return records;
    }
}
