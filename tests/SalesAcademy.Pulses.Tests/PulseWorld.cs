using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Pulses.Cycles;
using SalesAcademy.Pulses.Data;
using SalesAcademy.Pulses.Models;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Pulses.Tests;

/// <summary>Teams with API users, pulse packs and pulses opened through the cycle kind, for the pulse tests.</summary>
public sealed class PulseWorld(PortalFactory factory)
{
    public ApiPeople People { get; } = new(factory);
    public IServiceProvider Services => factory.Services;

    public sealed record Team(string Id, ApiUser Lead, IReadOnlyList<ApiUser> Members)
    {
        public IEnumerable<ApiUser> Everyone => [Lead, .. Members];
    }

    /// <summary>A team led by a new TeamLead with <paramref name="members"/> new reps.</summary>
    public async Task<Team> TeamAsync(int members)
    {
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        var reps = new List<ApiUser>();
        for (var i = 0; i < members; i++) reps.Add(await People.NewAsync(PortalRoles.Rep));
        await using var scope = Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Pulse team " + Guid.NewGuid().ToString("N")[..8], null, "test");
        Assert.Null(error);
        Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, TeamRoles.Lead));
        foreach (var rep in reps) Assert.Null(await roster.AddMemberAsync(team.Id, rep.Email, "AccountManager"));
        return new Team(team.Id, lead, reps);
    }

    /// <summary>A published pack of its own (tests may edit it): two dimensions, three statements.</summary>
    public async Task<ContentItem> PackAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var slug = "pack-" + Guid.NewGuid().ToString("N")[..8];
        var item = manager.New(PulsesModule.PackType);
        item.Apply(new TitlePart { Title = "测试问卷 " + slug }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "测试。" })
            .Apply(new OwnershipPart { Owner = "tests" }).Apply(new PulsePackPart
            {
                Dimensions =
                [
                    new() { Key = "safety", Zh = "心理安全", En = "Safety", Statements =
                        [new() { Key = "speak-up", Zh = "我敢说出不同意见。", En = "I dare to disagree." }, new() { Key = "mistakes-ok", Zh = "犯错不会被记恨。", En = "Mistakes are not held against me." }] },
                    new() { Key = "clarity", Zh = "清晰度", En = "Clarity", Statements = [new() { Key = "roles-clear", Zh = "角色清楚。", En = "Roles are clear." }] },
                ],
            });
        return await manager.CreateAsync(item, "tests", publish: true);
    }

    /// <summary>Publishes a new version of the pack with <paramref name="edit"/> applied to its part.</summary>
    public async Task<ContentItem> EditPackAsync(ContentItem pack, Action<PulsePackPart> edit)
    {
        await using var scope = Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var latest = (await manager.GetAsync(pack.ContentItemId, VersionOptions.Latest))!;
        var edited = latest.CloneForEdit();
        var part = edited.As<PulsePackPart>();
        edit(part);
        edited.Apply(part);
        return await manager.SaveAndPublishAsync(edited, latest.ContentItemVersionId, "tests");
    }

    public static string Settings(ContentItem pack) => CycleSettings.Write([new("pack", pack.ContentItemId)]);

    /// <summary>Runs one phase of the pulse kind, as the scheduler would.</summary>
    public async Task<CyclePhaseResult> PhaseAsync(CycleRunContext run)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetServices<ICycleKind>().Single(k => k.Key == PulseKind.KindKey).RunAsync(run, CancellationToken.None);
    }

    /// <summary>Opens a pulse for the team (a new run); returns the run and the pulse id.</summary>
    public async Task<(CycleRunContext Run, long PulseId)> OpenAsync(string teamId, ContentItem pack, DateTime? scheduledUtc = null)
    {
        var now = DateTime.UtcNow;
        var run = new CycleRunContext(1, Random.Shared.NextInt64(1_000_000, 9_000_000_000), PulseKind.KindKey, CyclePhase.Open, [teamId],
            scheduledUtc ?? now, now.AddHours(2), null, Settings(pack));
        await PhaseAsync(run);
        await using var scope = Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<PulsesDbContext>().Pulses.Where(p => p.RunId == run.RunId && p.TeamId == teamId).Select(p => p.Id).SingleAsync();
        return (run, id);
    }

    public Task CloseAsync(CycleRunContext run) => PhaseAsync(run with { Phase = CyclePhase.Close });

    /// <summary>Answers every statement of the pulse with <paramref name="value"/> (or per key) over the API.</summary>
    public async Task<HttpResponseMessage> AnswerAsync(ApiUser user, long pulseId, Func<string, int> value)
    {
        var detail = await (await People.GetAsync(user, $"/api/v1/pulses/{pulseId}")).JsonAsync(HttpStatusCode.OK);
        var answers = new JsonObject();
        foreach (var d in detail["dimensions"]!.AsArray())
            foreach (var s in d!["statements"]!.AsArray()) answers[s!["key"]!.GetValue<string>()] = value(s["key"]!.GetValue<string>());
        return await People.SendAsync(user, HttpMethod.Put, $"/api/v1/pulses/{pulseId}/answers", new JsonObject { ["answers"] = answers });
    }

    /// <summary>Answers every statement through the writer service, as a signed-in member (for the browser portal, which has no test client).</summary>
    public async Task AnswerDirectAsync(ApiUser user, long pulseId, Func<string, int> value)
    {
        await using var scope = Services.CreateAsyncScope();
        var book = scope.ServiceProvider.GetRequiredService<SalesAcademy.Pulses.Services.PulseBook>();
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id)], "test"));
        var view = (await book.VisibleAsync(principal, pulseId))!;
        var (outcome, errors) = await book.AnswerAsync(principal, pulseId, view.Part!.Statements.ToDictionary(s => s.Key, s => (int?)value(s.Key)));
        Assert.True(outcome is SalesAcademy.Pulses.Services.AnswerOutcome.Saved or SalesAcademy.Pulses.Services.AnswerOutcome.Replaced, $"{outcome}: {string.Join("; ", errors)}");
    }

    /// <summary>Every value of every row of the pulse tables about one pulse, as text (what a database reader would see).</summary>
    public async Task<List<(string Table, string Column, string? Value)>> RowsAsync(long pulseId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PulsesDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var cells = new List<(string, string, string?)>();
        foreach (var (table, key) in new[] { ("Pulses", "Id"), ("PulseAnswers", "PulseId"), ("PulseParticipation", "PulseId") })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{key}\" = {pulseId}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var c = 0; c < reader.FieldCount; c++)
                    cells.Add((table, reader.GetName(c), reader.IsDBNull(c) ? null
                        : reader.GetValue(c) is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture)));
        }
        await connection.CloseAsync();
        return cells;
    }
}
