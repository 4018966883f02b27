using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.DrillSessions.Services;

namespace SalesAcademy.DrillSessions.Pages.DrillSessions;

/// <summary>
/// An attachment, only as a download and only to those who may see the submission it belongs to (404 for anyone else):
/// Content-Disposition attachment with a safe name, the media type its bytes were found to be, nosniff, a sandboxing CSP.
/// </summary>
[Authorize]
public sealed class DownloadModel(DrillSessionBook book) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, long attachmentId, CancellationToken ct)
    {
        if (await book.AttachmentAsync(User, id, attachmentId, ct) is not var (attachment, path)) return NotFound();
        var result = Api.DrillSessionsApi.Download(HttpContext, attachment, path);
        return new ResultAdapter(result);
    }

    private sealed class ResultAdapter(Microsoft.AspNetCore.Http.IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
