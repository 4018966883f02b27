using System.Text.Json;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

public abstract class HealthTests(PortalFixture portal)
{
    [Fact]
    public async Task Health_reports_the_database_provider_as_healthy()
    {
        using var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Health-Token", TestUsers.HealthToken); // details are for monitors and administrators
        var response = await client.GetAsync("/health");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.Equal(portal.Provider.ToString(), database.GetProperty("data").GetProperty("provider").GetString());
    }
}

public sealed class HealthTests_Sqlite(SqlitePortal portal) : HealthTests(portal), IClassFixture<SqlitePortal>;

public sealed class HealthTests_Postgres(PostgresPortal portal) : HealthTests(portal), IClassFixture<PostgresPortal>;
