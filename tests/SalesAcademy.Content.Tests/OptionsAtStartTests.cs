using SalesAcademy.Core.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>Options are bound with AddOptions().BindConfiguration().ValidateOnStart(): a bad value stops the portal at start, naming the setting.</summary>
public sealed class OptionsAtStartTests
{
    [Theory]
    [InlineData("Content:ChangePollSeconds", "0")]
    [InlineData("Search:PollSeconds", "-1")]
    [InlineData("Search:TimeBudgetSeconds", "0")]
    [InlineData("Search:MaxPatternExpansions", "0")]
    public async Task A_bad_setting_stops_the_portal_at_start_and_names_the_setting(string key, string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => factory.StartServer());
        Assert.Contains(key, error.ToString());
    }
}
