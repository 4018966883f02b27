using Microsoft.EntityFrameworkCore;
using SalesAcademy.Comments.Data;
using SalesAcademy.Core.Insights;

namespace SalesAcademy.Comments.Insights;

/// <summary>The Comments module's measure for the insights run: comments each member wrote in the period (hidden ones too:
/// writing counts, whatever a moderator did later). Comments keep their author's user name.</summary>
internal sealed class CommentInsightSource(CommentsDbContext db) : IInsightSource
{
    public string Name => "comments";

    public async Task<IReadOnlyList<InsightRecord>> MeasureAsync(InsightQuery query, CancellationToken ct)
    {
        var byName = InsightMembers.TeamsByUserName(query);
        if (byName.Count == 0) return [];
        var names = byName.Keys.ToList();
        var counts = await db.Comments.AsNoTracking()
            .Where(c => names.Contains(c.Author) && c.CreatedUtc >= query.FromUtc && c.CreatedUtc < query.ToUtc)
            .GroupBy(c => c.Author).Select(g => new { Author = g.Key, Count = g.Count() }).ToListAsync(ct);
        var records = new List<InsightRecord>();
        foreach (var row in counts)
        {
            if (!byName.TryGetValue(row.Author, out var member)) continue;
            foreach (var team in member.Teams)
                records.Add(new(team, InsightMeasureKeys.Comments, "", member.UserId, row.Count, 1, row.Count));
        }
        return records;
    }
}
