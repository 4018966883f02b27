using System.Collections.Concurrent;
using System.Diagnostics;
using SalesAcademy.Testing;

namespace SalesAcademy.Scheduling.Tests;

/// <summary>A real portal process (<c>dotnet SalesAcademy.Portal.dll</c>, as built for this test run) with its output kept.</summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public string Name { get; }
    public int Id => _process.Id;
    public string LogPath { get; }
    public ConcurrentQueue<string> Lines { get; } = new();
    public bool HasExited => _process.HasExited;

    public PortalProcess(string name, IReadOnlyDictionary<string, string?> settings, string logPath)
    {
        Name = name;
        LogPath = logPath;
        var dll = PortalDll();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        _log = new StreamWriter(logPath) { AutoFlush = true };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        Lines.Enqueue(line);
        lock (_log) _log.WriteLine(line);
    }

    /// <summary>SIGKILL on Linux: no shutdown, no claims let go.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public string Tail(int lines = 40) => string.Join('\n', Lines.TakeLast(lines));

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); } }
        catch (InvalidOperationException) { }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    /// <summary>The portal as built for this test run (same configuration: Debug or Release).</summary>
    public static string PortalDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var built = Path.Combine(TestPaths.RepoRoot, "src", "Portal", "bin", configuration, "net10.0", "SalesAcademy.Portal.dll");
        Assert.True(File.Exists(built), $"{built} not found: build the solution first");
        return built;
    }
}
