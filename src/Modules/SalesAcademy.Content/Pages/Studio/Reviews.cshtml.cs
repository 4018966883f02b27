using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Content.Pages.Studio;

/// <summary>The trainers' review queue (content.review): submitted (oldest first), returned and published contributions.</summary>
[Authorize]
public sealed class ReviewsModel(Contributions contributions, ContentManager manager, ContentAccess access) : PageModel
{
    public static readonly ContributionStatus[] Tabs = [ContributionStatus.Submitted, ContributionStatus.Returned, ContributionStatus.Published];

    public ContributionStatus Status { get; private set; } = ContributionStatus.Submitted;
    public IReadOnlyList<(ContentContribution Contribution, string Title)> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? status)
    {
        if (!await access.HasAsync(User, ContentPermissions.Review)) return NotFound();
        if (Enum.TryParse<ContributionStatus>(status, ignoreCase: true, out var parsed) && Tabs.Contains(parsed)) Status = parsed;
        var list = new List<(ContentContribution, string)>();
        foreach (var c in await contributions.QueueAsync(Status))
        {
            var item = await manager.GetAsync(c.ContentItemId, VersionOptions.Latest);
            list.Add((c, item?.DisplayText ?? c.ContentItemId));
        }
        Items = list;
        return Page();
    }
}
