using System.Text.RegularExpressions;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Browser tests wait for what the user sees (Playwright's web-first assertions, which retry), never for load states:
/// on a busy 2-core machine a page's "load" event can come late or after the URL has already changed, and a wait for
/// it timed out in CI (SearchBrowserTests, a WaitForURLAsync after a facet click).
/// </summary>
public class BrowserTestWaitTests
{
    private static readonly Regex LoadStateWait = new(
        @"\.(WaitForURLAsync|WaitForLoadStateAsync|WaitForNavigationAsync|RunAndWaitForNavigationAsync|WaitForTimeoutAsync)\s*\(|NetworkIdle",
        RegexOptions.Compiled);

    [Fact]
    public void No_browser_test_waits_for_a_load_state_or_a_fixed_time()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                || file.EndsWith(nameof(BrowserTestWaitTests) + ".cs", StringComparison.Ordinal))
                continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && LoadStateWait.IsMatch(lines[i]))
                    offenders.Add($"{Path.GetRelativePath(TestPaths.RepoRoot, file)}:{i + 1}: {lines[i].Trim()}");
        }
        Assert.True(offenders.Count == 0, "Wait with Expect(page).ToHaveURLAsync / Expect(locator)... instead:\n" + string.Join("\n", offenders));
    }
}
