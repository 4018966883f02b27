using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Search.Services;
using SalesAcademy.Testing;
using Xunit.Abstractions;
using static SalesAcademy.Search.Tests.SearchJson;

namespace SalesAcademy.Search.Tests;

/// <summary>
/// One writer per index folder, and self-healing: a missing, damaged or incomplete index is rebuilt in the
/// background while pages keep serving, and a process killed mid-indexing needs no repair (SQLite; the index
/// behaves the same on either database).
/// </summary>
public sealed class IndexLifecycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private PortalFactory NewPortal(int delayMs = 0) => new(_database, importContent: true, overrides: new Dictionary<string, string?>
    {
        ["Search:NodeName"] = "node-a",
        ["Search:IndexingDelayMilliseconds"] = delayMs.ToString(),
    });

    private static async Task<SearchIndexHost> ReadyAsync(PortalFactory portal)
    {
        var host = portal.Services.GetRequiredService<SearchIndexHost>();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (host.Status.State != "ready" || host.Index is null || host.Index.Cursor < await host.HeadAsync())
        {
            Assert.True(DateTime.UtcNow < until, $"index not ready: {host.Status.State} {host.Status.LastError}");
            await Task.Delay(50);
        }
        return host;
    }

    /// <summary>Complete and consistent: every published item exactly once, the cursor at the log's head, CheckIndex clean.</summary>
    private static async Task AssertCompleteAsync(PortalFactory portal)
    {
        var host = await ReadyAsync(portal);
        var published = await SearchableContent.AllAsync(portal.Services);
        var index = host.Index!;
        Assert.Equal(published.Count, index.DocumentCount);
        Assert.Equal(await host.HeadAsync(), index.Cursor);
        index.Read(searcher =>
        {
            foreach (var item in published)
                Assert.Equal(1, searcher.Search(new TermQuery(new Term("id", item.ContentItemId)), 2).TotalHits);
            return 0;
        });
        Assert.True(index.CheckClean(out var report), report);
        Assert.Contains("case-huawei-iron-triangle", (await portal.CreateClient().GetJsonAsync($"/api/v1/search?q={Q("铁三角")}")).HitIds());
    }

    [Fact]
    public async Task A_second_writer_on_the_same_folder_fails_with_a_clear_message()
    {
        await using var portal = NewPortal();
        var host = await ReadyAsync(portal);
        var ex = Assert.Throws<SearchIndexLockedException>(() => new SearchIndex(host.IndexPath, SearchFields.CreateAnalyzer()));
        Assert.Contains(host.IndexPath, ex.Message);
        Assert.Contains("write.lock", ex.Message);
        Assert.Contains("Search:NodeName", ex.Message);
        // The first writer is unharmed.
        Assert.Contains("case-huawei-iron-triangle", (await portal.CreateClient().GetJsonAsync($"/api/v1/search?q={Q("铁三角")}")).HitIds());
    }

    [Fact]
    public async Task A_damaged_index_is_rebuilt_at_start()
    {
        string path;
        await using (var first = NewPortal())
            path = (await ReadyAsync(first)).IndexPath;
        // Garbage over every segment file (a disk fault, a bad copy).
        foreach (var file in Directory.EnumerateFiles(path).Where(f => !f.EndsWith("write.lock")))
            await File.WriteAllBytesAsync(file, "not a lucene file"u8.ToArray());

        await using var second = NewPortal();
        var host = await ReadyAsync(second);
        Assert.StartsWith("damaged", host.Status.LastRebuildReason);
        await AssertCompleteAsync(second);
    }

    [Fact]
    public void A_rebuild_ends_with_one_segment_holding_every_document()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sa-rebuild-{Guid.NewGuid():N}");
        try
        {
            // A tiny indexing buffer: the two workers flush many small segments on the way.
            using var index = new SearchIndex(path, SearchFields.CreateAnalyzer(), ramBufferMb: 0.2);
            var texts = Enumerable.Range(0, 400).Select(i => $"第{i}个案例：铁三角 account manager {i} and the delivery plan, 交付经理 {i * 7}").ToList();
            var count = index.Rebuild(texts, text => new Models.SearchDocument
            {
                Id = $"d{texts.IndexOf(text)}", Type = "CaseStudy", Title = text[..8], Url = "/x", Culture = "zh-CN", DateUtc = DateTime.UnixEpoch, Text = text,
            }, cursor: 5, threads: 2);
            Assert.Equal(400, count);
            Assert.Equal(400, index.DocumentCount);
            Assert.Equal(5, index.Cursor);
            Assert.Equal(1, index.Read(searcher => searcher.IndexReader.Leaves.Count));
            Assert.True(index.CheckClean(out var report), report);
        }
        finally
        {
            Directory.Delete(path, true);
        }
    }

    [Fact]
    public async Task An_index_far_from_the_database_is_rebuilt_at_start_and_pages_say_so_meanwhile()
    {
        string path;
        await using (var first = NewPortal())
            path = (await ReadyAsync(first)).IndexPath;
        // Documents lost behind the cursor's back: the change log has nothing left to replay for them.
        using (var index = new SearchIndex(path, SearchFields.CreateAnalyzer()))
        {
            Assert.Null(index.OpenProblem);
            index.Apply([], ["case-huawei-iron-triangle", "drill-iron-triangle-role-play", "playbook-collaborative-sales-process"], index.Cursor);
        }

        // Slow indexing (1.5 s a document: about 16 s for the 11 items) keeps the rebuild running long enough to look at
        // the pages once it is seen to have started, even on a busy machine.
        await using var second = NewPortal(delayMs: 1500);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var host = second.Services.GetRequiredService<SearchIndexHost>();
        var started = DateTime.UtcNow.AddSeconds(60);
        // Started means counted: the rebuild says "rebuilding" before its count of the published items is read.
        while (host.Status.State != "rebuilding" || host.Status.RebuildTotal == 0)
        {
            Assert.True(DateTime.UtcNow < started, $"the rebuild never started: {host.Status.State} {host.Status.LastError}");
            await Task.Delay(20);
        }
        Assert.True(host.Status.RebuildDone < host.Status.RebuildTotal - 2, $"the rebuild is nearly done already: {host.Status.RebuildDone} of {host.Status.RebuildTotal}");
        var page = await client.GetStringAsync($"/search?q={Q("铁三角")}");
        Assert.Contains("The search index is being rebuilt", page);
        var health = await client.GetJsonAsync("/health");
        var searchHealth = health.GetProperty("checks").GetProperty("search");
        Assert.Equal("Healthy", searchHealth.GetProperty("status").GetString()); // the node serves meanwhile
        Assert.Contains(searchHealth.GetProperty("data").GetProperty("state").GetString(), new[] { "starting", "rebuilding" });

        await AssertCompleteAsync(second);
        Assert.Equal("it holds 8 documents but the database publishes 11 items", second.Services.GetRequiredService<SearchIndexHost>().Status.LastRebuildReason);
        Assert.DoesNotContain("being rebuilt", await client.GetStringAsync($"/search?q={Q("铁三角")}"));
    }

    [Fact]
    public async Task A_process_killed_while_indexing_leaves_nothing_to_repair()
    {
        // A child portal process on this database; its indexing is slowed to 1.5 s a document so it can be seen part-way
        // (at least 2 of 11 done, not all) by a poll every 20 ms, even on a busy machine, and killed there.
        var port = FreePort();
        var settings = PortalFactory.Settings(_database, importContent: true);
        settings["Search:NodeName"] = "node-a";
        settings["Search:IndexingDelayMilliseconds"] = "1500";
        settings["urls"] = $"http://127.0.0.1:{port}";
        var log = Path.Combine(_database.DataDirectory, "child.log");
        using var child = StartPortalProcess(settings, log);
        int done, total;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            http.DefaultRequestHeaders.Add("X-Health-Token", TestUsers.HealthToken); // the rebuild's progress is a detail
            var until = DateTime.UtcNow.AddSeconds(180); // the child starts, migrates and imports the seed content first: slow on a busy machine
            while (true)
            {
                Assert.False(child.HasExited, $"the child portal exited: {ReadLog(log)}");
                Assert.True(DateTime.UtcNow < until, $"the child never got part-way through indexing: {ReadLog(log)}");
                var rebuild = await RebuildProgressAsync(http);
                if (rebuild is { Done: >= 2 } p && p.Done < p.Total)
                {
                    (done, total) = p;
                    break;
                }
                await Task.Delay(20);
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
        output.WriteLine($"killed the child portal with {done} of {total} documents indexed (uncommitted)");
        Assert.InRange(done, 2, total - 1);

        // The next start (no manual step) ends with a complete, consistent index.
        await using var next = NewPortal();
        await AssertCompleteAsync(next);
    }

    private static async Task<(int Done, int Total)?> RebuildProgressAsync(HttpClient http)
    {
        try
        {
            using var health = JsonDocument.Parse(await http.GetStringAsync("/health"));
            var data = health.RootElement.GetProperty("checks").GetProperty("search").GetProperty("data");
            return data.TryGetProperty("rebuild", out var rebuild) ? (rebuild.GetProperty("done").GetInt32(), rebuild.GetProperty("total").GetInt32()) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or KeyNotFoundException)
        {
            return null; // still starting
        }
    }

    private static Process StartPortalProcess(Dictionary<string, string?> settings, string log)
    {
        var dll = PortalDll();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var process = Process.Start(start)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The portal as built for this test run (same configuration: Debug or Release).</summary>
    private static string PortalDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "SalesAcademy.Portal.dll");
        if (File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json"))) return here;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var built = Path.Combine(TestPaths.RepoRoot, "src", "Portal", "bin", configuration, "net10.0", "SalesAcademy.Portal.dll");
        Assert.True(File.Exists(built), $"{built} not found: build the solution first");
        return built;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReadLog(string path)
    {
        try { using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite); return new StreamReader(stream).ReadToEnd(); }
        catch (IOException) { return "(no log)"; }
    }
}
