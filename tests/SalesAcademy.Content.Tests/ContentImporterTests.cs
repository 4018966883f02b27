using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;
using static SalesAcademy.Content.Tests.TestContent;

namespace SalesAcademy.Content.Tests;

/// <summary>Content as code against a real database: idempotent import, conflicts, bad files, export round trip.</summary>
public abstract class ContentImporterTests(PortalServices services)
{
    private async Task<ContentImportReport> ImportAsync(string folder, PortalServices? into = null)
    {
        await using var scope = (into ?? services).CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(folder);
    }

    private static string Describe(ContentImportReport report) => string.Join(Environment.NewLine, report.Lines());

    private static ContentFileResult ResultFor(ContentImportReport report, string relative) =>
        Assert.Single(report.Files, f => f.Path == SeedCopy.Shown(relative));

    [Fact]
    public async Task Importing_the_seed_creates_and_publishes_every_item_and_a_second_import_changes_nothing()
    {
        var seed = CopySeed(services);

        var report = await ImportAsync(seed.Folder);

        Assert.True(report.Count(ContentFileOutcome.Created) == SeedFiles().Count, Describe(report));
        Assert.Equal(0, report.Count(ContentFileOutcome.Invalid));
        Assert.Equal(0, report.Count(ContentFileOutcome.Conflict));
        Assert.Empty(report.TaxonomyErrors);
        Assert.False(report.HasProblems, Describe(report));
        Assert.Equal(SeedFiles().Count, report.Files.Count);
        foreach (var (file, id) in seed.IdsByFile)
        {
            Assert.Equal(id, ResultFor(report, file).ContentItemId);
            var row = Assert.Single(await RowsAsync(services, id));
            Assert.True(row.Published && row.Latest, $"{file}: not published");
            Assert.Equal(ContentImporter.ImportUser, row.Author);
            Assert.Equal(file.Split('/')[0] switch { "cases" => "CaseStudy", "playbooks" => "Playbook", "questions" => "Question", "quizzes" => "Quiz", "retro-templates" => "RetroTemplate", "pulse-packs" => "PulsePack", _ => "Drill" }, row.ContentType);
            Assert.False(string.IsNullOrWhiteSpace(row.As<MarkdownBodyPart>().Markdown), $"{file}: empty body");
        }

        await using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
            var terms = await db.TaxonomyTerms.AsNoTracking().ToDictionaryAsync(t => t.Key);
            Assert.All(SeedTermKeys(), key => Assert.Contains(key, terms.Keys));
            Assert.Equal(26, SeedTermKeys().Count); // 16 tags and 10 industries
            Assert.Equal(("challenge", "信息孤岛", "Information silos"), (terms["information-silos"].Group, terms["information-silos"].NameZh, terms["information-silos"].NameEn));
            var groups = await db.TaxonomyGroups.AsNoTracking().OrderBy(g => g.SortOrder).Select(g => g.Key).ToListAsync();
            Assert.Equal(["challenge", "strategy", "topic", "industry"], groups);
            var records = await db.ImportRecords.AsNoTracking().Where(r => seed.IdsByFile.Values.Contains(r.ContentItemId)).ToListAsync();
            Assert.Equal(SeedFiles().Count, records.Count);
            Assert.All(records, r => Assert.Equal(seed.IdsByFile.Single(p => p.Value == r.ContentItemId).Key, r.SourcePath));
        }

        var head = await HeadAsync(services);
        var again = await ImportAsync(seed.Folder);

