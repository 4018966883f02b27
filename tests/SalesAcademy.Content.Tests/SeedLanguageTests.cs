using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>
/// Issue 14 §1: a Chinese reader meets one language and one form of address. Every zh-CN seed item speaks Chinese in
/// its summary and facts, nothing in a zh-CN catalog or seed item says 您 (the portal says 你), and the seed content
/// belongs to the training team rather than the import account.
/// </summary>
public sealed class SeedLanguageTests(SqliteServices services) : IClassFixture<SqliteServices>
{
    private IReadOnlyList<ContentItem> SeedItems() =>
        services.Services.GetRequiredService<ContentFolderReader>().Read(TestPaths.SeedContent).Files.Select(f => f.Item!).ToList();

    private static bool HasCjk(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [Fact]
    public void Zh_CN_seed_items_have_Chinese_summaries_and_case_facts()
    {
        var chinese = SeedItems().Where(i => i.Culture == "zh-CN").ToList();
        Assert.NotEmpty(chinese);
        Assert.All(chinese.Where(i => i.As<TitlePart>().Summary is { Length: > 0 }),
            i => Assert.True(HasCjk(i.As<TitlePart>().Summary), $"{i.ContentItemId}: summary is not Chinese: {i.As<TitlePart>().Summary}"));
        Assert.All(chinese.Where(i => i.ContentType == "CaseStudy"), i =>
        {
            var c = i.As<CaseStudyPart>();
            // The industry is a taxonomy key; readers see its label in their language (checked below).
            Assert.Contains(c.Industry, IndustryLabels().Keys);
            Assert.True(c.Region is null || HasCjk(c.Region), $"{i.ContentItemId}: region '{c.Region}'");
        });
    }

    private IReadOnlyDictionary<string, (string Zh, string En)> IndustryLabels() =>
        services.Services.GetRequiredService<ContentFolderReader>().Read(TestPaths.SeedContent).Terms
            .Where(t => t.Group == CaseStudyPart.IndustryGroup).ToDictionary(t => t.Key, t => (t.NameZh, t.NameEn));

    [Fact]
    public void Every_industry_has_a_Chinese_and_an_English_label()
    {
        Assert.True(IndustryLabels().Count >= 4);
        Assert.All(IndustryLabels(), p => Assert.True(HasCjk(p.Value.Zh) && !HasCjk(p.Value.En), $"{p.Key}: {p.Value}"));
    }

    [Fact]
    public void Seed_items_belong_to_the_training_team()
    {
        Assert.All(SeedItems(), i => Assert.Equal(ContentOwners.TrainingTeam, i.As<OwnershipPart>().Owner));
    }

    [Fact]
    public void No_zh_CN_catalog_entry_or_seed_item_says_您()
    {
        var root = TestPaths.RepoRoot;
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "zh-CN.po", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "themes"), "zh-CN.po", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.True(files.Count >= 5, "the catalogs were not found");
        var offenders = files.SelectMany(f => File.ReadLines(f).Select((line, n) => (f, n, line)))
            .Where(x => x.line.StartsWith("msgstr", StringComparison.Ordinal) && x.line.Contains('您'))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.n + 1}: {x.line}").ToList();
        Assert.Empty(offenders);

        var seed = services.Services.GetRequiredService<ContentFolderReader>().Read(TestPaths.SeedContent).Files
            .Where(f => f.Item!.Culture == "zh-CN").ToList();
        Assert.NotEmpty(seed);
        Assert.Empty(seed.Where(f => File.ReadAllText(Path.Combine(TestPaths.SeedContent, f.RelativePath)).Contains('您')).Select(f => f.RelativePath));
    }
}
