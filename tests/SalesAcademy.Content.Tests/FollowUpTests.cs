using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>
/// Follow-ups other modules keep about content (retro actions, later insights), through the Core contract: the studio
/// page's panel for those who may edit the item, the owner's home panel for the items they own; user text encoded.
/// </summary>
public abstract class FollowUpTests(FollowUpPortal portal)
{
    private PortalFactory Factory => portal.Factory;
    private static long _order;
    private TestFollowUpSource Source => Factory.Services.GetRequiredService<TestFollowUpSource>();

    private static async Task<IHtmlDocument> PageAsync(Browser browser, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A published case owned by <paramref name="owner"/> (a user name); returns its id.</summary>
    private async Task<string> CaseOwnedByAsync(string owner, string title)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = TestContent.NewId("fu");
        var item = TestContent.NewCase(manager, id, title: title).Apply(new OwnershipPart { Owner = owner, VerifyEveryDays = 30 });
        await manager.CreateAsync(item, "tests", publish: true);
        return id;
    }

    private ContentFollowUp Add(string itemId, string title, string? url = "/retros/1#action-1", string? anchor = null, DateTime? due = null)
    {
        var followUp = new ContentFollowUp("Test follow-up", title, url, itemId, anchor, due, DateTime.UtcNow.AddTicks(Interlocked.Increment(ref _order)));
        Source.Items.Enqueue(followUp);
        return followUp;
    }

