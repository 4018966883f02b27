using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Accounts.Tests;

/// <summary>Links in e-mail come from Portal:PublicUrl, never from the Host header; /health tells strangers only the status.</summary>
public sealed class PublicUrlAndHealthTests
{
    private static async Task<HttpResponseMessage> ForgotPasswordAsync(Browser browser, string host)
    {
        var token = await browser.AntiforgeryTokenAsync("/account/forgot-password");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/forgot-password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = TestUsers.AdminEmail, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Host = host;
        return await browser.SendAsync(request);
    }

    private static string MailedLink(TestDatabase database)
    {
        var mail = Assert.Single(Directory.GetFiles(Path.Combine(database.DataDirectory, "mail-pickup"), "*.eml"));
        return Regex.Match(File.ReadAllText(mail), @"https?://\S+/account/reset-password\?\S+").Value;
    }

    [Fact]
    public async Task A_forged_Host_header_never_reaches_the_reset_link()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false);
        using var browser = new Browser(factory);

        var response = await ForgotPasswordAsync(browser, "attacker.example");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = MailedLink(database);
        Assert.StartsWith("http://127.0.0.1:5080/account/reset-password?", link); // the address the portal listens on
        Assert.DoesNotContain("attacker.example", link);
    }

    [Fact]
    public async Task With_a_public_address_links_use_it_and_other_hosts_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false,
            overrides: new Dictionary<string, string?> { ["Portal:PublicUrl"] = "https://academy.example.com/" });
        using var browser = new Browser(factory);

        Assert.Equal(HttpStatusCode.BadRequest, (await ForgotPasswordAsync(browser, "attacker.example")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(database.DataDirectory, "mail-pickup")));

        Assert.Equal(HttpStatusCode.OK, (await ForgotPasswordAsync(browser, "academy.example.com")).StatusCode);
        Assert.StartsWith("https://academy.example.com/account/reset-password?", MailedLink(database));
    }

    [Fact]
    public async Task Mail_that_leaves_the_machine_needs_a_public_address_to_start()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false,
            overrides: new Dictionary<string, string?> { ["Mail:Host"] = "smtp.example.com" });
        var error = Assert.ThrowsAny<Exception>(() => factory.StartServer());
        Assert.Contains("Portal:PublicUrl", error.ToString());
    }

    [Fact]
    public async Task Health_tells_strangers_only_the_status_and_administrators_or_monitors_the_details()
    {
        const string monitorToken = "monitor-0123456789abcdefghijklmnopqrstuv";
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PortalFactory(database, importContent: false,
            overrides: new Dictionary<string, string?> { ["Health:DetailsToken"] = monitorToken });

        using var anonymous = factory.CreateClient();
        var brief = JsonNode.Parse(await anonymous.GetStringAsync("/health"))!.AsObject();
        Assert.Equal(["status", "node", "checks"], brief.Select(p => p.Key)); // which node answered is public (scale-out), its details are not
        Assert.Equal("Healthy", (string?)brief["status"]);
        foreach (var (name, check) in brief["checks"]!.AsObject())
            Assert.True(check!.AsObject().Select(p => p.Key).SequenceEqual(["status"]), $"{name} shows {check.ToJsonString()}");

        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "X-Health-Token", monitorToken + "x" } } };
        Assert.Null(JsonNode.Parse(await (await anonymous.SendAsync(wrongToken)).Content.ReadAsStringAsync())!["checks"]!["database"]!["description"]);

        using var monitor = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "X-Health-Token", monitorToken } } };
        Assert.Equal("connected", (string?)JsonNode.Parse(await (await anonymous.SendAsync(monitor)).Content.ReadAsStringAsync())!["checks"]!["database"]!["description"]);

        using var admin = new Browser(factory);
        await admin.SignInAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        var full = JsonNode.Parse(await (await admin.GetAsync("/health")).Content.ReadAsStringAsync())!;
        Assert.Equal("connected", (string?)full["checks"]!["database"]!["description"]);
        Assert.Equal("Sqlite", (string?)full["checks"]!["database"]!["data"]!["provider"]);
    }
}
