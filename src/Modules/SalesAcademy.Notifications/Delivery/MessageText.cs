using System.Globalization;
using SalesAcademy.Core.Localization;
using SalesAcademy.Notifications.Services;

namespace SalesAcademy.Notifications.Delivery;

/// <summary>
/// Text in a given language, away from a request: e-mail in the recipient's language, a webhook in the site's. Looks
/// templates up the way <see cref="NotificationText"/> does for in-app (this module's catalog, then every module's).
/// </summary>
public sealed class MessageText(PoCatalog catalog, CultureInfo culture)
{
    private static readonly string Module = typeof(NotificationsModule).Assembly.GetName().Name!;

    public CultureInfo Culture => culture;

    public string this[string id] => catalog.Translate(id, culture, Module) ?? id;

    public string this[string id, params object[] args] => string.Format(culture, this[id], args);

    /// <summary>A stored notice (template + JSON arguments) in this language; a template that does not fit its arguments still says what it can.</summary>
    public string Notice(string template, string argumentsJson)
    {
        var args = NotificationText.Arguments(argumentsJson);
        try
        {
            return string.Format(culture, this[template], args.Cast<object>().ToArray());
        }
        catch (FormatException)
        {
            return $"{this[template]} ({string.Join(", ", args)})";
        }
    }

    public static CultureInfo CultureOf(string? name) =>
        CultureInfo.GetCultureInfo(PortalCultures.IsSupported(name) ? name! : PortalCultures.Chinese);
}
