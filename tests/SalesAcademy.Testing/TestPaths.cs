namespace SalesAcademy.Testing;

public static class TestPaths
{
    /// <summary>The repository root (the folder holding SalesAcademy.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The seed content the portal ships with.</summary>
    public static string SeedContent => Path.Combine(RepoRoot, "content");

    /// <summary>Where tests leave screenshots and other evidence (SALESACADEMY_TEST_ARTIFACTS, set by test.sh).</summary>
    public static string Artifacts
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("SALESACADEMY_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured : Path.Combine(RepoRoot, "TestResults", "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static string NewTempDirectory(string prefix = "sa-test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SalesAcademy.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No SalesAcademy.sln above {AppContext.BaseDirectory}.");
    }
}
