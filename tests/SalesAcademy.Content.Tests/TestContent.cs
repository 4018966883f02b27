using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>Items, folders and database read-backs shared by the Content tests.</summary>
internal static class TestContent
{
    /// <summary>A fresh, valid item id (and slug): the fixture database is shared by a test class.</summary>
    public static string NewId(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public static ContentItem NewCase(ContentManager manager, string id, string? slug = null, string title = "测试案例：铁三角协同",
        string outcome = "won", string body = "## 背景\n\n测试正文。") =>
        manager.New("CaseStudy", id)
            .Apply(new TitlePart { Title = title, Summary = "A test case." })
            .Apply(new RoutePart { Slug = slug ?? id })
            .Apply(new MarkdownBodyPart { Markdown = body })
            .Apply(new TagsPart { Tags = ["iron-triangle", "crm"] })
            .Apply(new OwnershipPart { Owner = "owner@example.com", VerifyEveryDays = 30 })
            .Apply(new CaseStudyPart
            {
                Company = "华为 Huawei", Industry = "ict", Region = "China", DealSize = "strategic", Outcome = outcome,
                Roles = ["AccountManager", "SolutionManager"], Lessons = ["一起面对客户。"],
            });

    /// <summary>Every stored row (all versions) of one item, read straight from the database.</summary>
    public static async Task<List<ContentItem>> RowsAsync(PortalServices services, string contentItemId)
    {
        await using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        return await db.Items.AsNoTracking().Where(i => i.ContentItemId == contentItemId).OrderBy(i => i.Number).ToListAsync();
    }

    public static async Task<long> HeadAsync(PortalServices services)
    {
        await using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().HeadAsync();
    }

    /// <summary>Change-log rows after <paramref name="after"/>, oldest first (optionally of one item).</summary>
    public static async Task<IReadOnlyList<ContentChange>> ChangesAsync(PortalServices services, long after, string? contentItemId = null)
    {
        await using var scope = services.CreateScope();
        var changes = await scope.ServiceProvider.GetRequiredService<ContentChangeLog>().ReadAfterAsync(after, 10_000);
        return contentItemId is null ? changes : changes.Where(c => c.ContentItemId == contentItemId).ToList();
    }

    /// <summary>The 1-based line of the first line of <paramref name="text"/> that starts with <paramref name="start"/>.</summary>
    public static int LineOf(string text, string start)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal));
        if (index < 0) throw new ArgumentException($"no line starts with '{start}' in:\n{text}");
        return index + 1;
    }

    /// <summary>A new empty folder in the fixture's data directory (deleted with the fixture's database).</summary>
    public static string NewTempFolder(PortalServices services, string name = "tmp")
    {
        var dir = Path.Combine(services.Database.DataDirectory, "content-tests", Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>An empty folder named <c>content</c> (so reports show <c>content/cases/x.md</c>).</summary>
    public static string NewContentFolder(PortalServices services) => NewTempFolder(services, "content");

    public static void Write(string folder, string relativePath, string text)
    {
        var path = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    public static void CopyTaxonomy(string folder) =>
        File.Copy(Path.Combine(TestPaths.SeedContent, "taxonomy.yaml"), Path.Combine(folder, "taxonomy.yaml"));

    public static IReadOnlyList<string> SeedFiles() =>
        Directory.EnumerateFiles(TestPaths.SeedContent, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(TestPaths.SeedContent, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> SeedTermKeys() =>
        Regex.Matches(File.ReadAllText(Path.Combine(TestPaths.SeedContent, "taxonomy.yaml")), @"^\s*- key: (\S+)\s*$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();

    /// <summary>
    /// A copy of the seed content. With <paramref name="unique"/> every id and slug gets the same fresh suffix
    /// (references follow), so several tests can import "the seed" into one shared database.
    /// </summary>
    public static SeedCopy CopySeed(PortalServices services, bool unique = true)
    {
        var folder = NewContentFolder(services);
        var suffix = unique ? "-" + Guid.NewGuid().ToString("N")[..8] : "";
        var files = SeedFiles();
        var texts = files.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(TestPaths.SeedContent, f)).Replace("\r\n", "\n"));
        var ids = texts.Values.Select(t => Regex.Match(t, @"^id: (\S+)$", RegexOptions.Multiline).Groups[1].Value).ToList();
        var idPattern = new Regex(@"(?<![a-z0-9-])(" + string.Join("|", ids.Select(Regex.Escape)) + @")(?![a-z0-9-])");
        var idsByFile = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, original) in texts)
        {
            var text = original;
            if (unique)
            {
                text = idPattern.Replace(text, m => m.Value + suffix);
                text = Regex.Replace(text, @"^slug: (\S+)$", m => $"slug: {m.Groups[1].Value}{suffix}", RegexOptions.Multiline);
            }
            Write(folder, file, text);
            idsByFile[file] = Regex.Match(text, @"^id: (\S+)$", RegexOptions.Multiline).Groups[1].Value;
        }
        CopyTaxonomy(folder);
        return new SeedCopy(folder, idsByFile);
    }
}

/// <param name="Folder">The copied folder (named <c>content</c>).</param>
/// <param name="IdsByFile">Relative path (<c>cases/x.md</c>) → the item id in that file.</param>
internal sealed record SeedCopy(string Folder, IReadOnlyDictionary<string, string> IdsByFile)
{
    public string PathOf(string relative) => Path.Combine(Folder, relative);
    /// <summary>How the importer shows the file in its report.</summary>
    public static string Shown(string relative) => $"content/{relative}";
}
