using System.Net;
using SalesAcademy.Core.Data;
using SalesAcademy.Pulses.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Pulses.Tests;

/// <summary>The respondent minimum is a site setting that can be raised and never set below 3 (start-up fails, naming it).</summary>
public sealed class PulseSettingsTests
{
    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task A_minimum_below_three_stops_start_up_naming_the_setting(string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?> { ["Pulses:MinRespondents"] = value });
        var error = Record.Exception(() => factory.StartServer());
        Assert.NotNull(error);
        var message = error.ToString();
        Assert.Contains("Pulses:MinRespondents must be 3 or more", message);
        Assert.Contains(PulseOptions.MinRespondentsMessage, message);
    }

    [Fact]
    public async Task A_raised_minimum_hides_results_until_that_many_answered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?> { ["Pulses:MinRespondents"] = "4" });
        factory.StartServer();
        var world = new PulseWorld(factory);
        var team = await world.TeamAsync(4);
        var pack = await world.PackAsync();
        var (run, pulseId) = await world.OpenAsync(team.Id, pack);
        for (var i = 0; i < 3; i++) await (await world.AnswerAsync(team.Members[i], pulseId, _ => 4)).JsonAsync(HttpStatusCode.OK);
        var hidden = await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/{pulseId}/results")).JsonAsync(HttpStatusCode.OK);
        Assert.False(hidden["shown"]!.GetValue<bool>());
        Assert.Equal(4, hidden["minimum"]!.GetValue<int>());
        await (await world.AnswerAsync(team.Members[3], pulseId, _ => 4)).JsonAsync(HttpStatusCode.OK);
        var shown = await (await world.People.GetAsync(team.Lead, $"/api/v1/pulses/{pulseId}/results")).JsonAsync(HttpStatusCode.OK);
        Assert.True(shown["shown"]!.GetValue<bool>());
        await world.CloseAsync(run);
    }
}
