using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Pages.Studio;

/// <summary>Every version of an item, a side-by-side diff of any two, and restoring an old one as a new draft.</summary>
[Authorize]
public sealed class HistoryModel(ContentManager manager, ContentAccess access, ContentDefinitions definitions, Contributions contributions) : PageModel
{
    public ContentItem Latest { get; private set; } = null!;
    public IReadOnlyList<ContentItem> Versions { get; private set; } = [];
    public ContentItem? From { get; private set; }
    public ContentItem? To { get; private set; }
    public IReadOnlyList<DiffRow> Diff { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int? from, int? to)
    {
        if (!await LoadAsync(id)) return NotFound();
        To = Versions.FirstOrDefault(v => v.Number == (to ?? Latest.Number)) ?? Versions[0];
        From = Versions.FirstOrDefault(v => v.Number == (from ?? To.Number - 1)) ?? Versions.FirstOrDefault(v => v.Number < To.Number);
        if (From is not null)
        {
            var type = definitions.Get(Latest.ContentType);
            Diff = TextDiff.SideBySide(ContentExporter.ToFile(From, type), ContentExporter.ToFile(To, type));
        }
        return Page();
    }

    /// <summary>Copies an old version into a new draft on top of the latest (nothing is lost: the latest stays in history).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(string id, int number)
    {
        if (!await LoadAsync(id) || !CanEdit) return NotFound();
        if (Versions.FirstOrDefault(v => v.Number == number) is not { } old) return NotFound();
        var draft = old.CloneForEdit();
        draft.Apply(Latest.As<OwnershipPart>()); // verification and ownership are today's, not the old version's
        var saved = await manager.SaveDraftAsync(draft, Latest.ContentItemVersionId, ContentActor.Of(User));
        return RedirectToPage("Edit", new { id = saved.ContentItemId, saved = EditModel.Notices.VersionRestored });
    }

    private async Task<bool> LoadAsync(string id)
    {
        var versions = await manager.GetVersionsAsync(id); // one query: the latest is among them
        if (versions.FirstOrDefault(v => v.Latest) is not { } latest) return false;
        var contribution = await contributions.FindAsync(id);
        if (!await access.CanSeeDraftAsync(User, latest, contribution)) return false;
        Latest = latest;
        Versions = versions;
        CanEdit = await access.CanEditAsync(User, latest, contribution);
        return true;
    }
}
