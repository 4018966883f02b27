using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Audit.Data;
using SalesAcademy.Audit.Models;
using SalesAcademy.Audit.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Testing;

namespace SalesAcademy.Audit.Tests;

/// <summary>What the portal records (sign-ins, role changes) and what /admin/audit shows, filters and exports.</summary>
public abstract class AuditLogTests(AuditPortal portal)
{
    private const string Password = "Solution manager at the table 7";

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    private Task<PortalUser> NewUserAsync(string role = PortalRoles.Rep) => TestUsers.NewAsync(portal.Factory, role, "Test rep", Password);

    private async Task<List<AuditEntry>> EntriesAsync(Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> where)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await where(scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking()).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Entries written straight to the table, so tests control the time.</summary>
    private async Task SeedAsync(params AuditEntry[] entries)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync();
    }

    private async Task<Browser> AdminAsync()
    {
        var browser = new Browser(portal.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).StatusCode);
        return browser;
    }

    /// <summary>The table rows of /admin/audit as (actor, action, target, details, ip).</summary>
    private static async Task<List<string[]>> RowsAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return document.QuerySelectorAll("main table tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent.Trim()).ToArray()).ToList();
    }

    [Fact]
    public async Task A_failed_and_a_successful_sign_in_through_the_form_are_recorded_with_actor_action_and_address()
    {
        var user = await NewUserAsync();
        using var browser = new Browser(portal.Factory);
        await browser.SignInAsync(user.Email!, "not the password at all");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.Email!, Password)).StatusCode);

        var entries = await EntriesAsync(q => q.Where(e => e.Target == user.Email));
        // The sign-in opens a server-side session, recorded as it starts.
        Assert.Equal(["account.signin.failed", "account.session.started", "account.signin"], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal(user.Email, e.Actor);
            Assert.Equal(AuditPortal.RemoteAddress, e.IpAddress);
            Assert.True(e.AtUtc > DateTime.UtcNow.AddMinutes(-5) && e.AtUtc <= DateTime.UtcNow.AddSeconds(5));
        });
    }

    [Fact]
    public async Task A_failed_sign_in_with_no_users_address_records_a_marker_not_what_was_typed()
    {
        var before = (await EntriesAsync(q => q)).Select(e => e.Id).DefaultIfEmpty(0).Max();
        var typed = Unique("MyPassw0rd!"); // people type passwords into the e-mail field
        using (var browser = new Browser(portal.Factory)) await browser.SignInAsync(typed, "not the password at all");

        var entries = await EntriesAsync(q => q.Where(e => e.Id > before));
        var failed = Assert.Single(entries, e => e.Action == "account.signin.failed");
        Assert.Equal(SalesAcademy.Accounts.Pages.Account.LoginModel.UnknownUser, failed.Actor);
        Assert.Equal(SalesAcademy.Accounts.Pages.Account.LoginModel.UnknownUser, failed.Target);
        Assert.All(entries, e => Assert.DoesNotContain(typed, $"{e.Actor} {e.Target} {e.Details}"));
    }

    [Fact]
    public async Task A_role_change_on_the_users_page_is_recorded_with_the_administrator_as_actor()
    {
        var user = await NewUserAsync(PortalRoles.Rep);
        using var admin = await AdminAsync();
        var response = await admin.SubmitAsync($"/admin/users?id={user.Id}", new Dictionary<string, string> { ["role"] = PortalRoles.Trainer }, "Role");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.Target == user.Email && e.Action == "user.role.changed")));
        Assert.Equal(TestUsers.AdminEmail, entry.Actor);
        Assert.Equal("Rep -> Trainer", entry.Details);
        Assert.Equal(AuditPortal.RemoteAddress, entry.IpAddress);
    }

    [Fact]
    public async Task Unpublishing_deleting_and_verifying_content_are_recorded_with_who_did_it()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SalesAcademy.Content.Import.ContentImporter>().ImportAsync(TestPaths.SeedContent);
        var manager = scope.ServiceProvider.GetRequiredService<SalesAcademy.Content.Services.ContentManager>();
        var drill = (await manager.GetAsync("drill-aligning-conflicting-goals"))!;
        await manager.MarkVerifiedAsync(drill.ContentItemId, "trainer@example.com");
        await manager.UnpublishAsync(drill.ContentItemId, "trainer@example.com");
        await manager.PublishAsync(drill.ContentItemId, null, "trainer@example.com");
        await manager.DeleteAsync(drill.ContentItemId, "trainer@example.com");

        var entries = await EntriesAsync(q => q.Where(e => e.Target == drill.ContentItemId).OrderBy(e => e.Id));
        // The import published it first (the importer's own entry), then the trainer's four actions.
        Assert.Equal(["content.publish", "content.verified", "content.unpublish", "content.publish", "content.delete"], entries.Select(e => e.Action));
        Assert.NotEqual("trainer@example.com", entries[0].Actor);
        Assert.All(entries.Skip(1), e => Assert.Equal("trainer@example.com", e.Actor));
    }

    [Fact]
    public async Task The_administrator_sees_recorded_sign_ins_newest_first()
    {
        var user = await NewUserAsync();
        using (var browser = new Browser(portal.Factory))
        {
            await browser.SignInAsync(user.Email!, "wrong password");
            await browser.SignInAsync(user.Email!, Password);
        }
        using var admin = await AdminAsync();
        var rows = await RowsAsync(admin, $"/admin/audit?actor={Uri.EscapeDataString(user.Email!)}");
        Assert.Equal(["account.signin", "account.session.started", "account.signin.failed"], rows.Select(r => r[1]));
        Assert.All(rows, r => Assert.Equal([user.Email!, user.Email!, AuditPortal.RemoteAddress], [r[0], r[2], r[4]]));
    }

    [Fact]
    public async Task Filters_narrow_by_action_prefix_or_exact_action_actor_target_and_date_range()
    {
        var actor = Unique("filter-");
        var other = Unique("other-");
        await SeedAsync(
            new AuditEntry { AtUtc = new DateTime(2024, 3, 1, 23, 59, 0, DateTimeKind.Utc), Actor = actor, Action = "zz.alpha", Target = "deal-1" },
            new AuditEntry { AtUtc = new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc), Actor = actor, Action = "zz.alpha.one", Target = "deal-2" },
            new AuditEntry { AtUtc = new DateTime(2024, 3, 10, 12, 0, 0, DateTimeKind.Utc), Actor = actor, Action = "zz.alphabet", Target = "deal-1" },
            new AuditEntry { AtUtc = new DateTime(2024, 3, 20, 12, 0, 0, DateTimeKind.Utc), Actor = actor, Action = "zz.beta", Target = "deal-3" },
            new AuditEntry { AtUtc = new DateTime(2024, 3, 20, 12, 0, 0, DateTimeKind.Utc), Actor = other, Action = "zz.beta", Target = "deal-3" });
        using var admin = await AdminAsync();
        async Task<string[]> Actions(string query) => (await RowsAsync(admin, $"/admin/audit?actor={actor}&{query}")).Select(r => r[1]).ToArray();

        Assert.Equal(["zz.beta", "zz.alphabet", "zz.alpha.one", "zz.alpha"], await Actions(""));
        Assert.Equal(["zz.beta", "zz.alphabet", "zz.alpha.one", "zz.alpha"], await Actions("action=zz."));
        Assert.Equal(["zz.alpha.one", "zz.alpha"], await Actions("action=zz.alpha"));
        Assert.Equal(["zz.alpha.one"], await Actions("action=zz.alpha.one"));
        Assert.Equal(["zz.alphabet", "zz.alpha"], await Actions("target=deal-1"));
        Assert.Equal(["zz.beta", "zz.alphabet", "zz.alpha.one"], await Actions("from=2024-03-02"));
        Assert.Equal(["zz.alpha.one", "zz.alpha"], await Actions("to=2024-03-02"));
        Assert.Equal(["zz.alphabet"], await Actions("from=2024-03-05&to=2024-03-10"));
        Assert.Single(await RowsAsync(admin, $"/admin/audit?actor={other}"));
        // The form keeps the filter.
        var html = await (await admin.GetAsync($"/admin/audit?actor={actor}&from=2024-03-02")).Content.ReadAsStringAsync();
        Assert.Contains("value=\"2024-03-02\"", html);
        Assert.Contains("4 entries", await (await admin.GetAsync($"/admin/audit?actor={actor}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_log_is_paged_fifty_entries_at_a_time()
    {
        var actor = Unique("paged-");
        var start = new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        await SeedAsync(Enumerable.Range(0, 60).Select(i => new AuditEntry { AtUtc = start.AddMinutes(i), Actor = actor, Action = "zz.paged", Target = $"n{i}" }).ToArray());
        using var admin = await AdminAsync();
        var first = await RowsAsync(admin, $"/admin/audit?actor={actor}");
        var second = await RowsAsync(admin, $"/admin/audit?actor={actor}&p=2");
        Assert.Equal(50, first.Count);
        Assert.Equal("n59", first[0][2]);
        Assert.Equal(10, second.Count);
        Assert.Equal("n0", second[^1][2]);
        Assert.Contains($"p=2", await (await admin.GetAsync($"/admin/audit?actor={actor}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rep_gets_not_found_and_no_menu_link_while_the_administrator_gets_both()
    {
        var rep = await NewUserAsync(PortalRoles.Rep);
        using var browser = new Browser(portal.Factory);
        await browser.SignInAsync(rep.Email!, Password);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/admin/audit?format=csv")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/audit\"", await (await browser.GetAsync("/account/profile")).Content.ReadAsStringAsync());

        using var admin = await AdminAsync();
        Assert.Contains("href=\"/admin/audit\"", await (await admin.GetAsync("/account/profile")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        using var browser = new Browser(portal.Factory);
        var response = await browser.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fadmin%2Faudit", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task The_csv_export_has_a_header_and_escapes_commas_quotes_and_formulas()
    {
        var actor = Unique("csv-");
        await SeedAsync(
            new AuditEntry { AtUtc = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), Actor = actor, Action = "zz.csv", Target = "Acme, Inc.", Details = "He said \"yes\", then left", IpAddress = "198.51.100.1" },
            new AuditEntry { AtUtc = new DateTime(2025, 1, 3, 0, 0, 0, DateTimeKind.Utc), Actor = actor, Action = "zz.csv.formula", Target = "=HYPERLINK(\"x\")", Details = "plain" },
            new AuditEntry { AtUtc = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Actor = actor, Action = "zz.csv.old" });
        using var admin = await AdminAsync();
        var response = await admin.GetAsync($"/admin/audit?actor={actor}&from=2025-01-01&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("AtUtc,Actor,Action,Target,Details,IpAddress", lines[0]);
        Assert.Equal(3, lines.Length); // the filter applies: the 2020 entry is left out, and the export is not paged
        Assert.Equal($"2025-01-03T00:00:00Z,{actor},zz.csv.formula,\"'=HYPERLINK(\"\"x\"\")\",plain,", lines[1]);
        Assert.Equal($"2025-01-02T03:04:05Z,{actor},zz.csv,\"Acme, Inc.\",\"He said \"\"yes\"\", then left\",198.51.100.1", lines[2]);
    }

    [Fact]
    public async Task An_action_without_a_signed_in_user_is_recorded_as_anonymous()
    {
        var target = Unique("anon-");
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SalesAcademy.Core.Audit.IAuditLog>().RecordAsync("zz.background", target, "from a job");
        var entry = Assert.Single(await EntriesAsync(q => q.Where(e => e.Target == target)));
        Assert.Equal("anonymous", entry.Actor);
        Assert.Null(entry.IpAddress);
        Assert.Equal("from a job", entry.Details);
    }
}

public sealed class AuditLogTests_Sqlite(SqliteAuditPortal portal) : AuditLogTests(portal), IClassFixture<SqliteAuditPortal>;

public sealed class AuditLogTests_Postgres(PostgresAuditPortal portal) : AuditLogTests(portal), IClassFixture<PostgresAuditPortal>;
