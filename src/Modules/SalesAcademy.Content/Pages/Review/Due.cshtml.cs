using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Pages.Review;

/// <summary>
/// The verification queue: published items whose verification is due. Owners see their own items;
/// holders of content.verify (trainers) see every due item and may verify any of them.
/// </summary>
[Authorize]
public sealed class DueModel(PublishedContent published, ContentManager manager, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;
    public bool SeesAll { get; private set; }
    public bool Verified { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostVerifyAsync(string id)
    {
        await LoadAsync();
        // Only an item this reader may verify: otherwise it does not exist for them.
        if (Items.All(i => i.ContentItemId != id)) return NotFound();
        await manager.MarkVerifiedAsync(id, ContentActor.Of(User));
        Verified = true;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        SeesAll = await authorization.HasPermissionAsync(User, ContentPermissions.VerifyAny);
        var now = clock.GetUtcNow().UtcDateTime;
        var me = User.Identity?.Name;
        Items = (await published.AllAsync())
            .Where(i => i.As<OwnershipPart>().IsDue(now) && (SeesAll || string.Equals(i.Owner, me, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(i => i.As<OwnershipPart>().DueUtc ?? DateTime.MinValue).ToList();
        Taxonomy = await published.TaxonomyAsync();
    }
}
