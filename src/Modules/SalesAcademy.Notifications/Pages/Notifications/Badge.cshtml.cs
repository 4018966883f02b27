using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications.Pages.Notifications;

/// <summary>
/// The header's unread count: a fragment htmx loads into the (cached) header, so the count is never cached.
/// Open to anyone so an expired session gets a plain link, not a login page swapped into the header.
/// </summary>
[AllowAnonymous]
public sealed class BadgeModel(NotificationInbox inbox) : PageModel
{
    public int? Unread { get; private set; }

    public async Task OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (User.Identity is { IsAuthenticated: true, Name: { } me }) Unread = await inbox.UnreadCountAsync(me, HttpContext.RequestAborted);
    }
}
