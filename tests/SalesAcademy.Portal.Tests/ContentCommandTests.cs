using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// <c>content validate|import|export &lt;dir&gt;</c> run the way a user runs them, in-process: the host is
/// built as Program.cs builds it (one build per invocation, on the same throwaway database).
/// </summary>
public abstract class ContentCommandTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly List<string> _folders = [];

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        foreach (var folder in _folders)
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static int SeedCount => SeedContent.Items.Count;

    /// <summary>Runs one command like `dotnet run --project src/Portal -- content …` would.</summary>
    private async Task<(int Exit, string Output)> RunAsync(params string[] command) => await RunAsync(_database, command);

    private static async Task<(int Exit, string Output)> RunAsync(TestDatabase database, params string[] command)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = TestPaths.RepoRoot, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(PortalFactory.Settings(database, importContent: false));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPortal(PortalModules.All());
        await using var app = builder.Build();
        var output = new StringWriter();
        var exit = await app.RunCommandAsync(command, output);
        return (exit, output.ToString());
    }

    /// <summary>A folder named "content" in a fresh temp folder (so reports read "content/…").</summary>
    private string NewFolder(bool copySeed)
    {
        var parent = TestPaths.NewTempDirectory("sa-cli");
        _folders.Add(parent);
        var folder = Path.Combine(parent, "content");
        Directory.CreateDirectory(folder);
        if (copySeed)
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.SeedContent, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(TestPaths.SeedContent, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        return folder;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Validate_accepts_the_seed_folder()
    {
        var (exit, output) = await RunAsync("content", "validate", TestPaths.SeedContent);
        Assert.True(exit == 0, output);
        Assert.Contains($"{SeedCount} valid, 0 invalid files; {SeedContent.Terms.Count} taxonomy terms", Lines(output));
        Assert.DoesNotContain("error", output);
    }

    [Fact]
    public async Task Validate_reports_a_bad_file_by_path_line_and_field()
    {
        var folder = NewFolder(copySeed: true);
        // Line 9 holds the bad outcome; line 13 names a tag taxonomy.yaml does not list.
        await File.WriteAllTextAsync(Path.Combine(folder, "cases", "bad-case.md"), """
            ---
            type: CaseStudy
            id: case-bad
            slug: bad-case
            culture: en
            title: A case with mistakes
            company: Example
            industry: retail
            outcome: maybe
            dealSize: small
            roles: [Rep]
            tags:
              - no-such-tag
            ---
            Body.
            """.ReplaceLineEndings("\n"));

        var (exit, output) = await RunAsync("content", "validate", folder);

        Assert.True(exit == 1, output);
        Assert.Contains("content/cases/bad-case.md:9: field 'outcome': 'maybe' must be one of won, lost, ongoing", output);
        Assert.Contains("content/cases/bad-case.md:13: field 'tags[0]': unknown tag 'no-such-tag'", output);
        Assert.Contains($"{SeedCount} valid, 1 invalid files; {SeedContent.Terms.Count} taxonomy terms", Lines(output));
    }

    [Fact]
    public async Task Validate_reports_a_yaml_error_with_its_line()
    {
        var folder = NewFolder(copySeed: false);
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.md"), "---\ntype: Drill\nid: [unclosed\n---\nBody\n");
        var (exit, output) = await RunAsync("content", "validate", folder);
        Assert.True(exit == 1, output);
        Assert.Matches(@"content/broken\.md:\d+: YAML error", output);
    }

    [Fact]
    public async Task Import_creates_every_seed_item_then_finds_them_unchanged()
    {
        var (exit, output) = await RunAsync("content", "import", TestPaths.SeedContent);
        Assert.True(exit == 0, output);
        Assert.Contains($"{SeedCount} created, 0 updated, 0 unchanged, 0 conflicts, 0 invalid", Lines(output));
        Assert.Contains(Lines(output), l => l.StartsWith("created") && l.EndsWith("(case-huawei-iron-triangle)"));

        var (again, secondOutput) = await RunAsync("content", "import", TestPaths.SeedContent);
        Assert.True(again == 0, secondOutput);
        Assert.Contains($"0 created, 0 updated, {SeedCount} unchanged, 0 conflicts, 0 invalid", Lines(secondOutput));
    }

    [Fact]
    public async Task Import_of_a_changed_file_publishes_a_new_version()
    {
        var folder = NewFolder(copySeed: true);
        Assert.Equal(0, (await RunAsync("content", "import", folder)).Exit);

        var path = Path.Combine(folder, "cases", "huawei-iron-triangle.md");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("## 结果", "## 结果（更新）"));
        var (exit, output) = await RunAsync("content", "import", folder);

        Assert.True(exit == 0, output);
        Assert.Contains($"0 created, 1 updated, {SeedCount - 1} unchanged, 0 conflicts, 0 invalid", Lines(output));
    }

    [Fact]
    public async Task Import_skips_a_bad_file_and_imports_the_rest()
    {
        var folder = NewFolder(copySeed: true);
        await File.WriteAllTextAsync(Path.Combine(folder, "drills", "zz-bad.md"), "---\ntype: Drill\nid: drill-bad\nslug: bad-drill\nculture: en\ntitle: Bad\n---\n");
        var (exit, output) = await RunAsync("content", "import", folder);

        Assert.True(exit == 1, output);
        Assert.Contains($"{SeedCount} created, 0 updated, 0 unchanged, 0 conflicts, 1 invalid", Lines(output));
        Assert.Contains("content/drills/zz-bad.md:", output);
        Assert.Contains("field 'scenario': is required", output);
    }

    [Fact]
    public async Task Export_writes_every_published_item_in_the_content_format()
    {
        Assert.Equal(0, (await RunAsync("content", "import", TestPaths.SeedContent)).Exit);
        var folder = NewFolder(copySeed: false);

        var (exit, output) = await RunAsync("content", "export", folder);

        Assert.True(exit == 0, output);
        Assert.Contains($"exported {SeedCount} items to {folder}", output);
        var huawei = Path.Combine(folder, "cases", "huawei-iron-triangle.md");
        Assert.True(File.Exists(huawei), $"{huawei} was not written");
        var text = await File.ReadAllTextAsync(huawei);
        Assert.StartsWith("---\n", text);
        Assert.Contains("id: case-huawei-iron-triangle", text);
        Assert.True(File.Exists(Path.Combine(folder, "taxonomy.yaml")));
        Assert.Equal(
            SeedContent.Items.Select(i => i.RelativePath).Order(),
            Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order());

        // The export is itself a valid content folder.
        var (valid, validateOutput) = await RunAsync("content", "validate", folder);
        Assert.True(valid == 0, validateOutput);
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_reproduces_the_same_items()
    {
        Assert.Equal(0, (await RunAsync("content", "import", TestPaths.SeedContent)).Exit);
        var first = NewFolder(copySeed: false);
        Assert.Equal(0, (await RunAsync("content", "export", first)).Exit);

        await using var empty = await TestDatabase.CreateAsync(provider);
        var (imported, importOutput) = await RunAsync(empty, "content", "import", first);
        Assert.True(imported == 0, importOutput);
        Assert.Contains($"{SeedCount} created, 0 updated, 0 unchanged, 0 conflicts, 0 invalid", Lines(importOutput));

        var second = NewFolder(copySeed: false);
        Assert.Equal(0, (await RunAsync(empty, "content", "export", second)).Exit);
        foreach (var file in Directory.EnumerateFiles(first, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(first, file);
            Assert.Equal(await File.ReadAllTextAsync(file), await File.ReadAllTextAsync(Path.Combine(second, relative)));
        }
    }

    [Theory]
    [InlineData("content frobnicate somewhere")]
    [InlineData("content validate")]
    [InlineData("content validate a b")]
    [InlineData("content")]
    public async Task A_wrong_content_verb_prints_the_usage_and_exits_2(string commandLine)
    {
        var (exit, output) = await RunAsync(commandLine.Split(' '));
        Assert.Equal(2, exit);
        Assert.Contains("Usage:", output);
        Assert.Contains("content validate <dir>", output);
        Assert.Contains("content import <dir>", output);
        Assert.Contains("content export <dir>", output);
    }

    [Fact]
    public async Task An_unknown_command_lists_the_commands_and_exits_2()
    {
        var (exit, output) = await RunAsync("frobnicate", "x");
        Assert.Equal(2, exit);
        Assert.Contains("Unknown command 'frobnicate'", output);
        Assert.Contains("content validate <dir>", output);
    }
}

public sealed class ContentCommandTests_Sqlite() : ContentCommandTests(DatabaseProvider.Sqlite);

public sealed class ContentCommandTests_Postgres() : ContentCommandTests(DatabaseProvider.Postgres);

/// <summary>The CLI as a real process: <c>dotnet SalesAcademy.Portal.dll content validate &lt;dir&gt;</c>.</summary>
public sealed class ContentCommandProcessTests
{
    [Fact]
    public async Task The_portal_executable_validates_the_seed_folder()
    {
        var dll = typeof(Program).Assembly.Location;
        Assert.True(File.Exists(dll), dll);
        var workDir = TestPaths.NewTempDirectory("sa-cli-process");
        try
        {
            var start = new ProcessStartInfo(DotnetHost())
            {
                WorkingDirectory = workDir, // content root: App_Data is created here, not in the repository
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { dll, "content", "validate", TestPaths.SeedContent, $"--Portal:DataDir={Path.Combine(workDir, "data")}" })
                start.ArgumentList.Add(arg);
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment.Remove("ASPNETCORE_ENVIRONMENT");

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = await stdout + await stderr;

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}");
            var lines = (await stdout).Split('\n', StringSplitOptions.TrimEntries);
            Assert.Contains($"{SeedContent.Items.Count} valid, 0 invalid files; {SeedContent.Terms.Count} taxonomy terms", lines);
            Assert.Contains(lines, l => l.StartsWith("60 valid", StringComparison.Ordinal)); // the seed as shipped (with the five retro templates and the two pulse packs)
        }
        finally
        {
            try { Directory.Delete(workDir, recursive: true); } catch (IOException) { }
        }
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        return "dotnet";
    }
}
