using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Playbooks.Models;
using SalesAcademy.Testing;
using static SalesAcademy.Content.Tests.TestContent;

namespace SalesAcademy.Content.Tests;

/// <summary>Reading and checking content folders (no database involved).</summary>
public sealed class ContentFolderReaderTests(SqliteServices services) : IClassFixture<SqliteServices>
{
    private ContentFolderReader Reader => services.Services.GetRequiredService<ContentFolderReader>();

    [Fact]
    public void The_seed_content_validates_without_errors()
    {
        var folder = Reader.Read(TestPaths.SeedContent);

        Assert.Empty(folder.AllErrors.Select(e => e.ToString()));
        Assert.Equal(SeedFiles(), folder.Files.Select(f => f.RelativePath));
        Assert.Equal(SeedFiles().Count, folder.Files.Count);
        Assert.All(folder.Files, f => Assert.True(f.IsValid, f.Path));
        Assert.Equal(4, folder.Files.Count(f => f.Item!.ContentType == "CaseStudy"));
        Assert.Equal(3, folder.Files.Count(f => f.Item!.ContentType == "Playbook"));
        Assert.Equal(4, folder.Files.Count(f => f.Item!.ContentType == "Drill"));
        Assert.True(folder.Files.Count(f => f.Item!.ContentType == "Question") >= 30);
        Assert.Equal(3, folder.Files.Count(f => f.Item!.ContentType == "Quiz"));
        Assert.Equal(SeedTermKeys(), folder.Terms.Select(t => t.Key));
        Assert.Equal(["challenge", "strategy", "topic", "industry"], folder.Groups.Select(g => g.Key));
        Assert.All(folder.Files, f => Assert.StartsWith("content/", f.Path));
        Assert.Equal(folder.Files.Count, folder.Files.Select(f => f.Item!.ContentItemId).Distinct().Count());
    }

    [Fact]
    public void A_file_whose_text_was_imported_is_not_parsed_again_and_a_new_file_cannot_take_its_id()
    {
        var seed = CopySeed(services, unique: false);
        var stored = "cases/huawei-iron-triangle.md";
        var text = File.ReadAllText(seed.PathOf(stored));
        // The text as stored, with Windows line ends: the same import (line ends do not count).
        File.WriteAllText(seed.PathOf(stored), text.Replace("\n", "\r\n"));
        // A second file that declares the stored item's id.
        Write(seed.Folder, "cases/copy.md", text.Replace("slug: huawei-iron-triangle", "slug: huawei-iron-triangle-copy"));
        var imported = new Dictionary<string, string> { [ContentFolderReader.HashOf(text)] = seed.IdsByFile[stored] };

        var folder = Reader.Read(seed.Folder, imported: imported);

        Assert.Equal([("content/" + stored, seed.IdsByFile[stored])], folder.Unchanged);
        Assert.DoesNotContain(folder.Files, f => f.RelativePath == stored);
        Assert.Equal(SeedFiles().Count, folder.Files.Count); // the other seed files and the copy are read as before
        var copy = Assert.Single(folder.Files, f => f.RelativePath == "cases/copy.md");
        var error = Assert.Single(copy.Errors);
        Assert.Equal(("id", $"duplicate id '{seed.IdsByFile[stored]}': also used by content/{stored}"), (error.Field, error.Message));
    }

    [Fact]
    public void Parse_maps_front_matter_and_body_onto_the_parts()
    {
        var file = Reader.Parse(File.ReadAllText(Path.Combine(TestPaths.SeedContent, "playbooks", "collaborative-sales-process.md")),
            "content/playbooks/collaborative-sales-process.md", "playbooks/collaborative-sales-process.md");

        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        var item = file.Item!;
        Assert.Equal(("Playbook", "playbook-collaborative-sales-process", "zh-CN"), (item.ContentType, item.ContentItemId, item.Culture));
        Assert.Equal("协同销售标准流程", item.As<TitlePart>().Title);
        Assert.Equal("collaborative-sales-process", item.As<RoutePart>().Slug);
        var playbook = item.As<PlaybookPart>();
        Assert.Equal("discover", playbook.Stages[0].Key);
        Assert.Equal("A", playbook.Stages[0].For("AccountManager")!.Raci);
        Assert.Equal(OwnershipPart.DefaultVerifyEveryDays, item.As<OwnershipPart>().VerifyEveryDays);
        Assert.DoesNotContain("---", item.As<MarkdownBodyPart>().Markdown[..3]);
        Assert.Equal(64, file.Hash.Length);
    }

    private const string TwoAccountables = """
        ---
        type: Playbook
        id: playbook-two-accountables
        slug: two-accountables
        culture: zh-CN
        title: 两个 A 的流程
        stages:
          - key: discover
            name: 商机发现
            raci:
              - role: AccountManager
                raci: A
              - role: SolutionManager
                raci: AR
          - key: close
            name: 成交
            raci:
              - role: Lead
                raci: AX
        ---
        正文
        """;

