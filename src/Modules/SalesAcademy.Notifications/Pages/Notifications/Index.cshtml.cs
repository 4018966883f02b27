using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Notifications.Models;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications.Pages.Notifications;

/// <summary>The signed-in user's own notifications, newest first; following one marks it read. Another user's id is 404.</summary>
[Authorize]
public sealed class IndexModel(NotificationInbox inbox, IStringLocalizer<IndexModel> localizer) : PageModel
{
    public IReadOnlyList<UserNotification> Items { get; private set; } = [];
    public long? OlderThan { get; private set; }
    public bool IsFirstPage { get; private set; }
    public int Unread { get; private set; }

    private string Me => User.Identity!.Name!;

    /// <summary>The notification in the reader's language.</summary>
    public string Text(UserNotification notification) => NotificationText.For(localizer, notification);

    public async Task OnGetAsync(long? before)
    {
        var page = await inbox.PageAsync(Me, before, HttpContext.RequestAborted);
        Items = page.Items;
        OlderThan = page.OlderThan;
        IsFirstPage = before is null;
        Unread = await inbox.UnreadCountAsync(Me, HttpContext.RequestAborted);
    }

    /// <summary>Follows a notification: marks it read, then goes where it leads (or back to the list).</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id)
    {
        if (await inbox.MarkReadAsync(Me, id, HttpContext.RequestAborted) is not { } notification) return NotFound();
        return notification.Url is { } url && NotificationLinks.IsLocal(url) ? LocalRedirect(url) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAsync(long id)
    {
        if (await inbox.MarkReadAsync(Me, id, HttpContext.RequestAborted) is null) return NotFound();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await inbox.MarkAllReadAsync(Me, HttpContext.RequestAborted);
        return RedirectToPage();
    }
}
