using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Retros.Models;
using SalesAcademy.Retros.Services;
using SalesAcademy.Retros.Templates;
using SalesAcademy.Testing;

namespace SalesAcademy.Retros.Tests;

/// <summary>Templates as content, the retrospective cycle kind, and the due-date reminders of open actions.</summary>
public sealed class RetroServiceTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private readonly RetroWorld world = new(portal.Factory);

    [Fact]
    public async Task The_five_seed_templates_are_imported_with_prompts_in_both_languages_and_stay_out_of_search()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var templates = await scope.ServiceProvider.GetRequiredService<PublishedContent>().ListAsync(RetrosModule.TemplateType);
        Assert.Equal(["deal-review", "four-ls", "sailboat", "start-stop-continue", "went-well-to-improve-ideas"], templates.Select(t => t.Slug).Order().ToArray());
        Assert.All(templates.SelectMany(t => t.As<RetroTemplatePart>().Prompts), p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.TitleZh));
            Assert.False(string.IsNullOrWhiteSpace(p.TitleEn));
            Assert.False(string.IsNullOrWhiteSpace(p.DescriptionZh));
            Assert.False(string.IsNullOrWhiteSpace(p.DescriptionEn));
        });
        var deal = templates.Single(t => t.Slug == "deal-review").As<RetroTemplatePart>();
        Assert.True(deal.DealReview);
        Assert.Equal(["deal", "roles", "helped", "hurt", "customer"], deal.Prompts.Select(p => p.Key).ToArray());
        var definition = scope.ServiceProvider.GetRequiredService<ContentDefinitions>().Find(RetrosModule.TemplateType)!;
        Assert.False(definition.Searchable);
        Assert.False(definition.ReaderVisible);

        using var client = portal.Factory.CreateClient();
        var search = await (await client.GetAsync("/search?q=" + Uri.EscapeDataString("帆船"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("/retros/templates/sailboat", search);
    }

    [Fact]
    public void A_template_names_each_refused_field()
    {
        var part = new RetroTemplatePart
        {
            Prompts = [new() { Key = "start", TitleZh = "开始", TitleEn = "Start" }, new() { Key = "start", TitleZh = "", TitleEn = "Again" }, new() { Key = "Bad Key", TitleZh = "x", TitleEn = "x" }],
        };
        var errors = part.Validate().Select(e => e.Field).ToArray();
        Assert.Equal(["prompts[1].key", "prompts[1].titleZh", "prompts[2].key"], errors);
        Assert.Equal(["prompts"], new RetroTemplatePart().Validate().Select(e => e.Field).ToArray());
    }

    [Fact]
    public async Task A_deal_review_needs_its_deal_and_outcome()
    {
        var team = await world.TeamAsync(members: 1);
        var missing = await (await world.People.SendAsync(team.Lead, HttpMethod.Post, "/api/v1/retros", new { teamId = team.Id, template = "deal-review" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["dealName"], missing.ErrorFields());
        var started = await (await world.People.SendAsync(team.Lead, HttpMethod.Post, "/api/v1/retros",
            new { teamId = team.Id, template = "deal-review", dealName = "Retail chain POS upgrade", dealOutcome = "lost", dealRoles = "AccountManager, DeliveryManager" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("lost", (string)started["dealOutcome"]!);
        Assert.Contains("Retail chain POS upgrade", (string)started["title"]!);
        Assert.Equal(5, started["prompts"]!.AsArray().Count);
        // A member who does not lead the team may not start one.
        await (await world.People.SendAsync(team.Members[0], HttpMethod.Post, "/api/v1/retros", new { teamId = team.Id, template = "four-ls" }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_retrospective_cycle_starts_one_retro_per_run_and_names_wrong_settings()
    {
        var team = await world.TeamAsync(members: 1);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var kind = scope.ServiceProvider.GetServices<ICycleKind>().Single(k => k.Key == RetroCycleKind.KindKey);
        var errors = await kind.ValidateSettingsAsync("""{"template":"no-such-template"}""", CancellationToken.None);
        Assert.Equal(["team", "template"], errors.Select(e => e.Field).ToArray());
        Assert.StartsWith("Team:", errors[0].Message);
        Assert.Empty(await kind.ValidateSettingsAsync($$"""{"team":"{{team.Id}}","template":"sailboat"}""", CancellationToken.None));

        var runId = Random.Shared.NextInt64(1_000_000, 9_000_000);
        var run = new CycleRunContext(1, runId, RetroCycleKind.KindKey, CyclePhase.Open, [team.Id], DateTime.UtcNow, null, null,
            $$"""{"team":"{{team.Id}}","template":"sailboat"}""");
        await kind.RunAsync(run, CancellationToken.None);
        await kind.RunAsync(run, CancellationToken.None); // a repeated phase
        var retros = await world.WithDbAsync(db => db.Retros.AsNoTracking().Where(r => r.TeamId == team.Id).ToListAsync());
        var retro = Assert.Single(retros);
        Assert.Equal(runId, retro.CycleRunId);
        Assert.True(retro.Anonymous);
        Assert.Equal("review", (string)(await world.GetAsync(team.Members[0], retro.Id))["phase"]!);
        // The team's lead facilitates a retro a cycle started.
        await world.MoveAsync(team, retro.Id, "reflect");
    }

    [Fact]
    public async Task An_owner_is_reminded_of_a_due_action_at_most_once_a_day()
    {
        var team = await world.TeamAsync(members: 1);
        var owner = team.Members[0];
        var retro = await world.StartAsync(team);
        foreach (var phase in new[] { "reflect", "group", "vote", "discuss", "actions" }) await world.MoveAsync(team, retro, phase);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{retro}/actions",
            new { text = "Book the joint account plan review", ownerUserId = owner.Id, due = tomorrow })).JsonAsync(HttpStatusCode.Created);
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{retro}/actions",
            new { text = "Later action", ownerUserId = owner.Id, due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd") })).JsonAsync(HttpStatusCode.Created);

        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var open = scope.ServiceProvider.GetRequiredService<OpenActions>();
            Assert.True(await open.RemindAsync() >= 1);
            Assert.Equal(0, await open.RemindAsync());
        }
        var reminded = await world.WithDbAsync(db => db.Actions.AsNoTracking().Where(a => a.RetroId == retro).ToListAsync());
        Assert.NotNull(reminded.Single(a => a.Text.StartsWith("Book")).RemindedOn);
        Assert.Null(reminded.Single(a => a.Text == "Later action").RemindedOn);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, owner.Email, ApiPeople.Password);
        var inbox = await (await browser.GetAsync("/notifications")).Content.ReadAsStringAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(inbox, "Book the joint account plan review"));
    }
}
