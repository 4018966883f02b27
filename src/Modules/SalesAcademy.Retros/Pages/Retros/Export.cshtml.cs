using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.Pages.Retros;

/// <summary>The summary as a Markdown or CSV download (anonymous cards without authors; CSV fields safe in a spreadsheet).</summary>
[Authorize]
public sealed class ExportModel(RetroBoard board, RetroSummaries summaries, IStringLocalizer<ExportModel> t) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, string? format, CancellationToken ct)
    {
        if (await board.FindAsync(User, id, ct) is not var (retro, viewer)) return NotFound();
        if (format is not ("md" or "csv")) return BadRequest();
        var summary = await summaries.ForAsync(retro, viewer, ct);
        var name = $"retro-{retro.Id}";
        return format == "md"
            ? File(Encoding.UTF8.GetBytes(RetroSummaries.Markdown(summary, key => t[key])), "text/markdown; charset=utf-8", name + ".md")
            : File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(RetroSummaries.Csv(summary))).ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }
}
