using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Pages.Studio;

/// <summary>Deleted items, restorable (as drafts) by holders of content.restore (administrators).</summary>
[Authorize(Policy = "perm:" + ContentPermissions.Restore)]
public sealed class TrashModel(ContentManager manager) : PageModel
{
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Items = await manager.ListDeletedAsync();

    public async Task<IActionResult> OnPostRestoreAsync(string id)
    {
        try
        {
            var restored = await manager.RestoreAsync(id, ContentActor.Of(User));
            return RedirectToPage("Edit", new { id = restored.ContentItemId, saved = EditModel.Notices.RestoredFromTrash });
        }
        catch (ContentNotFoundException) { return NotFound(); }
        catch (ContentValidationException ex)
        {
            Error = string.Join("; ", ex.Errors.Select(e => e.Message));
            Items = await manager.ListDeletedAsync();
            return Page();
        }
    }
}
