using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Portal;
using SalesAcademy.Testing;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>A wrong scheduling or time-zone setting stops start-up with a message naming the key.</summary>
public sealed class SchedulingSettingsTests
{
    [Theory]
    [InlineData("Scheduling:TickSeconds", "0", "Setting Scheduling:TickSeconds is 0; use 1 to 3600.")]
    [InlineData("Scheduling:ClaimSeconds", "5", "Setting Scheduling:ClaimSeconds is 5; use 10 or more.")]
    [InlineData("Scheduling:ClusterCheckinSeconds", "0.5", "Setting Scheduling:ClusterCheckinSeconds is 0.5; use 1 to 300.")]
    [InlineData("Scheduling:ClusterProbeHoldSeconds", "90", "Setting Scheduling:ClusterProbeHoldSeconds is 90; use 0 to 60, or leave it unset.")]
    [InlineData("Content:VerificationGraceDays", "-1", "Content:VerificationGraceDays must be from 0 to 365.")]
    [InlineData("Portal:TimeZone", "Asia/Beijing", "Setting Portal:TimeZone is 'Asia/Beijing', which is not a known time zone; use an IANA name such as Asia/Shanghai or Europe/Berlin.")]
    public async Task A_wrong_setting_stops_start_up_naming_it(string key, string value, string message)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = TestPaths.RepoRoot });
        var settings = PortalFactory.Settings(database, importContent: false);
        settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortal(PortalModules.All());
        await using var app = builder.Build();
        var error = Assert.Throws<OptionsValidationException>(app.Services.ValidateSettings);
        Assert.Contains(message, error.Message);
    }
}
