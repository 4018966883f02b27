using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Content.Pages.Studio;

/// <summary>
/// The reviewers' header link with the number of submitted contributions waiting (one indexed COUNT), loaded by htmx into
/// the cached header like the notifications badge. Anyone else (or an expired session) gets nothing to show.
/// </summary>
[AllowAnonymous]
public sealed class ReviewsBadgeModel(Contributions contributions, ContentAccess access) : PageModel
{
    public int? Pending { get; private set; }

    public async Task OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (await access.HasAsync(User, ContentPermissions.Review)) Pending = await contributions.PendingCountAsync(HttpContext.RequestAborted);
    }
}
