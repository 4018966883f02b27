using System.Globalization;
using System.Text.RegularExpressions;
using SalesAcademy.Core.Localization;
using SalesAcademy.Testing;

namespace SalesAcademy.Retros.Tests;

/// <summary>
/// The Retros strings the portal's localization test cannot find (they are not T["…"] literals): refused-change messages,
/// cycle-kind labels, notification kinds and templates, permission descriptions, the navigation link and the content type's names.
/// </summary>
public sealed partial class RetroLocalizationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [GeneratedRegex(@"(?:Invalid\(""[a-zA-Z]+"", |yield return \(""[a-zA-Z]+"", |new\((?:TeamSetting|TemplateSetting), |Notice\([A-Za-z]+, |AddNotificationKind\([A-Za-z.]+, |""Team"", |""Retro template"", |Hint: |new\(RetrosPermissions\.[A-Za-z]+, |\? )""([^""]+)""")]
    private static partial Regex Message();

    [Fact]
    public void Every_message_of_the_module_has_a_Chinese_translation()
    {
        var catalog = new PoCatalog([typeof(RetrosModule).Assembly]);
        var folder = Path.Combine(TestPaths.RepoRoot, "src", "Modules", "SalesAcademy.Retros");
        var keys = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/Migrations/"))
            .SelectMany(f => Message().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => k.Any(char.IsLetter) && k.Contains(' ') || k is "Retros" or "Team")
            .Concat(["Retros", "Retro template", "Retro templates", "Retrospective"])
            .Distinct().ToList();
        Assert.True(keys.Count > 40, $"the scan found only {keys.Count} messages");
        var missing = keys.Where(k => catalog.Translate(k, Chinese) is null).ToList();
        Assert.True(missing.Count == 0, "No zh-CN translation in SalesAcademy.Retros/Localization/zh-CN.po for:\n  " + string.Join("\n  ", missing));
    }
}
