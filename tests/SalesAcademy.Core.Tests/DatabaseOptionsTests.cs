using Microsoft.Extensions.Configuration;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Core.Tests;

public sealed class DatabaseOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static readonly PortalOptions Portal = new() { DataDir = "/srv/sa-data" };

    [Fact]
    public void Defaults_to_a_SQLite_file_in_the_data_directory()
    {
        var options = DatabaseOptions.From(Config(), Portal);
        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=/srv/sa-data/portal.db", options.ConnectionString);
    }

    [Fact]
    public void Postgres_is_chosen_by_configuration_case_insensitively()
    {
        var options = DatabaseOptions.From(Config(("Database:Provider", "postgres"), ("ConnectionStrings:Portal", "Host=db;Database=sa")), Portal);
        Assert.Equal(DatabaseProvider.Postgres, options.Provider);
        Assert.Equal("Host=db;Database=sa", options.ConnectionString);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_a_clear_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.From(Config(("Database:Provider", "Postgres")), Portal));
        Assert.Contains("ConnectionStrings:Portal", ex.Message);
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("42")]
    public void An_unknown_provider_is_a_clear_error(string provider)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.From(Config(("Database:Provider", provider)), Portal));
        Assert.Contains($"'Database:Provider' is '{provider}'", ex.Message);
    }
}
