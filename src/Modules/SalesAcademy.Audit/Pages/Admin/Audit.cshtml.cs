using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Audit.Models;
using SalesAcademy.Audit.Services;

namespace SalesAcademy.Audit.Pages.Admin;

[Authorize(Policy = "perm:" + AuditPermissions.View)]
public sealed class AuditModel(AuditSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Target { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    /// <summary>The page number ("page" is taken by Razor Pages routing).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + AuditSearch.PageSize - 1) / AuditSearch.PageSize);

    private AuditFilter Filter => new(Action, Actor, Target, From, To);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            Response.ContentType = "text/csv; charset=utf-8";
            Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
            // The byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
            await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
            await search.WriteCsvAsync(Filter, writer, ct);
            return new EmptyResult();
        }
        PageNumber = Math.Max(PageNumber, 1);
        (Rows, Total) = await search.PageAsync(Filter, PageNumber, ct);
        return Page();
    }

    /// <summary>This page's address with the current filters, for another page number or format.</summary>
    public string Link(int? page = null, string? format = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["action"] = Action, ["actor"] = Actor, ["target"] = Target,
            ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"),
            ["p"] = page is > 1 ? page.ToString() : null, ["format"] = format,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/audit",
            query.Where(q => !string.IsNullOrWhiteSpace(q.Value)));
    }
}
