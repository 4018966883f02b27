using System.Globalization;
using System.Text.RegularExpressions;
using SalesAcademy.Core.Localization;
using SalesAcademy.Testing;

namespace SalesAcademy.DrillSessions.Tests;

/// <summary>
/// The DrillSessions strings the portal's localization test cannot find (they are not T["…"] literals): refused-change
/// messages, cycle-kind labels, the notification kind and its templates, permission descriptions and the navigation link.
/// </summary>
public sealed partial class DrillSessionLocalizationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [GeneratedRegex(@"(?:Invalid\(""[a-zA-Z.]+"", |Invalid\(\$""[a-zA-Z.{}]+"", |new\((?:TeamSetting|DrillSetting), |Notice\([A-Za-z]+, |AddNotificationKind\([A-Za-z.]+, |""Team"", |""Drill"", |Hint: |new\(DrillSessionsPermissions\.[A-Za-z]+, |\? |: )""([^""]+)""")]
    private static partial Regex Message();

    [Fact]
    public void Every_message_of_the_module_has_a_Chinese_translation()
    {
        var catalog = new PoCatalog([typeof(DrillSessionsModule).Assembly]);
        var folder = Path.Combine(TestPaths.RepoRoot, "src", "Modules", "SalesAcademy.DrillSessions");
        var keys = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/Migrations/") && !f.Contains("/Api/"))
            .SelectMany(f => Message().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => k.Any(char.IsLetter) && k.Contains(' '))
            .Concat(["Drill sessions", "Drill session", "Team", "Drill"])
            .Distinct().ToList();
        Assert.True(keys.Count > 30, $"the scan found only {keys.Count} messages");
        var missing = keys.Where(k => catalog.Translate(k, Chinese) is null).ToList();
        Assert.True(missing.Count == 0, "No zh-CN translation in SalesAcademy.DrillSessions/Localization/zh-CN.po for:\n  " + string.Join("\n  ", missing));
    }
}
