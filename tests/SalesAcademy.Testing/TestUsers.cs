using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using Xunit;

namespace SalesAcademy.Testing;

/// <summary>The administrator every test portal is set up with (from configuration, as an operator would), and throwaway users.</summary>
public static class TestUsers
{
    public const string AdminEmail = "admin@salesacademy.test";
    public const string AdminPassword = "Iron-triangle 2026 admin";
    public const string AdminApiToken = "sa_test_admin_token_0123456789abcdefghijklmnop";
    /// <summary>Health:DetailsToken of every test portal: tests that read the checks' details send it as X-Health-Token.</summary>
    public const string HealthToken = "test-health-details-0123456789abcdefghij";

    /// <summary>The password of every user <see cref="CreateAsync"/> makes.</summary>
    public const string Password = "Iron triangle at the customer 9";

    /// <summary>A new user with a unique e-mail, in <paramref name="role"/> (none when null); returns the e-mail (= user name).</summary>
    public static async Task<string> CreateAsync(PortalFactory factory, string? role, string? displayName = null) =>
        (await NewAsync(factory, role, displayName)).Email!;

    /// <summary>A new user with a unique e-mail, in <paramref name="role"/> (none when null), who signs in with <paramref name="password"/>.</summary>
    public static async Task<PortalUser> NewAsync(PortalFactory factory, string? role, string? displayName = null, string password = Password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = $"u{Guid.NewGuid():N}"[..12] + "@salesacademy.test";
        var user = new PortalUser { UserName = email, Email = email, DisplayName = displayName ?? "Person " + email[..6], CreatedUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        if (role is not null) Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>A browser signed in as <paramref name="email"/>, reading the UI in <paramref name="language"/>.</summary>
    public static async Task<Browser> SignedInAsync(PortalFactory factory, string email, string password = Password, string language = "en")
    {
        var browser = new Browser(factory, language);
        await browser.SignInAsync(email, password);
        Assert.True(browser.HasAuthCookie, $"{email} could not sign in");
        return browser;
    }
}
