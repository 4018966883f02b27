using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace SalesAcademy.Testing;

/// <summary>A cookie-keeping client that does not follow redirects, with the sign-in and form steps a person takes.</summary>
public sealed class Browser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _client;

    /// <param name="language">The Accept-Language the browser sends; assertions mostly read the English UI.</param>
    public Browser(PortalFactory factory, string language = "en")
    {
        _client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(_cookies));
        _client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    /// <summary>GETs the page holding the form, then posts the fields with the form's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IDictionary<string, string> fields, string? handler = null)
    {
        var target = handler is null ? pageUrl : $"{pageUrl}{(pageUrl.Contains('?') ? '&' : '?')}handler={handler}";
        return await SubmitToAsync(pageUrl, target, fields);
    }

    /// <summary>
    /// GETs the page holding the form, then posts the fields with its antiforgery token to <paramref name="actionUrl"/>
    /// (a form whose action is another address); <paramref name="htmx"/> sends the request as htmx does.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitToAsync(string pageUrl, string actionUrl, IDictionary<string, string> fields, bool htmx = false)
    {
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(pageUrl) };
        return await PostAsync(actionUrl, all, htmx);
    }

    /// <summary>The antiforgery token of the first form in the page's main content.</summary>
    public async Task<string> AntiforgeryTokenAsync(string pageUrl)
    {
        var html = await (await _client.GetAsync(pageUrl)).Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        return document.QuerySelector("main form input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form with an antiforgery token on {pageUrl}");
    }

    /// <summary>Posts exactly these fields (no token is added).</summary>
    public async Task<HttpResponseMessage> PostAsync(string url, IDictionary<string, string> fields, bool htmx = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        if (htmx) request.Headers.Add("HX-Request", "true");
        return await _client.SendAsync(request);
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null) =>
        SubmitAsync("/account/login" + (returnUrl is null ? "" : $"?ReturnUrl={Uri.EscapeDataString(returnUrl)}"),
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl ?? "" });

    /// <summary>Sends a request built by the test (its own headers, e.g. Host) with this browser's cookies.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    /// <summary>The Cookie header this browser sends, as someone who copied it would replay it.</summary>
    public string CookieHeader => _cookies.GetCookieHeader(new Uri("http://localhost"));

    public bool HasAuthCookie => _cookies.GetCookies(new Uri("http://localhost"))["SalesAcademy.Auth"] is not null;

    public void Dispose() => _client.Dispose();
}