    [Fact]
    public async Task The_studio_page_lists_an_items_open_follow_ups_to_its_editors_encoded_and_hides_them_from_a_rep()
    {
        var owner = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        var id = await CaseOwnedByAsync(owner, "Follow-up case");
        var quiet = await CaseOwnedByAsync(owner, "Quiet case");
        Add(id, "<b>Rewrite</b> the qualification stage", anchor: "stage-<2>", due: new DateTime(2026, 12, 24, 0, 0, 0, DateTimeKind.Utc));
        Add(id, "Never a javascript link", url: "javascript:alert(1)");
        Add(id, "Nor another site", url: "//evil.example/x");

        using var editor = await TestUsers.SignedInAsync(Factory, owner);
        var page = await PageAsync(editor, $"/studio/edit/{id}");
        var panel = page.QuerySelector(".sa-follow-ups");
        Assert.NotNull(panel);
        Assert.Contains("Open follow-ups", panel!.QuerySelector("h2")!.TextContent);
        var titles = panel.QuerySelectorAll(".sa-follow-up-title").Select(t => t.TextContent).ToList();
        Assert.Equal(["<b>Rewrite</b> the qualification stage", "Never a javascript link", "Nor another site"], titles); // the dated one first
        Assert.Null(panel.QuerySelector("b")); // text, not markup
        Assert.Equal("/retros/1#action-1", panel.QuerySelector("a.sa-follow-up-title")!.GetAttribute("href"));
        Assert.Single(panel.QuerySelectorAll("a.sa-follow-up-title")); // the other two are not links
        Assert.Contains("stage-<2>", panel.QuerySelector(".sa-follow-up-anchor")!.TextContent);
        Assert.Contains("2026-12-24", panel.QuerySelector(".sa-follow-up-due")!.TextContent);
        Assert.Null((await PageAsync(editor, $"/studio/edit/{quiet}")).QuerySelector(".sa-follow-ups"));

        // In Chinese: the panel's own words are translated.
        using var zh = await TestUsers.SignedInAsync(Factory, owner, language: "zh-CN");
        Assert.Contains("待处理的跟进事项", (await PageAsync(zh, $"/studio/edit/{id}")).QuerySelector(".sa-follow-ups h2")!.TextContent);

        // A rep may not edit the case: 404, and nothing of the follow-ups.
        using var rep = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        var refused = await rep.GetAsync($"/studio/edit/{id}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("qualification stage", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_home_page_shows_each_owner_only_the_follow_ups_of_their_own_items()
    {
        var alice = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        var bob = await TestUsers.CreateAsync(Factory, PortalRoles.Rep); // a rep owns the case they contributed
        var alicesCase = await CaseOwnedByAsync(alice.ToUpperInvariant(), "Alice's <case>"); // user names compare case-insensitively
        var bobsCase = await CaseOwnedByAsync(bob, "Bob's case");
        Add(alicesCase, "Alice: add the <i>delivery</i> handover");
        Add(bobsCase, "Bob: name the customer's sponsor");

        using var aliceBrowser = await TestUsers.SignedInAsync(Factory, alice);
        var home = await PageAsync(aliceBrowser, "/");
        var widget = home.QuerySelector(".sa-owned-follow-ups");
        Assert.NotNull(widget);
        Assert.Contains("Changes asked of your content", widget!.QuerySelector("h2")!.TextContent);
        Assert.Equal("Alice's <case>", widget.QuerySelector($"h3[data-item='{alicesCase}'] a")!.TextContent);
        Assert.Equal($"/studio/edit/{alicesCase}", widget.QuerySelector($"h3[data-item='{alicesCase}'] a")!.GetAttribute("href"));
        Assert.Contains("Alice: add the <i>delivery</i> handover", widget.TextContent);
        Assert.Null(widget.QuerySelector("i"));
        Assert.DoesNotContain("Bob: name", widget.TextContent);

        using var bobBrowser = await TestUsers.SignedInAsync(Factory, bob);
        var bobs = (await PageAsync(bobBrowser, "/")).QuerySelector(".sa-owned-follow-ups");
        Assert.NotNull(bobs);
        Assert.Contains("Bob: name the customer's sponsor", bobs!.TextContent);
        Assert.DoesNotContain("Alice:", bobs.TextContent);

        // Someone who owns nothing with a follow-up sees no panel; nor does an anonymous reader.
        using var other = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        Assert.Null((await PageAsync(other, "/")).QuerySelector(".sa-owned-follow-ups"));
        using var anonymous = new Browser(Factory);
        Assert.Null((await PageAsync(anonymous, "/")).QuerySelector(".sa-owned-follow-ups"));
    }

    [Fact]
    public async Task The_training_teams_items_are_every_trainers_and_no_reps()
    {
        var seed = TestContent.NewId("team");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            await manager.CreateAsync(TestContent.NewCase(manager, seed, title: "Team-owned case")
                .Apply(new OwnershipPart { Owner = ContentOwners.TrainingTeam, VerifyEveryDays = 30 }), "tests", publish: true);
        }
        Add(seed, "Update the team-owned case");
        using var trainer = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Trainer));
        Assert.Contains("Update the team-owned case", (await PageAsync(trainer, "/")).QuerySelector(".sa-owned-follow-ups")?.TextContent);
        using var rep = await TestUsers.SignedInAsync(Factory, await TestUsers.CreateAsync(Factory, PortalRoles.Rep));
        Assert.DoesNotContain("Update the team-owned case", (await PageAsync(rep, "/")).Body!.TextContent);
    }

    [Fact]
    public async Task Follow_ups_of_every_source_are_merged_soonest_due_first_and_only_for_the_items_asked()
    {
        var id = TestContent.NewId("m");
        Add(id, "later", due: new DateTime(2030, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        Add(id, "undated");
        Add(id, "sooner", due: new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Add(TestContent.NewId("other"), "someone else's");
        await using var scope = Factory.Services.CreateAsyncScope();
        var merged = await scope.ServiceProvider.GetRequiredService<IContentFollowUps>().OpenAsync([id]);
        Assert.Equal(["sooner", "later", "undated", "from the second source"], merged.Select(f => f.Title));
    }
}

/// <summary>A test-only producer of follow-ups (what the Retros module is in the portal): whatever a test adds.</summary>
public sealed class TestFollowUpSource : IContentFollowUpSource
{
    public ConcurrentQueue<ContentFollowUp> Items { get; } = new();

    // Returns every item, asked or not: the merge must keep only the ones asked for.
    public Task<IReadOnlyList<ContentFollowUp>> OpenAsync(IReadOnlyCollection<string>? contentItemIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ContentFollowUp>>(Items.ToList());
}

/// <summary>A second producer: one undated follow-up for every item asked about whose id starts with "m-" (none for "all").</summary>
public sealed class SecondFollowUpSource : IContentFollowUpSource
{
    public Task<IReadOnlyList<ContentFollowUp>> OpenAsync(IReadOnlyCollection<string>? contentItemIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ContentFollowUp>>((contentItemIds ?? []).Where(id => id.StartsWith("m-", StringComparison.Ordinal))
            .Select(id => new ContentFollowUp("Test follow-up", "from the second source", null, id, null, null, DateTime.UtcNow.AddYears(1))).ToList());
}

/// <summary>The portal with the two test sources registered as a module would register its own.</summary>
public abstract class FollowUpPortal(DatabaseProvider provider) : PortalFixture(provider)
{
    protected override PortalFactory CreateFactory(TestDatabase database) => new WithSources(database);

    private sealed class WithSources(TestDatabase database) : PortalFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services
                .AddSingleton<TestFollowUpSource>()
                .AddScoped<IContentFollowUpSource>(sp => sp.GetRequiredService<TestFollowUpSource>())
                .AddScoped<IContentFollowUpSource, SecondFollowUpSource>());
        }
    }
}

public sealed class SqliteFollowUpPortal() : FollowUpPortal(DatabaseProvider.Sqlite);

public sealed class PostgresFollowUpPortal() : FollowUpPortal(DatabaseProvider.Postgres);

public sealed class FollowUpTests_Sqlite(SqliteFollowUpPortal portal) : FollowUpTests(portal), IClassFixture<SqliteFollowUpPortal>;

public sealed class FollowUpTests_Postgres(PostgresFollowUpPortal portal) : FollowUpTests(portal), IClassFixture<PostgresFollowUpPortal>;
