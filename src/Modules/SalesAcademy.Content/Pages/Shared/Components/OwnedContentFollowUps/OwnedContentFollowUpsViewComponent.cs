using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Content.FollowUps;

namespace SalesAcademy.Content.Pages.Shared.Components.OwnedContentFollowUps;

/// <summary>
/// The home page's "Changes asked of your content" panel (registered as <c>HomeWidget("OwnedContentFollowUps")</c>): the
/// open follow-ups of the items the signed-in user owns; nothing when there are none.
/// </summary>
public sealed class OwnedContentFollowUpsViewComponent(OwnedFollowUps owned) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var items = await owned.ForAsync(UserClaimsPrincipal, HttpContext.RequestAborted);
        return items.Count == 0 ? Content("") : View(items);
    }
}
