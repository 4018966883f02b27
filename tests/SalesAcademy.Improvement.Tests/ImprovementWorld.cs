using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Improvement.Data;
using SalesAcademy.Improvement.Models;
using SalesAcademy.Improvement.Queue;
using SalesAcademy.Notifications.Data;
using SalesAcademy.Playbooks.Models;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Improvement.Tests;

/// <summary>People with tokens, a team, a playbook of the test's own owned by someone, and the queue's refresh, items and notifications.</summary>
public sealed class ImprovementWorld(PortalFactory factory)
{
    public ApiPeople People { get; } = new(factory);
    public PortalFactory Factory => factory;

    public sealed record Team(string Id, ApiUser Lead, ApiUser[] Members);
    public sealed record Playbook(string Id, string Slug, string Title);
    public sealed record Told(string Recipient, string Template, List<string> Args, string? Url);

    public async Task<Team> TeamAsync(int members = 2)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<TeamRoster>();
        var (team, error) = await roster.CreateAsync("Improvement team " + Guid.NewGuid().ToString("N")[..8], null, "test");
        Assert.Null(error);
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, TeamRoles.Lead));
        var list = new List<ApiUser>();
        for (var i = 0; i < members; i++)
        {
            var member = await People.NewAsync(PortalRoles.Rep);
            Assert.Null(await roster.AddMemberAsync(team.Id, member.Email, "AccountManager"));
            list.Add(member);
        }
        return new Team(team.Id, lead, [.. list]);
    }

    /// <summary>A published playbook owned by <paramref name="owner"/> with the stages <c>discover</c> and <c>design</c>.</summary>
    public async Task<Playbook> PlaybookAsync(string owner)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var slug = "test-playbook-" + marker;
        var title = "Test playbook " + marker;
        await using var scope = factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = manager.New("Playbook");
        item.Apply(new TitlePart { Title = title }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "How we sell together." })
            .Apply(new OwnershipPart { Owner = owner }).Apply(new PlaybookPart
            {
                Stages =
                [
                    new PlaybookStage { Key = "discover", Name = "Discover", Raci = [new RaciEntry { Role = "AccountManager", Raci = "A" }] },
                    new PlaybookStage { Key = "design", Name = "Design", Raci = [new RaciEntry { Role = "SolutionManager", Raci = "A" }] },
                ],
            });
        item.Owner = owner;
        item = await manager.CreateAsync(item, owner, publish: true);
        var published = scope.ServiceProvider.GetRequiredService<PublishedContent>();
        var id = item.ContentItemId;
        await Eventually.TrueAsync(async () => await published.ByIdAsync(id) is not null, "the test playbook is published");
        return new Playbook(id, slug, title);
    }

    /// <summary>Publishes a new version of the item as <paramref name="user"/> and waits until readers see it; returns its version id.</summary>
    public async Task<string> PublishNewVersionAsync(string contentItemId, string user, string body)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var latest = (await manager.GetAsync(contentItemId, VersionOptions.Latest))!;
        var edited = latest.CloneForEdit().Apply(new MarkdownBodyPart { Markdown = body });
        var saved = await manager.SaveAndPublishAsync(edited, latest.ContentItemVersionId, user);
        var published = scope.ServiceProvider.GetRequiredService<PublishedContent>();
        await Eventually.TrueAsync(async () => (await published.ByIdAsync(contentItemId))?.ContentItemVersionId == saved.ContentItemVersionId,
            "the new version is published");
        return saved.ContentItemVersionId;
    }

    public async Task<RefreshResult> RefreshAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ImprovementQueue>().RefreshAsync();
    }

    public async Task<List<ImprovementItem>> ItemsAsync(Func<ImprovementItem, bool>? where = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var items = await scope.ServiceProvider.GetRequiredService<ImprovementDbContext>().Items.AsNoTracking().OrderBy(i => i.Id).ToListAsync();
        return where is null ? items : items.Where(where).ToList();
    }

    public async Task<ImprovementItem> ItemAsync(string key) => Assert.Single(await ItemsAsync(i => i.Key == key));

    public async Task<List<Told>> ToldAsync(string template)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Template == template).OrderBy(n => n.Id).ToListAsync();
        return rows.Select(n => new Told(n.Recipient, n.Template, JsonSerializer.Deserialize<List<string>>(n.Arguments)!, n.Url)).ToList();
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>The item's JSON as <paramref name="user"/> reads it through the API (the item must be visible).</summary>
    public async Task<JsonNode> ApiItemAsync(ApiUser user, long id) =>
        await (await People.GetAsync(user, $"/api/v1/improvement/{id}")).JsonAsync(HttpStatusCode.OK);

    public static ClaimsPrincipal Principal(ApiUser user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email), new Claim(ClaimTypes.Role, user.Role)], "test"));
}
