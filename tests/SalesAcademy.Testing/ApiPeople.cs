using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Security;
using Xunit;

namespace SalesAcademy.Testing;

/// <summary>A user with a portal role and a personal access token, as a script would hold it.</summary>
public sealed record ApiUser(string Email, string Id, string Role, string Token, string TokenId);

/// <summary>Users, tokens and HTTP calls the way an API client makes them.</summary>
public sealed class ApiPeople(PortalFactory factory)
{
    public const string Password = "Iron triangle at the customer 9";

    public async Task<ApiUser> NewAsync(string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] + "@salesacademy.test";
        var user = new PortalUser { UserName = email, Email = email, DisplayName = $"{role} {email[..8]}", CreatedUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        var (record, token) = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user.Id, "api tests");
        return new ApiUser(email, user.Id, role, token, record.Id);
    }

    /// <summary>The administrator set up from configuration, with the token configured at setup.</summary>
    public async Task<ApiUser> AdminAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(TestUsers.AdminEmail))!;
        return new ApiUser(TestUsers.AdminEmail, user.Id, PortalRoles.Administrator, TestUsers.AdminApiToken, "");
    }

    public async Task RevokeAsync(ApiUser user)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AccessTokens>().RevokeAsync(user.Id, user.TokenId));
    }

    public async Task<HttpResponseMessage> SendAsync(string? token, HttpMethod method, string url, object? body = null)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public Task<HttpResponseMessage> SendAsync(ApiUser? user, HttpMethod method, string url, object? body = null) =>
        SendAsync(user?.Token, method, url, body);

    public Task<HttpResponseMessage> GetAsync(ApiUser? user, string url) => SendAsync(user, HttpMethod.Get, url);
}

public static class HttpAssert
{
    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    public static async Task StatusAsync(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
    }

    /// <summary>The field paths a validation problem names (its <c>errors</c> object's keys), in order.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonNode problem) => problem["errors"]!.AsObject().Select(e => e.Key).ToList();

    /// <summary>Every message of a validation problem, field after field.</summary>
    public static IReadOnlyList<string> ErrorMessages(this JsonNode problem) =>
        problem["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => (string)m!)).ToList();
}
