using System.Text.Json;
using Microsoft.Extensions.Localization;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Services;

/// <summary>A stored notification in the reader's language: its template through the one PO catalog, then the arguments.</summary>
public static class NotificationText
{
    public static string For(IStringLocalizer localizer, UserNotification notification)
    {
        var args = Arguments(notification);
        try
        {
            return localizer[notification.Template, args.Cast<object>().ToArray()].Value;
        }
        catch (FormatException)
        {
            // A template whose placeholders do not match its arguments still shows what it says.
            return $"{localizer[notification.Template].Value} ({string.Join(", ", args)})";
        }
    }

    private static string[] Arguments(UserNotification notification) => Arguments(notification.Arguments);

    internal static string[] Arguments(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
