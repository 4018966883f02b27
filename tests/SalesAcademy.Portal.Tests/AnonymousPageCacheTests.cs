using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Library pages for anonymous readers are stored whole (issue 13 §2: what does not change per reader is cached, with
/// invalidation on write). A stored page answers with an <c>Age</c> header; a signed-in reader's page never does.
/// Comments' invalidation is tested with the comments; anonymous reading turned off is tested with the site settings.
/// </summary>
public sealed class AnonymousPageCacheTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task An_anonymous_page_is_stored_per_language_and_a_new_version_shows_at_once()
    {
        var (id, url) = await NewCaseAsync("Stored case, first title");
        using var english = new Browser(portal.Factory, "en");
        using var chinese = new Browser(portal.Factory, "zh-CN");

        var first = await english.GetAsync(url);
        Assert.Null(first.Headers.Age); // rendered
        Assert.Contains("Stored case, first title", await first.Content.ReadAsStringAsync());
        var stored = await english.GetAsync(url);
        Assert.NotNull(stored.Headers.Age); // served whole
        Assert.Contains("<html lang=\"en\">", await stored.Content.ReadAsStringAsync());

        // The other language is another page: never the English one served to a Chinese reader.
        var zh = await chinese.GetAsync(url);
        Assert.Null(zh.Headers.Age);
        Assert.Contains("<html lang=\"zh-CN\">", await zh.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"zh-CN\">", await (await chinese.GetAsync(url)).Content.ReadAsStringAsync());

        // A published change moves the library's version, which is part of the key: shown on the next view.
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var v1 = (await manager.GetAsync(id))!;
            await manager.SaveAndPublishAsync(v1.CloneForEdit().Apply(new TitlePart { Title = "Stored case, second title", Summary = "Changed." }),
                v1.ContentItemVersionId, "tests");
        }
        var after = await english.GetAsync(url);
        Assert.Null(after.Headers.Age);
        var html = await after.Content.ReadAsStringAsync();
        Assert.Contains("Stored case, second title", html);
        Assert.DoesNotContain("Stored case, first title", html);
    }

    [Fact]
    public async Task A_signed_in_readers_page_is_never_stored_nor_served_from_the_store()
    {
        var (_, url) = await NewCaseAsync("Per-reader case");
        using var anonymous = new Browser(portal.Factory);
        await anonymous.GetAsync(url);
        Assert.NotNull((await anonymous.GetAsync(url)).Headers.Age);

        using var rep = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep, "Rhea Rep"));
        for (var i = 0; i < 2; i++)
        {
            var page = await rep.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Null(page.Headers.Age);
            Assert.Contains("Rhea Rep", await page.Content.ReadAsStringAsync()); // the reader's own header, not the anonymous one
        }
    }

    [Fact]
    public async Task A_missing_item_is_not_stored()
    {
        using var anonymous = new Browser(portal.Factory);
        for (var i = 0; i < 2; i++)
        {
            var missing = await anonymous.GetAsync("/cases/no-such-case");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Null(missing.Headers.Age);
        }
    }

    private async Task<(string Id, string Url)> NewCaseAsync(string title)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = manager.New("CaseStudy", "case-stored-" + suffix);
        item.Culture = "en";
        item.Apply(new TitlePart { Title = title, Summary = "A case for the page store." });
        item.Apply(new RoutePart { Slug = "stored-" + suffix });
        item.Apply(new MarkdownBodyPart { Markdown = "## Story\n\nStored." });
        item.Apply(new OwnershipPart { Owner = "content-team" });
        item.Apply(new CaseStudyPart { Company = "Store Co", Industry = "ict", DealSize = "large", Outcome = "won", Roles = ["AccountManager"] });
        var created = await manager.CreateAsync(item, "tests", publish: true);
        return (created.ContentItemId, "/cases/stored-" + suffix);
    }
}
