using System.Net;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>The module's computed keys (cycle kind, its setting, its messages, the notice, the nav item) read in Chinese.</summary>
public sealed class PulseLocalizationTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task Every_computed_text_of_the_pulse_module_has_a_Chinese_translation()
    {
        var catalog = portal.Factory.Services.GetRequiredService<SalesAcademy.Core.Localization.PoCatalog>();
        var zh = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var kind = scope.ServiceProvider.GetServices<SalesAcademy.Core.Scheduling.ICycleKind>().Single(k => k.Key == Cycles.PulseKind.KindKey);
        var field = Assert.Single(await kind.SettingsFieldsAsync(default));
        var errors = (await kind.ValidateSettingsAsync("{}", default)).Concat(await kind.ValidateSettingsAsync("""{"pack":"x"}""", default)).Select(e => e.Message);
        var keys = new[] { kind.Name, field.Label, field.Hint!, "Team pulses", "A team-health pulse opens",
            "Your team's pulse is open: {0}. It takes five minutes and your answers are anonymous." }.Concat(errors)
            .Concat(new Models.PulsePackPart { Dimensions = [new() { Key = "Bad Key", Zh = "", En = "" }] }.Validate().Select(e => e.Text?.Template ?? e.Message));
        var missing = keys.Where(k => catalog.Translate(k, zh) is null).ToList();
        Assert.True(missing.Count == 0, "No zh-CN translation for: " + string.Join(" | ", missing));
    }
}
