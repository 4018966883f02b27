using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Localization;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Notifications.Models;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications.Delivery;

/// <summary>
/// Sends claimed outbox rows: e-mail through <see cref="IPortalMail"/> in the recipient's language, webhooks as their chat tool's
/// JSON in the site's language. Each send runs in a Polly pipeline (a timeout per try, quick retries with exponential back-off
/// and jitter); what still fails is retried later by the outbox (<see cref="DeliveryOptions.BackOff"/>).
/// </summary>
public sealed class DeliverySender
{
    public const string HttpClientName = "notifications-webhooks";

    private readonly ResiliencePipeline _pipeline;
    private readonly IPortalMail _mail;
    private readonly IHttpClientFactory _http;
    private readonly PoCatalog _catalog;
    private readonly PortalLinks _links;
    private readonly TimeProvider _clock;

    public DeliverySender(IOptions<DeliveryOptions> options, IPortalMail mail, IHttpClientFactory http, PoCatalog catalog, PortalLinks links, TimeProvider clock)
    {
        (_mail, _http, _catalog, _links, _clock) = (mail, http, catalog, links, clock);
        var o = options.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (o.QuickRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = o.QuickRetries,
                Delay = TimeSpan.FromSeconds(o.QuickRetryDelaySeconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException and not PermanentDeliveryException),
            });
        _pipeline = builder.AddTimeout(TimeSpan.FromSeconds(o.SendTimeoutSeconds)).Build();
    }

    /// <summary>What one batch needs to know beyond its rows (loaded once per batch, see <see cref="LoadAsync"/>).</summary>
    public sealed record Batch(
        IReadOnlyDictionary<string, string> Cultures, string SiteCulture, string SiteName,
        IReadOnlyDictionary<string, string> DisplayNames, IReadOnlyDictionary<long, TeamWebhook> Webhooks,
        IReadOnlyDictionary<string, string> TeamNames, ILookup<long, Models.Delivery> DigestItems);

    public static async Task<Batch> LoadAsync(IReadOnlyList<Models.Delivery> rows, NotificationsDbContext db, NotificationPreferences preferences,
        IUserDirectory users, ITeamDirectory teams, ISiteSettings site, CancellationToken ct)
    {
        var people = rows.Where(r => r.Channel == DeliveryChannels.Email).Select(r => r.Recipient).Distinct().ToList();
        var cultures = await db.RecipientSettings.AsNoTracking().Where(s => people.Contains(s.Recipient)).ToDictionaryAsync(s => s.Recipient, s => s.Culture, ct);
        var names = people.Count == 0 ? new Dictionary<string, string>() : await users.DisplayNamesAsync(people, ct);
        var hookIds = rows.Where(r => r.WebhookId is not null).Select(r => r.WebhookId!.Value).Distinct().ToList();
        var hooks = await db.Webhooks.AsNoTracking().Where(w => hookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var teamNames = hookIds.Count == 0 ? new Dictionary<string, string>() : (await teams.AllTeamsAsync(ct)).ToDictionary(t => t.Id, t => t.Name);
        var digestIds = rows.Where(r => r.Template == DeliveryChannels.DigestTemplate).Select(r => r.Id).ToList();
        var items = digestIds.Count == 0 ? [] : await db.Deliveries.AsNoTracking().Where(d => d.DigestId != null && digestIds.Contains(d.DigestId.Value)).OrderBy(d => d.Id).ToListAsync(ct);
        return new Batch(cultures, await preferences.SiteCultureAsync(), (await site.GetAsync())?.SiteName ?? "SalesAcademy",
            names, hooks, teamNames, items.ToLookup(d => d.DigestId!.Value));
    }

    /// <summary>Sends one row; throws when it could not be sent (the message never contains a webhook's address).</summary>
    public async Task SendAsync(Models.Delivery row, Batch batch, CancellationToken ct)
    {
        if (row.Channel == DeliveryChannels.Webhook)
        {
            if (row.WebhookId is not { } id || !batch.Webhooks.TryGetValue(id, out var hook)) throw new PermanentDeliveryException("The webhook was removed.");
            try
            {
                await _pipeline.ExecuteAsync(async token => await PostAsync(row, hook, batch, token), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // HttpClient's messages name the host at most; redact anyway, the address is the secret.
                throw new DeliveryException(WebhookMessages.Redact(e.Message, hook.Url), e is PermanentDeliveryException);
            }
            return;
        }
        if (!batch.DisplayNames.ContainsKey(row.Recipient)) throw new PermanentDeliveryException("No user has this user name any more.");
        var (subject, text, html) = Email(row, batch);
        await _pipeline.ExecuteAsync(async token => await _mail.SendAsync(row.Recipient, subject, text, html, token), ct);
    }

    /// <summary>The e-mail for a row in the recipient's language: subject, plain text, and HTML whose every user text is encoded.</summary>
    public (string Subject, string Text, string Html) Email(Models.Delivery row, Batch batch)
    {
        var t = new MessageText(_catalog, MessageText.CultureOf(batch.Cultures.GetValueOrDefault(row.Recipient) ?? batch.SiteCulture));
        var settings = _links.Absolute("/account/notifications");
        var footer = t["You get this e-mail because of your notification settings: {0}", settings];
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        string subject;
        if (row.Template == DeliveryChannels.DigestTemplate)
        {
            var items = batch.DigestItems[row.Id].ToList();
            subject = t["[{0}] Your daily digest: {1} notifications", batch.SiteName, items.Count];
            text.Append(t["Your notifications of the last day:"]).Append("\n\n");
            html.Append("<p>").Append(Encode(t["Your notifications of the last day:"])).Append("</p><ul>");
            foreach (var item in items)
            {
                var line = t.Notice(item.Template, item.Arguments);
                text.Append("- ").Append(line);
                html.Append("<li>").Append(Encode(line));
                if (item.Url is not null)
                {
                    var url = _links.Absolute(item.Url);
                    text.Append("\n  ").Append(url);
                    html.Append(" <a href=\"").Append(Encode(url)).Append("\">").Append(Encode(t["Open"])).Append("</a>");
                }
                text.Append('\n');
                html.Append("</li>");
            }
            html.Append("</ul>");
        }
        else
        {
            var line = t.Notice(row.Template, row.Arguments);
            subject = $"[{batch.SiteName}] {(line.Length > 150 ? line[..149] + "…" : line)}".ReplaceLineEndings(" ");
            text.Append(line).Append('\n');
            html.Append("<p>").Append(Encode(line)).Append("</p>");
            if (row.Url is not null)
            {
                var url = _links.Absolute(row.Url);
                text.Append('\n').Append(t["Open: {0}", url]).Append('\n');
                html.Append("<p><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(t["Open"])).Append("</a></p>");
            }
        }
        text.Append("\n-- \n").Append(footer).Append('\n');
        html.Append("<hr><p><small>").Append(Encode(t["You get this e-mail because of your notification settings:"]))
            .Append(" <a href=\"").Append(Encode(settings)).Append("\">").Append(Encode(settings)).Append("</a></small></p></body></html>");
        return (subject, text.ToString(), html.ToString());
    }

    private async Task PostAsync(Models.Delivery row, TeamWebhook hook, Batch batch, CancellationToken ct)
    {
        var t = new MessageText(_catalog, MessageText.CultureOf(batch.SiteCulture));
        var message = new WebhookMessage(row.Kind, t.Notice(row.Template, row.Arguments), row.Url is null ? null : _links.Absolute(row.Url),
            batch.TeamNames.GetValueOrDefault(hook.TeamId) ?? hook.TeamId, row.Key, row.CreatedUtc, t["Open"]);
        var url = hook.Format == WebhookFormats.DingTalk && !string.IsNullOrEmpty(hook.Secret) ? WebhookMessages.SignDingTalk(hook.Url, hook.Secret, _clock.GetUtcNow()) : hook.Url;
        using var content = new StringContent(WebhookMessages.Body(hook.Format, message), Encoding.UTF8, "application/json");
        using var response = await _http.CreateClient(HttpClientName).PostAsync(url, content, ct);
        if (!response.IsSuccessStatusCode)
        {
            var permanent = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            var error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            throw permanent ? new PermanentDeliveryException(error) : new HttpRequestException(error);
        }
        // WeCom and DingTalk answer 200 with {"errcode": n, "errmsg": "…"} when they refuse a message.
        if (hook.Format is WebhookFormats.WeCom or WebhookFormats.DingTalk && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            if (answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() != 0)
                throw new HttpRequestException($"errcode {code.GetInt32()}: {(answer.RootElement.TryGetProperty("errmsg", out var msg) ? msg.ToString() : "")}");
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>A send that failed with a message safe to store and show.</summary>
public class DeliveryException(string message, bool permanent = false) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>A send that will never succeed (the webhook was removed, the user is gone, 404/401/403/410): Failed at once.</summary>
public sealed class PermanentDeliveryException(string message) : DeliveryException(message, true);
