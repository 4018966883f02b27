using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Pages.Admin;

[Authorize(Policy = "perm:" + SearchPermissions.Manage)]
public sealed class SearchModel(SearchIndexHost host, SearchGlossary glossary, SearchLog log) : PageModel
{
    public IndexFacts Facts { get; private set; } = null!;
    [BindProperty] public string GlossaryText { get; set; } = "";
    public IReadOnlyList<GlossaryError> GlossaryErrors { get; private set; } = [];
    public IReadOnlyList<(string Query, int Times, DateTime LastUtc)> FoundNothing { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public SearchGlossary Glossary => glossary;

    public async Task OnGetAsync(CancellationToken ct)
    {
        GlossaryText = glossary.ReadText();
        GlossaryErrors = glossary.Errors;
        await LoadAsync(ct);
    }

    /// <summary>The status block alone, polled by htmx while a rebuild runs.</summary>
    public async Task<IActionResult> OnGetStatusAsync(CancellationToken ct)
    {
        Facts = await IndexFacts.ReadAsync(host, ct);
        return Partial("_IndexStatus", Facts);
    }

    public IActionResult OnPostRebuild()
    {
        host.RequestRebuild($"requested by {User.Identity?.Name}");
        Message = "rebuild";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostGlossaryAsync(CancellationToken ct)
    {
        GlossaryErrors = glossary.Save(GlossaryText.Replace("\r\n", "\n"));
        if (GlossaryErrors.Count == 0)
        {
            Message = "glossary";
            return RedirectToPage();
        }
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Facts = await IndexFacts.ReadAsync(host, ct);
        FoundNothing = await log.FoundNothingAsync(20, ct);
    }
}

public sealed record IndexFacts(SearchIndexStatus Status, string Path, int? Documents, int Published, long? Cursor, long Head)
{
    public long? Lag => Cursor is { } c ? Math.Max(0, Head - c) : null;
    public int Percent => Status.RebuildTotal == 0 ? 0 : (int)Math.Min(100, 100L * Status.RebuildDone / Status.RebuildTotal);

    public static async Task<IndexFacts> ReadAsync(SearchIndexHost host, CancellationToken ct)
    {
        var index = host.Index;
        return new IndexFacts(host.Status, host.IndexPath, index?.DocumentCount, await host.PublishedCountAsync(ct), index?.Cursor, await host.HeadAsync(ct));
    }
}
