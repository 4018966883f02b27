using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Models;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications.Pages.Admin;

/// <summary>
/// The chat webhooks of the teams the user may manage (every team for trainers and administrators, the teams they lead for
/// team leads); add and remove. Addresses are shown masked and never sent back to the browser. Anyone else: 404.
/// </summary>
[Authorize]
public sealed class WebhooksModel(TeamWebhooks webhooks, IStringLocalizer<WebhooksModel> localizer) : PageModel
{
    public IReadOnlyList<TeamName> Teams { get; private set; } = [];
    public IReadOnlyList<WebhookView> Hooks { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    [TempData] public string? Message { get; set; }

    [BindProperty] public string? TeamId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Format { get; set; } = WebhookFormats.Generic;
    // Never bound back into the page: the address and the secret are not shown again, even after an error.
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Secret { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var (added, errors) = await webhooks.AddAsync(User, TeamId ?? "", Name, Format, Address, Secret, ct);
        if (added is null)
        {
            foreach (var (field, error) in errors) Errors[field == "Url" ? "Address" : field] = localizer[error].Value;
            Address = Secret = null;
            return Page();
        }
        Message = "added";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken ct)
    {
        if (!await webhooks.RemoveAsync(User, id, ct)) return NotFound();
        Message = "removed";
        return RedirectToPage();
    }

    public string TeamName(string id) => Teams.FirstOrDefault(t => t.Id == id)?.Name ?? id;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await webhooks.TeamsAsync(User, ct) is not { } teams) return false;
        Teams = teams;
        Hooks = await webhooks.ListAsync(teams.Select(t => t.Id).ToList(), ct);
        return true;
    }
}
