using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SalesAcademy.Markdown.Services;

namespace SalesAcademy.Markdown.Tests;

/// <summary>Checks the parser (plain CommonMark pipeline, unsanitised) against every spec example.</summary>
public sealed partial class CommonMarkSpecTests
{
    private const int ExpectedExampleCount = 652;

    private const string FetchHint =
        "Fetch it with: mkdir -p .cache/commonmark-spec && cd .cache/commonmark-spec && " +
        "npm pack commonmark-spec@0.31.2 && tar xzf commonmark-spec-0.31.2.tgz " +
        "(or set COMMONMARK_SPEC_JSON to a spec.json with fields markdown, html, example, section).";

    private sealed record Example(int Number, string Section, string Markdown, string Html);

    [Fact]
    public void Markdig_passes_all_CommonMark_0_31_2_examples()
    {
        var examples = LoadExamples();
        Assert.Equal(ExpectedExampleCount, examples.Count);

        var failures = new List<(Example Ex, string Actual)>();
        foreach (var ex in examples)
        {
            var actual = Markdig.Markdown.ToHtml(ex.Markdown, MarkdownPipelines.CommonMark);
            if (Normalize(actual) != Normalize(ex.Html)) failures.Add((ex, actual));
        }

        if (failures.Count == 0) return;
        var sb = new StringBuilder($"{failures.Count} of {examples.Count} CommonMark examples failed (first 20):\n");
        foreach (var (ex, actual) in failures.Take(20))
            sb.Append($"\n#{ex.Number} [{ex.Section}]\n  markdown: {Show(ex.Markdown)}\n  expected: {Show(ex.Html)}\n  actual:   {Show(actual)}\n");
        Assert.Fail(sb.ToString());
    }

    private static string Normalize(string html) =>
        BetweenTags().Replace(html.Replace("\r\n", "\n"), "><").Trim();

    private static string Show(string s) => s.Replace("\t", "→").Replace("\n", "⏎");

    private static List<Example> LoadExamples()
    {
        var env = Environment.GetEnvironmentVariable("COMMONMARK_SPEC_JSON");
        if (!string.IsNullOrEmpty(env))
        {
            Assert.True(File.Exists(env), $"COMMONMARK_SPEC_JSON points to a missing file: {env}. {FetchHint}");
            return LoadJson(env);
        }

        var root = FindRepoRoot();
        Assert.True(root is not null, $"Could not locate the repository root above {AppContext.BaseDirectory}. {FetchHint}");
        var dir = Path.Combine(root!, ".cache", "commonmark-spec", "package");
        var json = Path.Combine(dir, "spec.json");
        if (File.Exists(json)) return LoadJson(json);
        // The npm package ships spec.txt (+ index.js), not spec.json: extract the examples the way index.js does.
        var txt = Path.Combine(dir, "spec.txt");
        Assert.True(File.Exists(txt), $"CommonMark spec not found at {json} or {txt}. {FetchHint}");
        return LoadSpecTxt(txt);
    }

    private static List<Example> LoadJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray().Select(e => new Example(
            (e.TryGetProperty("example", out var n) ? n : e.GetProperty("number")).GetInt32(),
            e.GetProperty("section").GetString() ?? "",
            Tabs(e.GetProperty("markdown").GetString()!),
            Tabs(e.GetProperty("html").GetString()!))).ToList();
    }

    private static List<Example> LoadSpecTxt(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n").Replace("\r", "\n");
        var end = text.IndexOf("\n<!-- END TESTS -->", StringComparison.Ordinal);
        if (end >= 0) text = text[..end];
        var examples = new List<Example>();
        var section = "";
        foreach (Match m in SpecTxtBlock().Matches(text))
        {
            if (m.Groups["section"].Success) section = m.Groups["section"].Value;
            else examples.Add(new Example(examples.Count + 1, section, Tabs(m.Groups["md"].Value), Tabs(m.Groups["html"].Value)));
        }
        return examples;
    }

    // In spec.txt "→" marks a tab; the official spec.json already has real tabs, so this is a no-op there.
    private static string Tabs(string s) => s.Replace('→', '\t');

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SalesAcademy.sln")) || File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                return dir.FullName;
        return null;
    }

    [GeneratedRegex(@">\s+<")]
    private static partial Regex BetweenTags();

    // Same pattern as commonmark-spec/index.js.
    [GeneratedRegex(@"^`{32} example\n(?<md>[\s\S]*?)^\.\n(?<html>[\s\S]*?)^`{32}$|^#{1,6} *(?<section>.*)$", RegexOptions.Multiline)]
    private static partial Regex SpecTxtBlock();
}
