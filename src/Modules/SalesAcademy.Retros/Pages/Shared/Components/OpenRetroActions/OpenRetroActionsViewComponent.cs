using Microsoft.AspNetCore.Mvc;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Services;

namespace SalesAcademy.Retros.Pages.Shared.Components.OpenRetroActions;

/// <summary>The home page's "Your open actions" panel (<c>HomeWidget("OpenRetroActions")</c>): nothing when the user owns none.</summary>
public sealed class OpenRetroActionsViewComponent(OpenActions open) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.UserId() is not { Length: > 0 } me) return Content("");
        var actions = await open.OfOwnerAsync(me, HttpContext.RequestAborted);
        return actions.Count == 0 ? Content("") : View(actions);
    }
}
