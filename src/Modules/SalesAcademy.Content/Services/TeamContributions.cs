using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Learning;

namespace SalesAcademy.Content.Services;

/// <summary>The Content module's answer to <see cref="ITeamContributions"/>: submitted (waiting for review) and published contributions.</summary>
internal sealed class TeamContributions(ContentDbContext db) : ITeamContributions
{
    public async Task<IReadOnlyDictionary<string, ContributionCounts>> CountsAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default)
    {
        if (userNames.Count == 0) return new Dictionary<string, ContributionCounts>();
        var rows = await db.Contributions.AsNoTracking()
            .Where(c => userNames.Contains(c.Contributor) && (c.Status == ContributionStatus.Submitted || c.Status == ContributionStatus.Published))
            .GroupBy(c => new { c.Contributor, c.Status })
            .Select(g => new { g.Key.Contributor, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Contributor, StringComparer.OrdinalIgnoreCase).ToDictionary(
            g => g.Key,
            g => new ContributionCounts(
                g.Where(r => r.Status == ContributionStatus.Submitted).Sum(r => r.Count),
                g.Where(r => r.Status == ContributionStatus.Published).Sum(r => r.Count)),
            StringComparer.OrdinalIgnoreCase);
    }
}
