using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Audit;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Delivery;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Pages.Admin;

/// <summary>E-mail and webhook deliveries waiting or given up on (recipient, or the webhook masked), with a retry for the failed ones.</summary>
[Authorize(Policy = "perm:" + NotificationsPermissions.Delivery)]
public sealed class DeliveryModel(DeliveryOutbox outbox, NotificationsDbContext db, DeliverySignal signal, IAuditLog audit) : PageModel
{
    public const int Shown = 200;

    public sealed record Row(Models.Delivery Delivery, string Recipient);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await outbox.PendingAsync(Shown, ct);
        var hookIds = rows.Where(r => r.WebhookId is not null).Select(r => r.WebhookId!.Value).Distinct().ToList();
        var hooks = await db.Webhooks.AsNoTracking().Where(w => hookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        Rows = rows.Select(r => new Row(r, r.WebhookId is { } id
            ? hooks.TryGetValue(id, out var hook) ? $"{hook.Name} ({WebhookMessages.Mask(hook.Url)})" : $"webhook {id}"
            : r.Recipient)).ToList();
        Counts = await outbox.CountsAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        if (await outbox.RetryAsync(id, ct) is not { } row) return NotFound();
        await audit.RecordAsync("notifications.delivery.retry", $"delivery:{id}", $"{row.Channel} {(row.WebhookId is { } w ? $"webhook {w}" : row.Recipient)}", ct: ct);
        signal.Wake();
        Message = "retried";
        return RedirectToPage();
    }
}
