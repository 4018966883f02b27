using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using SalesAcademy.Testing;

namespace SalesAcademy.Audit.Tests;

/// <summary>A cookie-keeping client that does not follow redirects, with the sign-in and form steps a person takes.</summary>
internal sealed class Browser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _client;

    public Browser(PortalFactory factory)
    {
        _client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(_cookies));
        _client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en"); // assertions read the English UI
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    /// <summary>GETs the page holding the form, then posts the fields with the form's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IDictionary<string, string> fields, string? handler = null)
    {
        var html = await (await _client.GetAsync(pageUrl)).Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        var token = document.QuerySelector("main form input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form with an antiforgery token on {pageUrl}");
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        var target = handler is null ? pageUrl : $"{pageUrl}{(pageUrl.Contains('?') ? '&' : '?')}handler={handler}";
        return await _client.PostAsync(target, new FormUrlEncodedContent(all));
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null) =>
        SubmitAsync("/account/login" + (returnUrl is null ? "" : $"?ReturnUrl={Uri.EscapeDataString(returnUrl)}"),
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl ?? "" });

    public bool HasAuthCookie => _cookies.GetCookies(new Uri("http://localhost"))["SalesAcademy.Auth"] is not null;

    public void Dispose() => _client.Dispose();
}
