using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Drills.Models;
using SalesAcademy.Testing;

namespace SalesAcademy.Content.Tests;

/// <summary>Field problems said to people (labels, their language, translated values) while the API keeps paths and English; word marks of the version diff.</summary>
public abstract class FieldMessagesAndDiffTests(PortalServices services)
{
    private static T InCulture<T>(string culture, Func<T> action)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try { return action(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }

    [Fact]
    public void The_API_and_importer_text_stays_English_by_field_path_while_pages_get_labels_and_the_readers_language()
    {
        var dealSize = new CaseStudyPart { Company = "X", Industry = "Y", Outcome = "won", Roles = ["Rep"] }.Validate().Single();
        Assert.Equal(("dealSize", "'' must be one of small, medium, large, strategic"), (dealSize.Field, dealSize.Message));
        var anchors = new DrillPart
        {
            Scenario = "s", Objectives = ["o"], DurationMinutes = 30, Roles = [new() { Role = "Rep", Brief = "b" }], Steps = [new() { Title = "t", Minutes = 5 }],
            Rubric = [new() { Criterion = "c", Weight = 100, Anchors = new() { [3] = "ok", [5] = "great" } }],
        }.Validate().Single();
        Assert.Equal(("rubric[0].anchors", "needs a description for score 1"), (anchors.Field, anchors.Message));

        using var scope = services.Services.CreateScope();
        var text = scope.ServiceProvider.GetRequiredService<ContentErrorText>();
        var en = InCulture("en", () => (text.Describe("CaseStudy", dealSize), text.Describe("Drill", anchors)));
        Assert.Equal(("Deal size", "choose one of Small, Medium, Large, Strategic"), (en.Item1.Label, en.Item1.Message));
        Assert.Equal(("Rubric 1 › Score descriptions", "needs a description for score 1"), (en.Item2.Label, en.Item2.Message));
        var zh = InCulture("zh-CN", () => (text.Describe("CaseStudy", dealSize with { Text = ContentFieldError.Choice("dealSize", "huge", CaseStudyPart.DealSizes).Text }), text.Describe("Drill", anchors)));
        Assert.Equal(("商机规模", "“huge”不是可选值，请从以下选项中选择：小型、中型、大型、战略级"), (zh.Item1.Label, zh.Item1.Message));
        Assert.Equal(("评分标准 1 › 分值描述", "需要填写 1 分的描述"), (zh.Item2.Label, zh.Item2.Message));
        Assert.Equal("dealSize", zh.Item1.Field);
    }

    [Fact]
    public void Every_field_label_and_message_template_of_the_content_types_has_a_Chinese_translation()
    {
        var localizer = services.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizerFactory>().Create(typeof(ContentErrorText));
        var keys = services.Services.GetServices<ContentFieldLabels>().SelectMany(l => l.Fields.Values).ToHashSet();
        Assert.Contains("Deal size", keys);
        // Templates in the parts' checks: ContentFieldError.Of(field, "template", …) and fixed messages new(field, "message").
        var pattern = new System.Text.RegularExpressions.Regex("""(?:ContentFieldError\.Of\(|yield return new\()(?:\$?"[^"]*"|[^,"(]+),\s*"((?:[^"\\]|\\.)*)"[,)]""");
        foreach (var module in new[] { "SalesAcademy.Content", "SalesAcademy.CaseLibrary", "SalesAcademy.Drills", "SalesAcademy.Playbooks" })
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src", "Modules", module, "Models"), "*.cs"))
        foreach (System.Text.RegularExpressions.Match match in pattern.Matches(File.ReadAllText(file)))
            keys.Add(match.Groups[1].Value);
        Assert.Contains("needs a description for score {0}", keys);
        Assert.Contains("is required", keys);
        var missing = InCulture("zh-CN", () => keys.Where(k => localizer[k].ResourceNotFound).ToList());
        Assert.Empty(missing);
    }

    [Fact]
    public void A_changed_line_marks_only_the_words_that_changed_and_every_CJK_character_is_a_word()
    {
        var (left, right) = TextDiff.Words("title: The iron triangle wins <b>", "title: The iron triangle loses <b>");
        Assert.Equal([("title: The iron triangle ", false), ("wins", true), (" <b>", false)], left.Select(s => (s.Text, s.Changed)));
        Assert.Equal([("title: The iron triangle ", false), ("loses", true), (" <b>", false)], right.Select(s => (s.Text, s.Changed)));

        (left, right) = TextDiff.Words("华为铁三角赢单", "华为铁三角丢单");
        Assert.Equal([("华为铁三角", false), ("赢", true), ("单", false)], left.Select(s => (s.Text, s.Changed)));
        Assert.Equal([("华为铁三角", false), ("丢", true), ("单", false)], right.Select(s => (s.Text, s.Changed)));
        Assert.Equal("华为铁三角赢单", string.Concat(left.Select(s => s.Text))); // nothing lost or added
    }
}

public sealed class FieldMessagesAndDiffTests_Sqlite(SqliteServices services) : FieldMessagesAndDiffTests(services), IClassFixture<SqliteServices>;

public sealed class FieldMessagesAndDiffTests_Postgres(PostgresServices services) : FieldMessagesAndDiffTests(services), IClassFixture<PostgresServices>;
