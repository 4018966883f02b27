using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Audit.Data;
using SalesAcademy.Audit.Models;

namespace SalesAcademy.Audit.Services;

/// <summary>What the admin filters the trail by. Dates are whole UTC days, both ends included.</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, string? Target = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>Searches the trail newest first, a page at a time or all of it as CSV.</summary>
public sealed class AuditSearch(AuditDbContext db)
{
    public const int PageSize = 50;

    public async Task<(IReadOnlyList<AuditEntry> Rows, int Total)> PageAsync(AuditFilter filter, int page, CancellationToken ct = default)
    {
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>Every row the filter matches, as RFC 4180 CSV (UTF-8; the caller adds the byte-order mark).</summary>
    public async Task WriteCsvAsync(AuditFilter filter, TextWriter writer, CancellationToken ct = default)
    {
        await writer.WriteAsync("AtUtc,Actor,Action,Target,Details,IpAddress\r\n");
        await foreach (var e in Filtered(filter).AsAsyncEnumerable().WithCancellation(ct))
        {
            var line = string.Join(',',
                e.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Csv(e.Actor), Csv(e.Action), Csv(e.Target), Csv(e.Details), Csv(e.IpAddress));
            await writer.WriteAsync(line + "\r\n");
        }
    }

    private IQueryable<AuditEntry> Filtered(AuditFilter filter)
    {
        var query = db.Entries.AsNoTracking();
        if (Clean(filter.Action) is { } action)
        {
            // "account." matches everything under account; "account.signin" itself and its sub-actions too.
            var below = action.EndsWith('.') ? action : action + ".";
            query = query.Where(e => e.Action == action || e.Action.StartsWith(below));
        }
        if (Clean(filter.Actor)?.ToLowerInvariant() is { } actor) query = query.Where(e => e.Actor.ToLower().Contains(actor));
        if (Clean(filter.Target)?.ToLowerInvariant() is { } target) query = query.Where(e => e.Target != null && e.Target.ToLower().Contains(target));
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc < end);
        }
        return query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A CSV field, formula-safe (one rule for every CSV the portal writes: <see cref="Core.Data.CsvField"/>).</summary>
    public static string Csv(string? value) => Core.Data.CsvField.Of(value);
}
