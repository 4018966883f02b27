using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>Users with a role and a personal access token, and API calls the way a script makes them.</summary>
public sealed class QuizzesPeople(PortalFactory factory)
{
    public async Task<(string Email, string Token)> WithTokenAsync(string role)
    {
        var email = await TestUsers.CreateAsync(factory, role);
        await using var scope = factory.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
        var (_, token) = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user.Id, "quizzes tests");
        return (email, token);
    }

    public async Task<HttpResponseMessage> SendAsync(string? token, HttpMethod method, string url, HttpContent? content = null)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}

/// <summary>
/// A signed-in browser session that posts forms exactly as a browser builds them from the page (repeated names for
/// checkboxes included), for round trips through the studio editor.
/// </summary>
public sealed class FormSession : IDisposable
{
    private readonly HttpClient _client;

    private FormSession(PortalFactory factory) =>
        _client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(new CookieContainer()));

    public static async Task<FormSession> SignInAsync(PortalFactory factory, string email)
    {
        var session = new FormSession(factory);
        var login = await session.PageAsync("/account/login");
        var form = (IHtmlFormElement)login.QuerySelector("main form")!;
        var fields = Fields(form).Where(f => f.Key == "__RequestVerificationToken").ToList();
        fields.Add(new("Email", email));
        fields.Add(new("Password", TestUsers.Password));
        var response = await session.PostAsync("/account/login", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async Task<IHtmlDocument> PageAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(html);
    }

    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        _client.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>What a browser submits for the form: checked boxes and radios, text, hidden and number inputs, textareas, selected options.</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "file" or "image":
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textarea:
                    fields.Add(new(name, textarea.Value));
                    break;
                case IHtmlSelectElement select:
                    var selected = select.Options.Where(o => o.IsSelected).ToList();
                    if (selected.Count == 0 && !select.IsMultiple && select.Options.Length > 0) selected = [select.Options[0]!];
                    foreach (var option in selected) fields.Add(new(name, option.Value));
                    break;
            }
        }
        return fields;
    }

    public void Dispose() => _client.Dispose();
}
