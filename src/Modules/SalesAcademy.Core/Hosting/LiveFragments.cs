using Microsoft.AspNetCore.Http;

namespace SalesAcademy.Core.Hosting;

/// <summary>
/// The server's half of the theme's <c>data-live-reload</c> (site.js): a polled fragment names where the page that holds it
/// is (<c>?phase=</c>, <c>?at=</c>); when that is no longer where the thing is, the answer asks htmx to reload the page.
/// </summary>
public static class LiveFragments
{
    /// <summary>Asks for a reload when the page said where it is (<paramref name="shown"/>) and that is not <paramref name="current"/>.</summary>
    public static void ReloadIfMoved(HttpResponse response, string? shown, string current)
    {
        if (shown is not null && shown != current) response.Headers["HX-Refresh"] = "true";
    }
}
