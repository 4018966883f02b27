using System.Text.RegularExpressions;
using SalesAcademy.Testing;

namespace SalesAcademy.Insights.Tests;

/// <summary>The run follows the data through Core's contract: the Insights module references Core only, and each module's
/// insight source reads only its own module's DbContext.</summary>
public sealed partial class InsightsBoundaryTests
{
    private static string Modules => Path.Combine(TestPaths.RepoRoot, "src", "Modules");

    /// <summary>Core, and Content's public surface for the recommendations (PublishedContent: tagged published items, the
    /// taxonomy; ContentDefinitions: URLs, a playbook's stages), never Content's tables or any other module.</summary>
    [Fact]
    public void The_insights_module_references_only_core_and_the_published_content()
    {
        var project = File.ReadAllText(Path.Combine(Modules, "SalesAcademy.Insights", "SalesAcademy.Insights.csproj"));
        var references = ProjectReference().Matches(project).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["SalesAcademy.Core", "SalesAcademy.Content"], references);
        foreach (var file in Directory.GetFiles(Path.Combine(Modules, "SalesAcademy.Insights"), "*.cs*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
            foreach (Match use in DataNamespace().Matches(File.ReadAllText(file)))
                Assert.True(use.Groups[1].Value is "SalesAcademy.Insights" or "SalesAcademy.Core", $"{Path.GetFileName(file)} reads {use.Groups[1].Value}'s data");
    }

    [Fact]
    public void Every_insight_source_reads_only_its_own_module_data()
    {
        var sources = Directory.GetFiles(Modules, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && File.ReadAllText(f).Contains(": IInsightSource"))
            .ToList();
        Assert.True(sources.Count >= 7, $"expected the seven sources, found {sources.Count}");
        foreach (var file in sources)
        {
            var module = Path.GetRelativePath(Modules, file).Split(Path.DirectorySeparatorChar)[0]; // SalesAcademy.X
            foreach (Match use in DataNamespace().Matches(File.ReadAllText(file)))
                Assert.True(use.Groups[1].Value == module || use.Groups[1].Value == "SalesAcademy.Core", $"{Path.GetFileName(file)} ({module}) reads {use.Groups[1].Value}'s data");
        }
    }

    [GeneratedRegex("""ProjectReference Include="[^"]*\\(SalesAcademy\.[A-Za-z]+)\.csproj""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"using (SalesAcademy\.[A-Za-z]+)\.Data;")]
    private static partial Regex DataNamespace();
}
