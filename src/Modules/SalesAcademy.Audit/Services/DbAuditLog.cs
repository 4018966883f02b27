using Microsoft.AspNetCore.Http;
using SalesAcademy.Audit.Data;
using SalesAcademy.Audit.Models;
using SalesAcademy.Core.Audit;

namespace SalesAcademy.Audit.Services;

/// <summary>
/// Writes one row per action. The actor defaults to the request's signed-in user; a failed write throws,
/// because recording is part of the request (an action that cannot be audited should not look done).
/// </summary>
internal sealed class DbAuditLog(AuditDbContext db, IHttpContextAccessor http, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(string action, string? target = null, string? details = null, string? actor = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        db.Entries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Actor = Truncate(actor ?? context?.User.Identity?.Name, 256) ?? "anonymous",
            Action = action,
            Target = Truncate(target, 450),
            Details = Truncate(details, 2000),
            IpAddress = context?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
