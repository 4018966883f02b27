using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using SalesAcademy.Testing;

namespace SalesAcademy.Search.Tests;

public static class SignedInClient
{
    /// <summary>A cookie-keeping client signed in as the administrator, for requests a form would not send (no antiforgery token).</summary>
    public static async Task<HttpClient> AdministratorAsync(PortalFactory factory)
    {
        var client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(new CookieContainer()));
        var login = new HtmlParser().ParseDocument(await client.GetStringAsync("/account/login"));
        var token = login.QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = TestUsers.AdminEmail, ["Password"] = TestUsers.AdminPassword, ["ReturnUrl"] = "", ["__RequestVerificationToken"] = token,
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"sign-in: {(int)response.StatusCode}");
        return client;
    }
}
