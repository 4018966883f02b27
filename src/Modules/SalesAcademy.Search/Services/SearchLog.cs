using SalesAcademy.Search.Data;
using SalesAcademy.Search.Models;

namespace SalesAcademy.Search.Services;

/// <summary>Records every search (query, result count, UI language) for the trainers' improvement queue.</summary>
public sealed class SearchLog(SearchDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(string? query, int resultCount, string culture, string? userId, string source, CancellationToken ct = default)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0) return;
        db.Queries.Add(new SearchQueryRecord
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Query = text.Length > 500 ? text[..500] : text,
            Culture = culture.Length > 16 ? culture[..16] : culture,
            ResultCount = resultCount,
            UserId = userId,
            Source = source,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The most frequent recent searches that found nothing.</summary>
    public async Task<IReadOnlyList<(string Query, int Times, DateTime LastUtc)>> FoundNothingAsync(int max, CancellationToken ct = default)
    {
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Queries.Where(q => q.ResultCount == 0).OrderByDescending(q => q.Id).Take(1000).Select(q => new { q.Query, q.AtUtc }), ct);
        return rows.GroupBy(r => r.Query, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First().Query, g.Count(), g.Max(r => r.AtUtc)))
            .OrderByDescending(r => r.Item2).ThenByDescending(r => r.Item3).Take(max).ToList();
    }
}
