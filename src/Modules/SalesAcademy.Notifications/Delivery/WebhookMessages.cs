using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Delivery;

/// <summary>What a webhook post says, before it is shaped for a chat tool.</summary>
public sealed record WebhookMessage(string Kind, string Text, string? Url, string Team, string? Key, DateTime CreatedUtc, string OpenLabel);

/// <summary>
/// The body each chat tool's incoming webhook accepts, DingTalk's request signature, and the masked form of an address
/// (a webhook URL carries its token: it is shown only as scheme, host and its last four characters).
/// </summary>
public static class WebhookMessages
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Body(string format, WebhookMessage m)
    {
        var link = m.Url is null ? "" : $"\n\n[{m.OpenLabel}]({m.Url})";
        JsonNode body = format switch
        {
            WebhookFormats.Slack => new JsonObject { ["text"] = m.Url is null ? m.Text : $"{m.Text}\n<{m.Url}|{m.OpenLabel}>" },
            // Teams' connector card (Office 365 connectors and Workflows both accept it).
            WebhookFormats.Teams => new JsonObject
            {
                ["@type"] = "MessageCard", ["@context"] = "https://schema.org/extensions", ["summary"] = m.Text, ["text"] = m.Text + link,
            },
            WebhookFormats.WeCom => new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = m.Text + link } },
            WebhookFormats.DingTalk => new JsonObject
            {
                ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["title"] = Title(m.Text), ["text"] = m.Text + link },
            },
            _ => new JsonObject
            {
                ["kind"] = m.Kind, ["text"] = m.Text, ["url"] = m.Url, ["team"] = m.Team, ["key"] = m.Key,
                ["createdUtc"] = m.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
            },
        };
        return body.ToJsonString(Json);
    }

    /// <summary>DingTalk's signed mode: &amp;timestamp=&lt;ms&gt;&amp;sign=URL-encoded Base64(HmacSHA256(secret, timestamp + "\n" + secret)).</summary>
    public static string SignDingTalk(string url, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));
        return $"{url}{(url.Contains('?') ? '&' : '?')}timestamp={timestamp}&sign={WebUtility.UrlEncode(sign)}";
    }

    /// <summary><c>https://oapi.dingtalk.com/…9f3a</c>: scheme and host, then the last four characters.</summary>
    public static string Mask(string url)
    {
        var tail = url.Length > 4 ? url[^4..] : "";
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}/…{tail}" : $"…{tail}";
    }

    /// <summary>An error message with the address (and its path and query) replaced by the masked form.</summary>
    public static string Redact(string message, string url)
    {
        if (string.IsNullOrEmpty(url)) return message;
        message = message.Replace(url, Mask(url), StringComparison.OrdinalIgnoreCase);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.PathAndQuery.Length > 1)
            message = message.Replace(uri.PathAndQuery, "/…", StringComparison.OrdinalIgnoreCase);
        return message;
    }

    private static string Title(string text)
    {
        var line = text.Split('\n')[0];
        return line.Length > 60 ? line[..59] + "…" : line;
    }

    /// <summary>Why an address is not acceptable, or null.</summary>
    public static string? Problem(string? url, bool allowHttp, bool allowPrivate = false)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Enter the webhook address.";
        if (url.Length > 2000) return "The webhook address is longer than 2,000 characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
            return "The webhook address must be an absolute https:// address.";
        if (uri.Scheme == "http" && !allowHttp) return "The webhook address must be an absolute https:// address.";
        if (!allowPrivate && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.IdnHost, out var ip) && WebhookAddresses.IsPrivate(ip))))
            return WebhookAddresses.Refused;
        return null;
    }
}
