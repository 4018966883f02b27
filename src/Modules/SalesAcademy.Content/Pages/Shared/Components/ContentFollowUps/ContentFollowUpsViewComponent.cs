using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Content.FollowUps;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Improvement;

namespace SalesAcademy.Content.Pages.Shared.Components.ContentFollowUps;

/// <summary>
/// The studio page's "Open follow-ups" panel: what every source asks to change in this item (retro actions, …). Only
/// for users who may edit the item; nothing when there is nothing open.
/// </summary>
public sealed class ContentFollowUpsViewComponent(ContentAccess access, ContentDefinitions definitions, IContentFollowUps followUps) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContentItem item, ContentContribution? contribution)
    {
        if (!await access.CanEditAsync(UserClaimsPrincipal, item, contribution)) return Content("");
        var open = await followUps.OpenAsync([item.ContentItemId], HttpContext.RequestAborted);
        return open.Count == 0 ? Content("") : View(FollowUpList.Of(open, item, definitions));
    }
}
