using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Pages.Studio;

/// <summary>The studio: every item's latest version (drafts included) for those who see drafts; otherwise the items you own.</summary>
[Authorize]
public sealed class IndexModel(ContentManager manager, ContentAccess access, ContentDefinitions definitions) : PageModel
{
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public IReadOnlySet<string> PublishedIds { get; private set; } = new HashSet<string>();
    public IReadOnlyList<ContentTypeDefinition> Creatable { get; private set; } = [];
    public bool CanRestore { get; private set; }
    /// <summary>A notice code from the query string (<see cref="Notices"/>); the view shows only the codes it knows.</summary>
    public string? Message { get; private set; }
    public string? TypeFilter { get; private set; }

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(string? type, string? message)
    {
        var seesAll = await access.HasAsync(User, ContentPermissions.ViewDrafts);
        var edits = await access.HasAsync(User, ContentPermissions.EditOwn) || await access.HasAsync(User, ContentPermissions.EditAny);
        if (!seesAll && !edits) return NotFound();
        TypeFilter = definitions.Find(type ?? "")?.Name;
        var latest = await manager.ListLatestAsync(TypeFilter);
        Items = seesAll ? latest : latest.Where(i => ContentAccess.IsOwnerOrAuthor(User, i)).ToList();
        PublishedIds = await manager.PublishedIdsAsync();
        Creatable = edits ? definitions.Types.OrderBy(t => t.RoutePrefix).ToList() : [];
        CanRestore = await access.HasAsync(User, ContentPermissions.Restore);
        Message = message;
        return Page();
    }

    /// <summary>What a redirect to the studio may announce; the query string carries the code, never the text.</summary>
    public static class Notices
    {
        public const string Deleted = "deleted";
    }
}
