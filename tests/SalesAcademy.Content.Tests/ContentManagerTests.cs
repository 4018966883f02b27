using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Testing;
using static SalesAcademy.Content.Tests.TestContent;

namespace SalesAcademy.Content.Tests;

/// <summary>ContentManager against a real migrated database: versions, publishing, conflicts and the change log.</summary>
public abstract class ContentManagerTests(PortalServices services)
{
    private const string Author = "author@example.com";

    [Fact]
    public async Task Create_unpublished_stores_version_1_as_latest_only()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();

        var created = await manager.CreateAsync(NewCase(manager, id), Author, publish: false);

        Assert.Null(await manager.GetAsync(id, VersionOptions.Published));
        var latest = await manager.GetAsync(id, VersionOptions.Latest);
        Assert.NotNull(latest);
        Assert.Equal(1, latest.Number);
        Assert.True(latest.Latest);
        Assert.False(latest.Published);
        Assert.Null(latest.PublishedUtc);
        Assert.Equal(created.ContentItemVersionId, latest.ContentItemVersionId);
        Assert.Equal("CaseStudy", latest.ContentType);
        Assert.Equal("测试案例：铁三角协同", latest.DisplayText);
        Assert.Equal(id, latest.Slug);
        Assert.Equal("zh-CN", latest.Culture);
        Assert.Equal(Author, latest.Author);
        Assert.Equal("owner@example.com", latest.Owner);
        Assert.Equal("华为 Huawei", latest.As<CaseStudyPart>().Company);
        Assert.Equal(["iron-triangle", "crm"], latest.As<TagsPart>().Tags);
        Assert.Equal(30, latest.As<OwnershipPart>().VerifyEveryDays);
        Assert.Single(await RowsAsync(services, id));
    }

    [Fact]
    public async Task Create_published_stores_version_1_as_latest_and_published()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();

        var created = await manager.CreateAsync(NewCase(manager, id), Author, publish: true);

        var published = await manager.GetAsync(id, VersionOptions.Published);
        Assert.NotNull(published);
        Assert.Equal(created.ContentItemVersionId, published.ContentItemVersionId);
        Assert.Equal(1, published.Number);
        Assert.True(published.Latest);
        Assert.NotNull(published.PublishedUtc);
        Assert.Equal(DateTimeKind.Utc, published.PublishedUtc!.Value.Kind);
        Assert.Equal(created.ContentItemVersionId, (await manager.GetAsync(id, VersionOptions.Latest))!.ContentItemVersionId);
    }

    [Fact]
    public async Task Editing_a_published_item_saves_a_draft_then_publish_promotes_it()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();
        var v1 = await manager.CreateAsync(NewCase(manager, id, title: "第一版"), Author, publish: true);

        var v2 = await manager.SaveDraftAsync(v1.CloneForEdit().Apply(new TitlePart { Title = "第二版" }), v1.ContentItemVersionId, "editor@example.com");

        var latest = await manager.GetAsync(id, VersionOptions.Latest);
        Assert.Equal(v2.ContentItemVersionId, latest!.ContentItemVersionId);
        Assert.Equal(2, latest.Number);
        Assert.Equal("第二版", latest.DisplayText);
        Assert.Equal("editor@example.com", latest.Author);
        Assert.False(latest.Published);
        var published = await manager.GetAsync(id, VersionOptions.Published);
        Assert.Equal(v1.ContentItemVersionId, published!.ContentItemVersionId);
        Assert.Equal(1, published.Number);
        Assert.Equal("第一版", published.DisplayText);
        Assert.False(published.Latest);

        await manager.PublishAsync(id, v2.ContentItemVersionId, "editor@example.com");

        published = await manager.GetAsync(id, VersionOptions.Published);
        Assert.Equal(v2.ContentItemVersionId, published!.ContentItemVersionId);
        Assert.Equal("第二版", published.DisplayText);
        var versions = await manager.GetVersionsAsync(id);
        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal([v2.ContentItemVersionId, v1.ContentItemVersionId], versions.Select(v => v.ContentItemVersionId));
        Assert.False(versions[1].Published);
        Assert.False(versions[1].Latest);
        var rows = await RowsAsync(services, id);
        Assert.Equal(2, rows.Count);
        Assert.Equal(v2.ContentItemVersionId, Assert.Single(rows, r => r.Latest).ContentItemVersionId);
        Assert.Equal(v2.ContentItemVersionId, Assert.Single(rows, r => r.Published).ContentItemVersionId);
        Assert.Equal(rows[0].CreatedUtc, rows[1].CreatedUtc); // versions keep the item's creation time
    }

    [Fact]
    public async Task Unpublish_and_delete_leave_no_visible_version_and_are_logged()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();
        var v1 = await manager.CreateAsync(NewCase(manager, id), Author, publish: true);
        var head = await HeadAsync(services);

        Assert.True(await manager.UnpublishAsync(id, Author));

        Assert.Null(await manager.GetAsync(id, VersionOptions.Published));
        var latest = await manager.GetAsync(id, VersionOptions.Latest);
        Assert.Equal(v1.ContentItemVersionId, latest!.ContentItemVersionId);
        Assert.False(latest.Published);
        var unpublished = Assert.Single(await ChangesAsync(services, head, id));
        Assert.Equal(ContentChangeKind.Unpublished, unpublished.Kind);
        Assert.Equal(v1.ContentItemVersionId, unpublished.ContentItemVersionId);
        Assert.False(await manager.UnpublishAsync(id, Author)); // nothing left to unpublish: no-op, not logged
        Assert.Single(await ChangesAsync(services, head, id));

        Assert.True(await manager.DeleteAsync(id, Author));

        Assert.Null(await manager.GetAsync(id, VersionOptions.Latest));
        Assert.Null(await manager.GetAsync(id, VersionOptions.Published));
        var row = Assert.Single(await RowsAsync(services, id)); // soft delete: history stays
        Assert.False(row.Latest);
        Assert.False(row.Published);
        var changes = await ChangesAsync(services, head, id);
        Assert.Equal([ContentChangeKind.Unpublished, ContentChangeKind.Deleted], changes.Select(c => c.Kind));
        Assert.Equal(v1.ContentItemVersionId, changes[1].ContentItemVersionId);
        await Assert.ThrowsAsync<ContentNotFoundException>(() => manager.DeleteAsync(id, Author));
    }

    [Fact]
    public async Task Unpublishing_with_a_newer_draft_logs_the_version_taken_down()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();
        var v1 = await manager.CreateAsync(NewCase(manager, id), Author, publish: true);
        var draft = v1.CloneForEdit().Apply(new TitlePart { Title = "草稿：新标题" });
        var v2 = await manager.SaveDraftAsync(draft, v1.ContentItemVersionId, Author);
        var head = await HeadAsync(services);

        Assert.True(await manager.UnpublishAsync(id, Author));

        var change = Assert.Single(await ChangesAsync(services, head, id));
        Assert.Equal(v1.ContentItemVersionId, change.ContentItemVersionId);
        Assert.NotEqual(v2.ContentItemVersionId, change.ContentItemVersionId);
    }

    [Fact]
    public async Task Export_over_an_earlier_export_removes_the_file_of_an_item_whose_slug_changed()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var exporter = scope.ServiceProvider.GetRequiredService<SalesAcademy.Content.Import.ContentExporter>();
        var id = NewId();
        var oldSlug = NewId("old");
        var v1 = await manager.CreateAsync(NewCase(manager, id, slug: oldSlug), Author, publish: true);
        var folder = NewTempFolder(services, "export");
        File.WriteAllText(Path.Combine(folder, "notes.md"), "not exported content: must stay");
        await exporter.ExportAsync(folder);
        Assert.True(File.Exists(Path.Combine(folder, "cases", $"{oldSlug}.md")));

        var newSlug = NewId("new");
        await manager.SaveAndPublishAsync(v1.CloneForEdit().Apply(new RoutePart { Slug = newSlug }), v1.ContentItemVersionId, Author);
        await exporter.ExportAsync(folder);

        Assert.False(File.Exists(Path.Combine(folder, "cases", $"{oldSlug}.md")));
        Assert.Contains($"id: {id}", File.ReadAllText(Path.Combine(folder, "cases", $"{newSlug}.md")));
        Assert.True(File.Exists(Path.Combine(folder, "notes.md")));
    }

    [Fact]
    public async Task Marking_verified_updates_the_current_versions_in_place_and_logs_one_change()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var published = scope.ServiceProvider.GetRequiredService<PublishedContent>();
        var id = NewId();
        var v1 = await manager.CreateAsync(NewCase(manager, id), Author, publish: true);
        var v2 = await manager.SaveDraftAsync(v1.CloneForEdit().Apply(new TitlePart { Title = "草稿" }), v1.ContentItemVersionId, Author);
        Assert.True((await published.ByIdAsync(id))!.As<OwnershipPart>().IsDue(DateTime.UtcNow)); // never verified
        var head = await HeadAsync(services);

        var at = await manager.MarkVerifiedAsync(id, "owner@example.com");

        var rows = await RowsAsync(services, id);
        Assert.Equal(2, rows.Count); // no new version
        Assert.All(rows, r => Assert.Equal(at, r.As<OwnershipPart>().LastVerifiedUtc));
        Assert.Equal(v2.ContentItemVersionId, Assert.Single(rows, r => r.Latest).ContentItemVersionId);
        var change = Assert.Single(await ChangesAsync(services, head, id));
        Assert.Equal(v1.ContentItemVersionId, change.ContentItemVersionId); // the published version readers see
        var seen = (await published.ByIdAsync(id))!.As<OwnershipPart>();
        Assert.False(seen.IsDue(DateTime.UtcNow));
        Assert.True(seen.IsDue(DateTime.UtcNow.AddDays(OwnershipPart.DefaultVerifyEveryDays + 1)));
        await Assert.ThrowsAsync<ContentNotFoundException>(() => manager.MarkVerifiedAsync(NewId(), "owner@example.com"));
    }

    [Fact]
    public async Task A_published_snapshot_item_reads_as_the_stored_version_and_knows_its_facets()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var published = scope.ServiceProvider.GetRequiredService<PublishedContent>();
        var id = NewId();
        var body = "## 背景\n\n" + string.Concat(Enumerable.Repeat("铁三角一起面对客户，the whole team wins the deal. ", 200)); // a large part
        await manager.CreateAsync(NewCase(manager, id, outcome: "lost", body: body), Author, publish: true);
        var stored = Assert.Single(await RowsAsync(services, id));

        var item = (await published.ByIdAsync(id))!;

        // The snapshot keeps the document compressed: it reads back byte for byte, and every part as stored.
        Assert.Equal(stored.Content, item.Content);
        Assert.Equal(body, item.As<MarkdownBodyPart>().Markdown);
        Assert.Equal(body, item.As<MarkdownBodyPart>().Markdown); // read again (from the snapshot's part cache or parsed anew)
        Assert.Equal(["iron-triangle", "crm"], item.As<TagsPart>().Tags);
        Assert.Equal("华为 Huawei", item.As<CaseStudyPart>().Company);
        // Facets (list filters) without parsing: the tags and what the type declares (IContentIndexed).
        Assert.Equal(["iron-triangle", "crm"], item.FacetValues("tag"));
        Assert.Equal(["ict"], item.FacetValues("industry"));
        Assert.Equal(["lost"], item.FacetValues("outcome"));
        Assert.Empty(item.FacetValues("no-such-facet"));
        // An item read for editing is not packed: its facets other than tags are the snapshot's to know.
        Assert.Equal(["iron-triangle", "crm"], stored.FacetValues("tag"));
        Assert.Throws<InvalidOperationException>(() => stored.FacetValues("industry"));
    }

    [Fact]
    public async Task Saving_on_an_old_version_is_a_conflict_naming_the_current_author_and_changes_nothing()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();
        var v1 = await manager.CreateAsync(NewCase(manager, id), Author, publish: true);
        var v2 = await manager.SaveDraftAsync(v1.CloneForEdit().Apply(new TitlePart { Title = "培训师修改" }), v1.ContentItemVersionId, "trainer@example.com");
        var head = await HeadAsync(services);

        var stale = v1.CloneForEdit().Apply(new TitlePart { Title = "过时的修改" });
        var conflict = await Assert.ThrowsAsync<ContentConflictException>(() => manager.SaveDraftAsync(stale, v1.ContentItemVersionId, "late@example.com"));

        var current = await manager.GetVersionAsync(v2.ContentItemVersionId);
        Assert.Contains("trainer@example.com", conflict.Message);
        Assert.Contains(current!.ModifiedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), conflict.Message);
        Assert.Contains("version 2", conflict.Message);
        Assert.Equal(v2.ContentItemVersionId, conflict.Current.ContentItemVersionId);
        Assert.Equal(v1.ContentItemVersionId, conflict.BasedOnVersionId);

        var rows = await RowsAsync(services, id);
        Assert.Equal(2, rows.Count);
        Assert.Equal(v2.ContentItemVersionId, Assert.Single(rows, r => r.Latest).ContentItemVersionId);
        Assert.Equal(v1.ContentItemVersionId, Assert.Single(rows, r => r.Published).ContentItemVersionId);
        Assert.DoesNotContain(rows, r => r.DisplayText == "过时的修改");
        Assert.Equal(head, await HeadAsync(services));

        // Publishing on a stale version is refused the same way.
        await Assert.ThrowsAsync<ContentConflictException>(() => manager.PublishAsync(id, v1.ContentItemVersionId, "late@example.com"));
        Assert.Equal(v1.ContentItemVersionId, (await manager.GetAsync(id))!.ContentItemVersionId);
        Assert.Equal(head, await HeadAsync(services));
    }

    [Fact]
    public async Task Two_concurrent_saves_on_the_same_version_let_exactly_one_win()
    {
        for (var round = 0; round < 3; round++)
        {
            var id = NewId();
            await using (var setup = services.CreateScope())
            {
                var manager = setup.ServiceProvider.GetRequiredService<ContentManager>();
                await manager.CreateAsync(NewCase(manager, id), Author, publish: true);
            }
            var head = await HeadAsync(services);

            await using var scopeA = services.CreateScope();
            await using var scopeB = services.CreateScope();
            var managerA = scopeA.ServiceProvider.GetRequiredService<ContentManager>();
            var managerB = scopeB.ServiceProvider.GetRequiredService<ContentManager>();
            var readA = await managerA.GetAsync(id, VersionOptions.Latest);
            var readB = await managerB.GetAsync(id, VersionOptions.Latest);
            Assert.Equal(readA!.ContentItemVersionId, readB!.ContentItemVersionId);

            using var start = new ManualResetEventSlim();
            var saveA = Task.Run(() => { start.Wait(); return managerA.SaveDraftAsync(readA.CloneForEdit().Apply(new TitlePart { Title = "A 的修改" }), readA.ContentItemVersionId, "a@example.com"); });
            var saveB = Task.Run(() => { start.Wait(); return managerB.SaveDraftAsync(readB.CloneForEdit().Apply(new TitlePart { Title = "B 的修改" }), readB.ContentItemVersionId, "b@example.com"); });
            start.Set();
            try { await Task.WhenAll(saveA, saveB); } catch { /* inspected below */ }

            Task<ContentItem>[] saves = [saveA, saveB];
            var winner = Assert.Single(saves, t => t.IsCompletedSuccessfully);
            var loser = Assert.Single(saves, t => t.IsFaulted);
            var error = loser.Exception!.InnerException;
            // Writes are serialised (a write lock per transaction), so the loser reads the winner's version and is refused
            // with the conflict that names it; any other failure (a lock timeout, a unique-key error) is a defect.
            var conflict = Assert.IsType<ContentConflictException>(error);
            Assert.Equal((await winner).ContentItemVersionId, conflict.Current.ContentItemVersionId);

            var rows = await RowsAsync(services, id);
            Assert.Equal(2, rows.Count);
            var latest = Assert.Single(rows, r => r.Latest);
            Assert.Equal((await winner).ContentItemVersionId, latest.ContentItemVersionId);
            Assert.Equal(2, latest.Number);
            Assert.Equal(winner == saveA ? "A 的修改" : "B 的修改", latest.DisplayText);
            Assert.Single(rows, r => r.Published);
            var change = Assert.Single(await ChangesAsync(services, head, id));
            Assert.Equal(latest.ContentItemVersionId, change.ContentItemVersionId);
        }
    }

    /// <summary>
    /// The conditional demotion (UPDATE … WHERE Latest) is the last guard when "latest" moves between a save's read and its
    /// write, which the write lock normally rules out: a writer that skips the lock is simulated by demoting the version the
    /// save read, on the save's own connection, just before its demotion runs.
    /// </summary>
    [Fact]
    public async Task A_save_whose_version_stops_being_latest_after_it_was_read_is_refused_by_the_conditional_demotion()
    {
        var id = NewId();
        ContentItem v1;
        await using (var setup = services.CreateScope())
        {
            var manager = setup.ServiceProvider.GetRequiredService<ContentManager>();
            v1 = await manager.CreateAsync(NewCase(manager, id), Author, publish: true);
        }
        var head = await HeadAsync(services);

        var interference = new OtherWriterBeforeDemotion(id);
        await using var scope = services.CreateScope();
        await using var db = ContextWith(interference);
        var racing = ActivatorUtilities.CreateInstance<ContentManager>(scope.ServiceProvider, db);
        var error = await Assert.ThrowsAsync<ContentConflictException>(() =>
            racing.SaveDraftAsync(v1.CloneForEdit().Apply(new TitlePart { Title = "不应保存" }), v1.ContentItemVersionId, Author));
        Assert.True(interference.Fired, "the save never reached its demotion");
        Assert.Equal(v1.ContentItemVersionId, error.BasedOnVersionId);

        // Rolled back as a whole: v1 is still the one latest and published version, and the change log did not move.
        var row = Assert.Single(await RowsAsync(services, id));
        Assert.Equal((v1.ContentItemVersionId, true, true), (row.ContentItemVersionId, row.Latest, row.Published));
        Assert.Equal(head, await HeadAsync(services));
    }

    private ContentDbContext ContextWith(IInterceptor interceptor)
    {
        if (services.Provider == Core.Data.DatabaseProvider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteContentDbContext>();
            Core.Data.PortalDbContextRegistration.ConfigureSqlite(sqlite, services.Database.ConnectionString, ContentDbContext.MigrationsTable);
            return new SqliteContentDbContext(sqlite.AddInterceptors(interceptor).Options);
        }
        var postgres = new DbContextOptionsBuilder<PostgresContentDbContext>();
        Core.Data.PortalDbContextRegistration.ConfigurePostgres(postgres, services.Database.ConnectionString, ContentDbContext.MigrationsTable);
        return new PostgresContentDbContext(postgres.AddInterceptors(interceptor).Options);
    }

    /// <summary>Right before the save's "UPDATE … SET Latest = false", another writer takes "latest" away from the read version.</summary>
    private sealed class OtherWriterBeforeDemotion(string contentItemId) : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (!Fired && command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains("SET \"Latest\"", StringComparison.Ordinal))
            {
                Fired = true;
                await using var other = command.Connection!.CreateCommand();
                other.Transaction = command.Transaction;
                other.CommandText = $"UPDATE \"ContentItems\" SET \"Latest\" = FALSE WHERE \"ContentItemId\" = '{contentItemId}'";
                Assert.Equal(1, await other.ExecuteNonQueryAsync(ct));
            }
            return result;
        }
    }

    [Fact]
    public async Task Every_write_appends_exactly_one_change_with_increasing_sequence()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();
        var head = await HeadAsync(services);

        var v1 = await manager.CreateAsync(NewCase(manager, id), Author, publish: false);
        Assert.Single(await ChangesAsync(services, head, id));
        var v2 = await manager.SaveDraftAsync(v1.CloneForEdit().Apply(new MarkdownBodyPart { Markdown = "新正文" }), v1.ContentItemVersionId, Author);
        Assert.Equal(2, (await ChangesAsync(services, head, id)).Count);
        await manager.PublishAsync(id, v2.ContentItemVersionId, Author);
        Assert.Equal(3, (await ChangesAsync(services, head, id)).Count);
        await manager.PublishAsync(id, v2.ContentItemVersionId, Author); // already published: no-op
        Assert.Equal(3, (await ChangesAsync(services, head, id)).Count);
        var v3 = await manager.SaveAndPublishAsync(v2.CloneForEdit().Apply(new MarkdownBodyPart { Markdown = "第三版" }), v2.ContentItemVersionId, Author);
        await manager.UnpublishAsync(id, Author);
        await manager.DeleteAsync(id, Author);

        var changes = await ChangesAsync(services, head, id);
        Assert.Equal(
            [ContentChangeKind.Updated, ContentChangeKind.Updated, ContentChangeKind.Updated, ContentChangeKind.Updated, ContentChangeKind.Unpublished, ContentChangeKind.Deleted],
            changes.Select(c => c.Kind));
        Assert.Equal(
            [v1.ContentItemVersionId, v2.ContentItemVersionId, v2.ContentItemVersionId, v3.ContentItemVersionId, v3.ContentItemVersionId, v3.ContentItemVersionId],
            changes.Select(c => c.ContentItemVersionId));
        Assert.All(changes, c => Assert.Equal("CaseStudy", c.ContentType));
        Assert.All(changes.Zip(changes.Skip(1)), p => Assert.True(p.Second.Sequence > p.First.Sequence, $"{p.Second.Sequence} after {p.First.Sequence}"));
        Assert.True(changes[0].Sequence > head);
        Assert.Equal(changes[^1].Sequence, await HeadAsync(services));
    }

    [Fact]
    public async Task A_write_that_fails_validation_stores_neither_the_item_nor_a_change()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();
        var head = await HeadAsync(services);

        var empty = await Assert.ThrowsAsync<ContentValidationException>(() => manager.CreateAsync(NewCase(manager, id, title: "  "), Author, publish: true));
        Assert.Contains(empty.Errors, e => e.Field == "title");
        Assert.Contains("field 'title'", empty.Message);
        Assert.Empty(await RowsAsync(services, id));
        Assert.Equal(head, await HeadAsync(services));

        var maybe = await Assert.ThrowsAsync<ContentValidationException>(() => manager.CreateAsync(NewCase(manager, id, outcome: "maybe"), Author, publish: true));
        var error = Assert.Single(maybe.Errors);
        Assert.Equal("outcome", error.Field);
        Assert.Contains("'maybe'", error.Message);
        Assert.Empty(await RowsAsync(services, id));
        Assert.Equal(head, await HeadAsync(services));

        // The same on an edit: the stored versions and the log stay as they were.
        var v1 = await manager.CreateAsync(NewCase(manager, id), Author, publish: true);
        head = await HeadAsync(services);
        var bad = v1.CloneForEdit().Apply(new CaseStudyPart { Company = "X", Industry = "ict", DealSize = "huge", Outcome = "won", Roles = ["Rep"] });
        var edit = await Assert.ThrowsAsync<ContentValidationException>(() => manager.SaveDraftAsync(bad, v1.ContentItemVersionId, Author));
        Assert.Equal("dealSize", Assert.Single(edit.Errors).Field);
        var row = Assert.Single(await RowsAsync(services, id));
        Assert.True(row.Latest);
        Assert.True(row.Published);
        Assert.Equal(head, await HeadAsync(services));
    }

    [Fact]
    public async Task A_write_whose_transaction_fails_late_rolls_back_the_version_and_its_change()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var id = NewId();
        var v1 = await manager.CreateAsync(NewCase(manager, id), Author, publish: true, alsoInTransaction: saved =>
            db.ImportRecords.Add(new ContentImportRecord { ContentItemId = saved.ContentItemId, SourcePath = "cases/x.md", SourceHash = "h1", ImportedVersionId = saved.ContentItemVersionId }));
        var head = await HeadAsync(services);

        // The extra insert collides with the stored record (same key) only at SaveChanges, after the
        // save has already demoted v1 in the database: all of it must roll back together.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => manager.SaveAndPublishAsync(
            v1.CloneForEdit().Apply(new TitlePart { Title = "不应保存" }), v1.ContentItemVersionId, Author,
            alsoInTransaction: saved => db.ImportRecords.Add(new ContentImportRecord { ContentItemId = saved.ContentItemId, SourcePath = "cases/x.md", SourceHash = "h2", ImportedVersionId = saved.ContentItemVersionId })));

        var row = Assert.Single(await RowsAsync(services, id));
        Assert.Equal(v1.ContentItemVersionId, row.ContentItemVersionId);
        Assert.True(row.Latest);
        Assert.True(row.Published);
        Assert.Equal(head, await HeadAsync(services));
        // The manager (and its context) is still usable after the failed write.
        var v2 = await manager.SaveDraftAsync(v1.CloneForEdit().Apply(new TitlePart { Title = "之后的修改" }), v1.ContentItemVersionId, Author);
        Assert.Equal(2, v2.Number);
    }

    [Fact]
    public async Task Slugs_are_unique_across_items()
    {
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var slug = NewId("s");
        var first = NewId();
        await manager.CreateAsync(NewCase(manager, first, slug), Author, publish: false);
        var head = await HeadAsync(services);

        var second = NewId();
        var taken = await Assert.ThrowsAsync<ContentValidationException>(() => manager.CreateAsync(NewCase(manager, second, slug), Author, publish: true));
        Assert.Equal("slug", Assert.Single(taken.Errors).Field);
        Assert.Contains(slug, taken.Message);
        Assert.Empty(await RowsAsync(services, second));

        // Moving another item onto the slug is refused too; keeping one's own slug is fine.
        var third = NewId();
        var v1 = await manager.CreateAsync(NewCase(manager, third), Author, publish: true);
        var move = await Assert.ThrowsAsync<ContentValidationException>(() =>
            manager.SaveDraftAsync(v1.CloneForEdit().Apply(new RoutePart { Slug = slug }), v1.ContentItemVersionId, Author));
        Assert.Equal("slug", Assert.Single(move.Errors).Field);
        Assert.Equal(third, Assert.Single(await RowsAsync(services, third)).Slug);
        var kept = await manager.SaveDraftAsync(v1.CloneForEdit().Apply(new TitlePart { Title = "同一个 slug" }), v1.ContentItemVersionId, Author);
        Assert.Equal(third, kept.Slug);
        Assert.Equal(2, (await ChangesAsync(services, head)).Count); // the two successful writes only
    }

    [Fact]
    public async Task Published_content_follows_writes_at_once()
    {
        var published = services.Services.GetRequiredService<PublishedContent>();
        await using var scope = services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var id = NewId();
        var slug = NewId("s");

        var v1 = await manager.CreateAsync(NewCase(manager, id, slug, title: "缓存测试"), Author, publish: false);
        Assert.Null(await published.BySlugAsync("CaseStudy", slug)); // builds the snapshot without it

        await manager.PublishAsync(id, v1.ContentItemVersionId, Author);
        var shown = await published.BySlugAsync("CaseStudy", slug);
        Assert.NotNull(shown);
        Assert.Equal(v1.ContentItemVersionId, shown.ContentItemVersionId);
        Assert.Equal("缓存测试", shown.As<TitlePart>().Title);
        Assert.Same(shown, await published.ByIdAsync(id));
        Assert.Contains((await published.ListAsync("CaseStudy")), i => i.ContentItemId == id);
        Assert.Null(await published.BySlugAsync("Playbook", slug));

        // A draft does not show; publishing it does.
        var v2 = await manager.SaveDraftAsync(v1.CloneForEdit().Apply(new TitlePart { Title = "缓存测试 v2" }), v1.ContentItemVersionId, Author);
        Assert.Equal(v1.ContentItemVersionId, (await published.BySlugAsync("CaseStudy", slug))!.ContentItemVersionId);
        await manager.PublishAsync(id, v2.ContentItemVersionId, Author);
        Assert.Equal("缓存测试 v2", (await published.BySlugAsync("CaseStudy", slug))!.DisplayText);

        await manager.UnpublishAsync(id, Author);
        Assert.Null(await published.BySlugAsync("CaseStudy", slug));
        Assert.Null(await published.ByIdAsync(id));
        Assert.DoesNotContain((await published.ListAsync("CaseStudy")), i => i.ContentItemId == id);
    }
}

public sealed class ContentManagerTests_Sqlite(SqliteServices services) : ContentManagerTests(services), IClassFixture<SqliteServices>;

public sealed class ContentManagerTests_Postgres(PostgresServices services) : ContentManagerTests(services), IClassFixture<PostgresServices>;
