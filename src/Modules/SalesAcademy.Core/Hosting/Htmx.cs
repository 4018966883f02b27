using Microsoft.AspNetCore.Http;

namespace SalesAcademy.Core.Hosting;

/// <summary>The server's side of htmx, one way for every module.</summary>
public static class Htmx
{
    /// <summary>True for a request htmx sent (its <c>HX-Request</c> header): answer with the fragment, not the whole page.</summary>
    public static bool IsHtmx(this HttpRequest request) => request.Headers.ContainsKey("HX-Request");

    /// <summary>
    /// The server's half of the theme's <c>data-live-reload</c> (site.js): a polled fragment names where the page that
    /// holds it is (<c>?phase=</c>, <c>?at=</c>); when that (<paramref name="shown"/>) is no longer where the thing is
    /// (<paramref name="current"/>), the answer asks htmx to reload the page.
    /// </summary>
    public static void ReloadIfMoved(HttpResponse response, string? shown, string current)
    {
        if (shown is not null && shown != current) response.Headers["HX-Refresh"] = "true";
    }
}