        Assert.True(again.Count(ContentFileOutcome.Unchanged) == SeedFiles().Count, Describe(again));
        Assert.False(again.HasProblems);
        Assert.Equal(head, await HeadAsync(services));
        foreach (var id in seed.IdsByFile.Values) Assert.Single(await RowsAsync(services, id));
    }

    [Fact]
    public async Task A_changed_file_becomes_a_new_published_version_and_the_rest_stay_unchanged()
    {
        var seed = CopySeed(services);
        await ImportAsync(seed.Folder);
        const string file = "cases/huawei-iron-triangle.md";
        var id = seed.IdsByFile[file];
        var v1 = Assert.Single(await RowsAsync(services, id));
        var head = await HeadAsync(services);
        File.AppendAllText(seed.PathOf(file), "\n## 补充\n\n导入测试追加的段落。\n");

        var report = await ImportAsync(seed.Folder);

        Assert.Equal(ContentFileOutcome.Updated, ResultFor(report, file).Outcome);
        Assert.True(report.Count(ContentFileOutcome.Unchanged) == SeedFiles().Count - 1, Describe(report));
        Assert.Equal(1, report.Count(ContentFileOutcome.Updated));
        var rows = await RowsAsync(services, id);
        Assert.Equal(2, rows.Count);
        Assert.False(rows[0].Published || rows[0].Latest);
        Assert.Equal(v1.ContentItemVersionId, rows[0].ContentItemVersionId);
        Assert.True(rows[1].Published && rows[1].Latest);
        Assert.Equal(2, rows[1].Number);
        Assert.EndsWith("导入测试追加的段落。", rows[1].As<MarkdownBodyPart>().Markdown);
        var change = Assert.Single(await ChangesAsync(services, head));
        Assert.Equal((ContentChangeKind.Updated, rows[1].ContentItemVersionId), (change.Kind, change.ContentItemVersionId));

        Assert.True((await ImportAsync(seed.Folder)).Count(ContentFileOutcome.Unchanged) == SeedFiles().Count);
    }

    [Fact]
    public async Task A_warm_import_reads_only_the_files_whose_size_or_time_changed()
    {
        var seed = CopySeed(services);
        await ImportAsync(seed.Folder);
        await ImportAsync(seed.Folder); // every file read and hashed once, and remembered with its size and time
        const string file = "cases/huawei-iron-triangle.md";
        var path = Path.Combine(seed.Folder, file);
        var id = seed.IdsByFile[file];
        var time = File.GetLastWriteTimeUtc(path);
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("铁三角", text);

        // Other text of the same size, its time put back: not read, so taken as unchanged (the cache's stated limit).
        await File.WriteAllTextAsync(path, text.Replace("铁三角", "三角铁"));
        File.SetLastWriteTimeUtc(path, time);
        var again = await ImportAsync(seed.Folder);
        Assert.True(again.Count(ContentFileOutcome.Unchanged) == SeedFiles().Count, Describe(again));

        // A new time: read, and imported as a new published version.
        File.SetLastWriteTimeUtc(path, time.AddSeconds(1));
        var third = await ImportAsync(seed.Folder);
        Assert.Equal(ContentFileOutcome.Updated, ResultFor(third, file).Outcome);
        Assert.Equal(SeedFiles().Count - 1, third.Count(ContentFileOutcome.Unchanged));
        var published = Assert.Single(await RowsAsync(services, id), r => r.Published);
        Assert.Contains("三角铁", published.As<MarkdownBodyPart>().Markdown);
    }

    [Fact]
    public async Task A_file_changed_after_a_portal_edit_is_a_conflict_and_the_portal_draft_stays()
    {
        var seed = CopySeed(services);
        await ImportAsync(seed.Folder);
        const string file = "playbooks/collaborative-sales-process.md";
        var id = seed.IdsByFile[file];
        ContentItem draft;
        await using (var scope = services.CreateScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var latest = await manager.GetAsync(id, VersionOptions.Latest);
            draft = await manager.SaveDraftAsync(latest!.CloneForEdit().Apply(new TitlePart { Title = "培训师在门户中修改的标题" }), latest.ContentItemVersionId, "trainer@example.com");
        }
        File.WriteAllText(seed.PathOf(file), File.ReadAllText(seed.PathOf(file)).Replace("title: 协同销售标准流程", "title: 文件中的新标题"));
        var head = await HeadAsync(services);

        var report = await ImportAsync(seed.Folder);

        var result = ResultFor(report, file);
        Assert.Equal(ContentFileOutcome.Conflict, result.Outcome);
        Assert.Contains("trainer@example.com", result.Message);
        Assert.StartsWith($"conflict content/{file} ({id}): ", result.ToString());
        Assert.True(report.HasProblems);
        Assert.True(report.Count(ContentFileOutcome.Unchanged) == SeedFiles().Count - 1, Describe(report));
        var rows = await RowsAsync(services, id);
        Assert.Equal(2, rows.Count);
        var latestRow = Assert.Single(rows, r => r.Latest);
        Assert.Equal(draft.ContentItemVersionId, latestRow.ContentItemVersionId);
        Assert.Equal("trainer@example.com", latestRow.Author);
        Assert.Equal("培训师在门户中修改的标题", latestRow.DisplayText);
        Assert.Equal(rows[0].ContentItemVersionId, Assert.Single(rows, r => r.Published).ContentItemVersionId);
        Assert.Equal(head, await HeadAsync(services));
    }

    public static TheoryData<string> BadFileKinds => new(BadFiles.Kinds);

    [Theory]
    [MemberData(nameof(BadFileKinds))]
    public async Task A_bad_file_is_reported_at_its_line_and_field_and_every_other_file_is_imported(string kind)
    {
        var folder = NewContentFolder(services);
        CopyTaxonomy(folder);
        var good = BadFiles.WriteGoodFiles(folder);
        var bad = BadFiles.WriteBad(kind, folder);

        var report = await ImportAsync(folder);

        var result = Assert.Single(report.Files, f => f.Path == $"content/{bad.File}");
        Assert.True(result.Outcome == ContentFileOutcome.Invalid, Describe(report));
        var error = Assert.Single(result.Errors, e => e.Field == bad.Field);
        Assert.True(bad.Line == error.Line, $"expected line {bad.Line}, got: {error}");
        Assert.Equal($"content/{bad.File}", error.Path);
        Assert.StartsWith(bad.Field is null ? $"content/{bad.File}:{bad.Line}: " : $"content/{bad.File}:{bad.Line}: field '{bad.Field}': ", error.ToString());
        Assert.Contains(bad.MessagePart, error.Message);
        Assert.Contains(error.ToString(), result.ToString());
        Assert.Equal(1, report.Count(ContentFileOutcome.Invalid));
        Assert.True(report.Count(ContentFileOutcome.Created) == good.Count + bad.AlsoCreated.Count, Describe(report));

        foreach (var id in good.Concat(bad.AlsoCreated))
        {
            var row = Assert.Single(await RowsAsync(services, id));
            Assert.True(row.Published, $"{id} was not published");
        }
        if (bad.Id is { } badId && !bad.AlsoCreated.Contains(badId)) Assert.Empty(await RowsAsync(services, badId));
        if (bad.Slug is { } badSlug)
        {
            await using var scope = services.CreateScope();
            Assert.False(await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Items.AnyAsync(i => i.Slug == badSlug), $"slug {badSlug} was stored");
        }
    }

    [Fact]
    public async Task A_file_taking_the_slug_of_a_portal_item_is_reported_at_its_slug_line()
    {
        var slug = NewId("s");
        await using (var scope = services.CreateScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            await manager.CreateAsync(NewCase(manager, NewId("portal"), slug), "trainer@example.com", publish: true);
        }
        var folder = NewContentFolder(services);
        CopyTaxonomy(folder);
        var good = BadFiles.WriteGoodFiles(folder);
        var id = NewId("file");
        var text = BadFiles.Case(id, slug);
        Write(folder, "cases/taken.md", text);

        var report = await ImportAsync(folder);

        var result = Assert.Single(report.Files, f => f.Path == "content/cases/taken.md");
        Assert.True(result.Outcome == ContentFileOutcome.Invalid, Describe(report));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"content/cases/taken.md:{LineOf(text, "slug:")}: field 'slug': '{slug}' is already used", error.ToString());
        Assert.Empty(await RowsAsync(services, id));
        Assert.Equal(good.Count, report.Count(ContentFileOutcome.Created));
    }

    [Fact]
    public async Task Changing_the_type_of_an_imported_item_is_reported_on_the_type_field()
    {
        var folder = NewContentFolder(services);
        CopyTaxonomy(folder);
        var good = BadFiles.WriteGoodFiles(folder); // case, playbook, drill
        await ImportAsync(folder);
        var caseId = good[0];
        var drillId = good[2];
        var before = Assert.Single(await RowsAsync(services, caseId));
        var text = BadFiles.Playbook(caseId, caseId, drillId);
        Write(folder, "cases/good.md", text);

        var report = await ImportAsync(folder);

        var result = Assert.Single(report.Files, f => f.Path == "content/cases/good.md");
        Assert.True(result.Outcome == ContentFileOutcome.Invalid, Describe(report));
        Assert.True(result.Errors.Count == 1 && result.Errors[0].Field == "type" && result.Errors[0].Line == LineOf(text, "type:"),
            "expected one error on field 'type' (the stored item is a CaseStudy), got:\n" + string.Join("\n", result.Errors));
        Assert.Contains("CaseStudy", result.Errors[0].Message);
        var after = Assert.Single(await RowsAsync(services, caseId));
        Assert.Equal((before.ContentItemVersionId, "CaseStudy"), (after.ContentItemVersionId, after.ContentType));
    }

    [Fact]
    public async Task Breaking_the_file_of_a_stored_item_keeps_its_published_version()
    {
        var seed = CopySeed(services);
        await ImportAsync(seed.Folder);
        const string file = "cases/salesforce-shared-customer-data.md";
        var id = seed.IdsByFile[file];
        var before = Assert.Single(await RowsAsync(services, id));
        var text = File.ReadAllText(seed.PathOf(file));
        var broken = System.Text.RegularExpressions.Regex.Replace(text, @"^outcome: \w+$", "outcome: maybe", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.NotEqual(text, broken);
        File.WriteAllText(seed.PathOf(file), broken);
        var head = await HeadAsync(services);

        var report = await ImportAsync(seed.Folder);

        var result = ResultFor(report, file);
        Assert.Equal(ContentFileOutcome.Invalid, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("outcome", LineOf(broken, "outcome:")), (error.Field, error.Line));
        Assert.True(report.Count(ContentFileOutcome.Unchanged) == SeedFiles().Count - 1, Describe(report));
        var after = Assert.Single(await RowsAsync(services, id));
        Assert.Equal(before.ContentItemVersionId, after.ContentItemVersionId);
        Assert.True(after.Published && after.Latest);
        Assert.Equal(before.Content, after.Content);
        Assert.Equal(head, await HeadAsync(services));
        await using var scope = services.CreateScope();
        Assert.Equal(id, (await scope.ServiceProvider.GetRequiredService<PublishedContent>().BySlugAsync("CaseStudy", before.Slug))?.ContentItemId);
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_reproduces_the_published_items()
    {
        var seed = CopySeed(services, unique: false);
        var imported = await ImportAsync(seed.Folder);
        Assert.True(imported.Count(ContentFileOutcome.Created) == SeedFiles().Count, Describe(imported));
        var exported = NewTempFolder(services, "content");

        int count;
        List<ContentItem> source;
        await using (var scope = services.CreateScope())
        {
            count = await scope.ServiceProvider.GetRequiredService<ContentExporter>().ExportAsync(exported);
            source = await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Items.AsNoTracking().Where(i => i.Published).ToListAsync();
        }
        Assert.Equal(source.Count, count);
        Assert.True(File.Exists(Path.Combine(exported, "taxonomy.yaml")));
        Assert.True(File.Exists(Path.Combine(exported, "cases", "huawei-iron-triangle.md")));
        Assert.All(seed.IdsByFile.Values, id => Assert.Contains(source, i => i.ContentItemId == id));

        await using (var scope = services.CreateScope())
        {
            var folder = scope.ServiceProvider.GetRequiredService<ContentFolderReader>().Read(exported);
            Assert.Empty(folder.AllErrors.Select(e => e.ToString()));
            Assert.Equal(count, folder.Files.Count);
        }

        PortalServices other = services.Provider == DatabaseProvider.Sqlite ? new SqliteServices() : new PostgresServices();
        await other.InitializeAsync();
        try
        {
            var report = await ImportAsync(exported, other);
            Assert.True(report.Count(ContentFileOutcome.Created) == count, Describe(report));
            Assert.False(report.HasProblems, Describe(report));

            List<ContentItem> target;
            await using (var scope = other.CreateScope())
                target = await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Items.AsNoTracking().Where(i => i.Published).ToListAsync();
            Assert.Equal(source.Select(i => i.ContentItemId).Order(StringComparer.Ordinal), target.Select(i => i.ContentItemId).Order(StringComparer.Ordinal));
            foreach (var a in source)
            {
                var b = target.Single(i => i.ContentItemId == a.ContentItemId);
                Assert.Equal((a.ContentType, a.Slug, a.Culture, a.DisplayText), (b.ContentType, b.Slug, b.Culture, b.DisplayText));
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(a.Content), JsonNode.Parse(b.Content)),
                    $"{a.ContentItemId}: parts differ after the round trip\nbefore: {a.Content}\nafter:  {b.Content}");
            }

            // The taxonomy travels too.
            await using var sourceScope = services.CreateScope();
            await using var targetScope = other.CreateScope();
            var sourceTerms = await sourceScope.ServiceProvider.GetRequiredService<ContentDbContext>().TaxonomyTerms.AsNoTracking().OrderBy(t => t.Key).ToListAsync();
            var targetTerms = await targetScope.ServiceProvider.GetRequiredService<ContentDbContext>().TaxonomyTerms.AsNoTracking().OrderBy(t => t.Key).ToListAsync();
            Assert.Equal(sourceTerms.Select(t => (t.Key, t.Group, t.NameZh, t.NameEn)), targetTerms.Select(t => (t.Key, t.Group, t.NameZh, t.NameEn)));
        }
        finally
        {
            await other.DisposeAsync();
        }
    }
}

public sealed class ContentImporterTests_Sqlite(SqliteServices services) : ContentImporterTests(services), IClassFixture<SqliteServices>;

public sealed class ContentImporterTests_Postgres(PostgresServices services) : ContentImporterTests(services), IClassFixture<PostgresServices>;
