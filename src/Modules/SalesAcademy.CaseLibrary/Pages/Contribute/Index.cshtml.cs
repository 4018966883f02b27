using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;

namespace SalesAcademy.CaseLibrary.Pages.Contribute;

/// <summary>The signed-in rep's contributions (content.contribute), newest change first.</summary>
[Authorize]
public sealed class IndexModel(Contributions contributions, ContentManager manager, ContentAccess access) : PageModel
{
    public IReadOnlyList<(ContentContribution Contribution, string Title)> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.HasAsync(User, ContentPermissions.Contribute)) return NotFound();
        var list = new List<(ContentContribution, string)>();
        foreach (var c in await contributions.OfContributorAsync(User.UserName()))
        {
            var item = await manager.GetAsync(c.ContentItemId, VersionOptions.Latest);
            list.Add((c, item?.DisplayText ?? c.ContentItemId));
        }
        Items = list;
        return Page();
    }
}
