using System.Globalization;
using System.Text.RegularExpressions;
using SalesAcademy.Core.Localization;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Every UI string the views and page models look up (T["English text"]) has a Chinese translation in the
/// PO files embedded in the modules, and translations keep the format placeholders of their keys.
/// </summary>
public sealed partial class LocalizationTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo(PortalCultures.Chinese);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo(PortalCultures.English);

    /// <summary>The catalog the portal builds: every module's PO files, plus Core's.</summary>
    private static readonly PoCatalog Catalog =
        new(PortalModules.All().Select(m => m.GetType().Assembly).Append(typeof(PoCatalog).Assembly));

    /// <summary>Keys computed at run time, so the source scan cannot see them.</summary>
    public static readonly string[] ContentTypeNames = ["Case study", "Playbook", "Drill", "Cases", "Playbooks", "Drills", "Question", "Quiz", "Question bank", "Quizzes", "Pulse pack", "Pulse packs"];
    public static readonly string[] LibraryDescriptions = ["Cases.description", "Playbooks.description", "Drills.description", "Quizzes.description"];
    public static readonly string[] RaciLetters = ["raci-R", "raci-A", "raci-C", "raci-I"];
    /// <summary>T["role-" + role] on the admin pages (SalesAcademy.Accounts).</summary>
    public static readonly string[] RoleKeys = ["role-Administrator", "role-Trainer", "role-TeamLead", "role-Rep"];
    /// <summary>NavigationItem texts the modules register; the theme shows them as T[item.Text].</summary>
    public static readonly string[] NavigationTexts = ["Sign in", "Your profile", "Sign out", "Users", "Permissions", "Audit log", "Your teams", "Teams", "Notifications", "Contribute", "Review queue", "Search", "Search index", "Studio", "Quizzes", "Daily review", "Question bank", "Answers to grade", "Scheduler", "Notification settings", "Deliveries", "Team webhooks", "Team pulses"];
    /// <summary>Messages and notification templates kept as constants and shown as T[constant, args] (SalesAcademy.Comments).</summary>
    public static readonly string[] MessageKeys =
    [
        Comments.Services.CommentRules.EmptyMessage, Comments.Services.CommentRules.TooLongMessage,
        Comments.Pages.Comments.IndexModel.ChangedMessage, Comments.Pages.Comments.IndexModel.CommentedTemplate,
        Quizzes.Attempts.QuizAttempts.StaleMessage,
    ];

    // T["literal"] followed by ']' or ',' (arguments), so T["raci-" + letter] is not taken for the key "raci-".
    [GeneratedRegex("""\bT(?:\[|\.GetString\()\s*"((?:[^"\\\r\n]|\\.)*)"\s*[\],)]""")]
    private static partial Regex LiteralKey();

    // T[ not followed by one string literal closed by ']' or ',': a computed key (T[Model.Message], T["role-" + role]).
    [GeneratedRegex("""\bT\[(?!\s*"(?:[^"\\\r\n]|\\.)*"\s*[\],])""")]
    private static partial Regex ComputedKey();

    // {0}, {1:yyyy-MM-dd}, {0,5}; not {{escaped}} braces.
    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^{}]*)?\}(?!\})")]
    private static partial Regex Placeholder();

    public static IReadOnlyDictionary<string, List<string>> LiteralKeys()
    {
        var keys = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var folder in new[] { "src", "themes" })
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith(".cshtml", StringComparison.Ordinal) && !file.EndsWith(".cs", StringComparison.Ordinal)) continue;
            var relative = Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "bin" or "obj")) continue;
            foreach (Match match in LiteralKey().Matches(File.ReadAllText(file)))
            {
                var key = Regex.Unescape(match.Groups[1].Value);
                if (!keys.TryGetValue(key, out var files)) keys[key] = files = [];
                if (!files.Contains(relative)) files.Add(relative);
            }
        }
        return keys;
    }

    [Fact]
    public void The_source_scan_finds_the_ui_strings()
    {
        var keys = LiteralKeys();
        // A guard against a regex or path change that silently finds nothing.
        Assert.True(keys.Count > 50, $"Only {keys.Count} literal T[\"...\"] keys found under src/ and themes/.");
        Assert.Contains("Skip to content", keys.Keys);
        Assert.Contains("{0} items", keys.Keys);
        Assert.Contains("Published {0:yyyy-MM-dd}", keys.Keys);
        Assert.DoesNotContain("raci-", keys.Keys);
    }

    /// <summary>
    /// No view or page model looks a computed key up with T[...] (issue 12: a query-string value used as a key was
    /// written back unencoded). Names defined in code go through T.GetString(name), which Razor encodes.
    /// </summary>
    [Fact]
    public void Views_look_up_only_literal_keys()
    {
        var found = new List<string>();
        foreach (var folder in new[] { "src", "themes" })
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith(".cshtml", StringComparison.Ordinal) && !file.EndsWith(".cs", StringComparison.Ordinal)) continue;
            var relative = Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "bin" or "obj")) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
                if (ComputedKey().IsMatch(lines[i])) found.Add($"  {relative}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(found.Count == 0, "T[...] with a computed key (use a literal key, or T.GetString(name) for a name defined in code):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_computed_key_check_tells_literal_from_computed_keys()
    {
        Assert.DoesNotMatch(ComputedKey(), """@T["Saved {0}", x]""");
        Assert.DoesNotMatch(ComputedKey(), """@T["Studio"]""");
        Assert.Matches(ComputedKey(), """@T[Model.Message]""");
        Assert.Matches(ComputedKey(), """@T["role-" + role]""");
        Assert.Matches(ComputedKey(), """T[e].Value""");
    }

    [Fact]
    public void Every_literal_key_has_a_Chinese_translation()
    {
        var missing = LiteralKeys()
            .Where(k => Catalog.Translate(k.Key, Chinese) is null)
            .Select(k => $"  msgid \"{k.Key}\"  ({string.Join(", ", k.Value)})")
            .ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} UI string(s) have no zh-CN translation; add them to the Localization/zh-CN.po of the project using them:\n"
            + string.Join("\n", missing));
    }

    [Fact]
    public void Every_computed_key_has_a_Chinese_translation()
    {
        var missing = ContentTypeNames.Concat(LibraryDescriptions).Concat(RaciLetters).Concat(RoleKeys).Concat(NavigationTexts).Concat(MessageKeys)
            .Where(k => Catalog.Translate(k, Chinese) is null).ToList();
        Assert.True(missing.Count == 0, "No zh-CN translation for the computed key(s): " + string.Join(", ", missing));
    }

    [Fact]
    public void Computed_keys_that_are_not_English_have_an_English_text()
    {
        var missing = LibraryDescriptions.Concat(RaciLetters).Concat(RoleKeys)
            .Where(k => string.IsNullOrWhiteSpace(Catalog.Translate(k, English))).ToList();
        Assert.True(missing.Count == 0, "No en text for the computed key(s): " + string.Join(", ", missing));
    }

    [Fact]
    public void The_library_descriptions_and_raci_letters_read_as_expected()
    {
        Assert.Equal("执行 (R)", Catalog.Translate("raci-R", Chinese));
        Assert.Equal("Accountable", Catalog.Translate("raci-A", English));
        Assert.Equal("案例库", Catalog.Translate("Cases", Chinese));
        Assert.Equal("案例", Catalog.Translate("Case study", Chinese));
        Assert.DoesNotContain(".description", Catalog.Translate("Drills.description", English));
    }

    [Fact]
    public void Translations_keep_the_placeholders_of_their_keys()
    {
        var problems = new List<string>();
        foreach (var culture in PortalCultures.Infos)
        foreach (var (id, text) in Catalog.All(culture))
        {
            var expected = Placeholder().Matches(id).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            var actual = Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            var lost = expected.Except(actual).ToList();
            var extra = actual.Except(expected).ToList();
            if (lost.Count > 0) problems.Add($"  [{culture.Name}] \"{id}\" → \"{text}\": missing {string.Join(" ", lost)}");
            if (extra.Count > 0) problems.Add($"  [{culture.Name}] \"{id}\" → \"{text}\": unexpected {string.Join(" ", extra)}");
            if (expected.Count > 0)
            {
                // The localizer runs string.Format on the translation: it must not throw.
                var args = Enumerable.Range(0, 10).Select(i => (object)new DateTime(2025, 1, i + 1)).ToArray();
                try { _ = string.Format(culture, text, args); }
                catch (FormatException e) { problems.Add($"  [{culture.Name}] \"{id}\" → \"{text}\": {e.Message}"); }
            }
        }
        Assert.True(problems.Count == 0, "Translations whose placeholders differ from their key's:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_placeholder_check_catches_a_dropped_placeholder()
    {
        Assert.Equal(new[] { "{0:yyyy-MM-dd}" }, Placeholder().Matches("Published {0:yyyy-MM-dd}").Select(m => m.Value));
        Assert.Empty(Placeholder().Matches("发布于"));
        Assert.Empty(Placeholder().Matches("{{0}}"));
    }
}