    [Fact]
    public void A_stage_with_two_accountable_roles_is_reported_at_its_raci_key()
    {
        var file = Reader.Parse(TwoAccountables, "content/playbooks/two.md", "playbooks/two.md");

        Assert.False(file.IsValid);
        var stage = Assert.Single(file.Errors, e => e.Field == "stages[0].raci");
        Assert.Equal(LineOf(TwoAccountables, "    raci:"), stage.Line);
        Assert.Equal(10, stage.Line);
        Assert.Equal("content/playbooks/two.md:10: field 'stages[0].raci': exactly one role must be accountable (A); found 2", stage.ToString());

        var letters = Assert.Single(file.Errors, e => e.Field == "stages[1].raci[0].raci");
        Assert.Equal(LineOf(TwoAccountables, "        raci: AX"), letters.Line);
        Assert.Contains("'AX'", letters.Message);
        Assert.Equal(2, file.Errors.Count);
    }

    [Fact]
    public void Nested_drill_errors_point_at_the_nested_line()
    {
        var text = BadFiles.Drill("drill-nested-errors", "drill-nested-errors", "playbook-x")
            .Replace("    minutes: 10\n", "    minutes: 0\n")
            .Replace("    weight: 60\n", "    weight: 160\n");

        var file = Reader.Parse(text, "content/drills/nested.md", "drills/nested.md");

        var minutes = Assert.Single(file.Errors, e => e.Field == "steps[0].minutes");
        Assert.Equal(LineOf(text, "    minutes: 0"), minutes.Line);
        var weight = Assert.Single(file.Errors, e => e.Field == "rubric[0].weight");
        Assert.Equal(LineOf(text, "    weight: 160"), weight.Line);
        var total = Assert.Single(file.Errors, e => e.Field == "rubric");
        Assert.Equal(LineOf(text, "rubric:"), total.Line);
        Assert.Contains("200", total.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_in_a_nested_field_is_reported_at_that_field()
    {
        var text = BadFiles.Drill("drill-wrong-kind", "drill-wrong-kind", "playbook-x").Replace("    minutes: 10\n", "    minutes: [10]\n");

        var file = Reader.Parse(text, "content/drills/kind.md", "drills/kind.md");

        var error = Assert.Single(file.Errors, e => e.Message.Contains("wrong kind of value"));
        Assert.Equal("steps[0].minutes", error.Field);
        Assert.Equal(LineOf(text, "    minutes: [10]"), error.Line);
    }

    [Fact]
    public void An_unknown_field_inside_a_stage_is_reported_at_that_field()
    {
        var text = TwoAccountables.Replace("        raci: AR\n", "        raci: R\n").Replace("        raci: AX\n", "        raci: A\n")
            .Replace("    name: 成交\n", "    name: 成交\n    deadline: 2026-12-31\n");

        var file = Reader.Parse(text, "content/playbooks/unknown.md", "playbooks/unknown.md");

        var error = Assert.Single(file.Errors, e => e.Message.Contains("unknown field"));
        Assert.Equal("content/playbooks/unknown.md:17: field 'stages[1].deadline': unknown field for Playbook", error.ToString());
        Assert.Equal(LineOf(text, "    deadline:"), error.Line);
    }

    public static TheoryData<string, string, string> UnreadableParts => new()
    {
        { "unknown top-level field", "budget: 100\n", "budget" },
        { "unknown nested field", "  - key: extra\n    name: 额外\n    owner: someone\n    raci:\n      - role: Lead\n        raci: A\n", "stages[2].owner" },
        { "wrong kind of value", "relatedDrills: {a: b}\n", "relatedDrills" },
    };

    /// <summary>
    /// When the type's own part cannot be read, the file has exactly that one error: the part's other
    /// fields are present and fine, so they must not be reported as missing.
    /// </summary>
    [Theory]
    [MemberData(nameof(UnreadableParts))]
    public void A_part_that_cannot_be_read_reports_only_that_error(string what, string insert, string field)
    {
        var valid = TwoAccountables.Replace("        raci: AR\n", "        raci: R\n").Replace("        raci: AX\n", "        raci: A\n");
        Assert.True(Reader.Parse(valid, "content/playbooks/ok.md", "playbooks/ok.md").IsValid);
        var text = insert.StartsWith("  - ", StringComparison.Ordinal)
            ? valid.Replace("---\n正文", insert + "---\n正文")      // appended to the stages list
            : valid.Replace("stages:\n", insert + "stages:\n");    // a top-level field

        var file = Reader.Parse(text, "content/playbooks/part.md", "playbooks/part.md");

        Assert.True(file.Errors.Count == 1, $"{what}: expected only the error of field '{field}', got:\n{string.Join("\n", file.Errors)}");
        Assert.Equal(field, file.Errors[0].Field);
    }

    [Fact]
    public void A_missing_common_field_is_reported_once()
    {
        var text = BadFiles.Case("case-no-title", "case-no-title").Replace("title: 测试案例 case-no-title\n", "");

        var file = Reader.Parse(text, "content/cases/no-title.md", "cases/no-title.md");

        Assert.True(file.Errors.Count == 1, string.Join("\n", file.Errors));
        Assert.Equal("content/cases/no-title.md:2: field 'title': is required", file.Errors[0].ToString());
    }

    [Fact]
    public void A_yaml_error_is_reported_at_the_file_line_of_the_error()
    {
        var text = BadFiles.Case("case-yaml-error", "case-yaml-error", company: "company: 华为: 铁三角\n");

        var file = Reader.Parse(text, "content/cases/yaml.md", "cases/yaml.md");

        var error = Assert.Single(file.Errors);
        Assert.Null(file.Item);
        Assert.Null(error.Field);
        Assert.Equal(LineOf(text, "company:"), error.Line);
        Assert.StartsWith($"content/cases/yaml.md:{error.Line}: YAML error: ", error.ToString());
    }

    /// <summary>Text that YAML could read as something else, or that needs quoting or escaping.</summary>
    private static readonly string[] TrickyTexts =
    [
        "2024", "007", "+1", "-3", "1.50", "1e5", ".5", "0x1F", "0o17", ".inf", ".nan", "true", "False", "null", "~", "yes", "no", "on", "off",
        "2026-01-31", "12:30", "- not a list item", "# not a comment", "key: value", "a #b", "'single'", "\"double\"", "trailing space ",
        " leading space", "tab\tinside", "@at", "`tick", "%percent", "&anchor", "*alias", "!tag", "|pipe", ">fold", "[bracket", "{brace", "?q", ",comma",
        "emoji 😀 表情", "中文：全角冒号", "back\\slash", "line one\nline two", "ends with newline\n", "---", "...", "",
    ];

    [Fact]
    public void The_export_format_reads_back_to_the_same_parts()
    {
        var definitions = services.Services.GetRequiredService<ContentDefinitions>();
        var type = definitions.Get("CaseStudy");
        for (var i = 0; i < TrickyTexts.Length; i++)
        {
            var tricky = TrickyTexts[i];
            var item = new ContentItem { ContentType = "CaseStudy", ContentItemId = $"case-tricky-{i}", Slug = $"tricky-{i}", Culture = "en" }
                .Apply(new TitlePart { Title = $"{tricky}", Summary = tricky })
                .Apply(new RoutePart { Slug = $"tricky-{i}" })
                .Apply(new MarkdownBodyPart { Markdown = $"Body {i}\n\n---\n\nafter a rule" })
                .Apply(new TagsPart { Tags = ["crm"] })
                .Apply(new OwnershipPart { Owner = "trainer@example.com", VerifyEveryDays = 30, LastVerifiedUtc = new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc) })
                .Apply(new CaseStudyPart
                {
                    Company = $"Co {tricky}", Industry = tricky.Length == 0 ? "ICT" : tricky, Region = tricky, Stage = tricky, DealSize = "small", Outcome = "lost",
                    Roles = ["Rep", tricky.Length == 0 ? "Lead" : tricky], Lessons = [$"{tricky}", $"lesson: {tricky}"],
                });
            if (tricky.Length == 0) item.Apply(new TitlePart { Title = "empty summary", Summary = "" });

            var text = ContentExporter.ToFile(item, type);
            var file = Reader.Parse(text, "content/cases/tricky.md", "cases/tricky.md");

            Assert.True(file.Item is not null, $"[{tricky}] not read back: {string.Join("; ", file.Errors)}\n{text}");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(item.Content), JsonNode.Parse(file.Item!.Content)),
                $"[{tricky}] changed in the round trip:\n{text}\nbefore: {item.Content}\nafter:  {file.Item.Content}");
            Assert.Equal((item.ContentItemId, item.Culture), (file.Item.ContentItemId, file.Item.Culture));
        }
    }

    [Fact]
    public void The_export_format_reads_back_a_drill_and_a_playbook()
    {
        var definitions = services.Services.GetRequiredService<ContentDefinitions>();
        foreach (var relative in new[] { "drills/iron-triangle-role-play.md", "playbooks/collaborative-sales-process.md" })
        {
            var original = Reader.Parse(File.ReadAllText(Path.Combine(TestPaths.SeedContent, relative)), $"content/{relative}", relative);
            Assert.True(original.IsValid, string.Join("; ", original.Errors));
            original.Item!.Slug = original.Item.As<RoutePart>().Slug; // the column a stored version has
            var text = ContentExporter.ToFile(original.Item, definitions.Get(original.Item.ContentType));

            var again = Reader.Parse(text, $"content/{relative}", relative);

            Assert.True(again.IsValid, string.Join("; ", again.Errors) + "\n" + text);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original.Item.Content), JsonNode.Parse(again.Item!.Content)), text);
        }
    }

    [Fact]
    public void A_missing_folder_is_an_error_not_an_exception()
    {
        var folder = Reader.Read(Path.Combine(NewTempFolder(services), "missing"));
        Assert.Empty(folder.Files);
        Assert.Contains("does not exist", Assert.Single(folder.AllErrors).Message);
    }
}
