using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Notifications.Delivery;
using SalesAcademy.Notifications.Models;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications.Pages.Account;

/// <summary>The signed-in user's delivery choices: per kind in-app, e-mail, daily digest or off; and the language of their e-mail.</summary>
[Authorize]
public sealed class NotificationsModel(NotificationPreferences preferences, IStringLocalizer<NotificationsModel> localizer,
    IOptions<DeliveryOptions> options, PortalOptions portal) : PageModel
{
    public sealed record Row(string Kind, string Name, bool NeedsAction, string Route);

    public sealed class Input
    {
        public string Kind { get; set; } = "";
        public string Route { get; set; } = Routes.InApp;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [BindProperty] public List<Input> Choices { get; set; } = [];
    [BindProperty] public string? Culture { get; set; }
    [TempData] public bool Saved { get; set; }
    public int DigestHour => options.Value.DigestHour;
    public string TimeZone => portal.TimeZone;

    private string Me => User.Identity!.Name!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = (await preferences.RoutesAsync(Me, ct)).Select(c => new Row(c.Kind.Key, localizer[c.Kind.Name].Value, c.Kind.NeedsAction, c.Route))
            .OrderBy(r => r.NeedsAction ? 0 : 1).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        Culture = await preferences.CultureAsync(Me, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var routes = Choices.Where(c => !string.IsNullOrEmpty(c.Kind)).GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Last().Route ?? Routes.InApp);
        await preferences.SaveAsync(Me, routes, Culture, ct);
        Saved = true;
        return RedirectToPage();
    }
}
