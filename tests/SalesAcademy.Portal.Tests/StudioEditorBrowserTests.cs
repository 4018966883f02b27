using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Drills.Models;
using SalesAcademy.Testing;
using static Microsoft.Playwright.Assertions;

namespace SalesAcademy.Portal.Tests;

/// <summary>The studio editor in a real browser: rows added and removed without a round-trip, the slug derived from the title.</summary>
public sealed class StudioEditorBrowserTests(BrowserPortal portal) : ChromiumTestClass, IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task A_trainer_adds_and_removes_drill_rows_in_the_browser_and_the_slug_follows_the_title_until_edited()
    {
        var trainer = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Rowena Trainer");
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using var _ = context;
        await Chromium.SignInAsync(page, trainer);
        await page.GotoAsync("/studio/edit?type=Drill");

        // The address follows the title while nobody has typed into it…
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#f-title", $"Role play: Acme renewal {suffix}");
        await Expect(page.Locator("#f-slug")).ToHaveValueAsync($"role-play-acme-renewal-{suffix}");
        await page.FillAsync("#f-title", $"Rôle play — Acme renewal, round two {suffix}");
        await Expect(page.Locator("#f-slug")).ToHaveValueAsync($"role-play-acme-renewal-round-two-{suffix}");
        // …and stops once the author edits it.
        var slug = $"acme-drill-{suffix}";
        await page.FillAsync("#f-slug", slug);
        await page.FillAsync("#f-title", $"Acme renewal drill {suffix}");
        await Expect(page.Locator("#f-slug")).ToHaveValueAsync(slug);

        // Rows: one empty role row from the server; "Add a role" adds rows at once, "Remove" takes one away.
        var roles = page.Locator("[data-rows='roles'] [data-row]");
        await Expect(roles).ToHaveCountAsync(1);
        await page.Locator("[data-add-row='roles']").ClickAsync();
        await page.Locator("[data-add-row='roles']").ClickAsync();
        await Expect(roles).ToHaveCountAsync(3);
        await Expect(roles.Nth(1).Locator("input[name='f.roles[1].role']")).ToBeVisibleAsync();
        await roles.Nth(0).Locator("input").FillAsync("AccountManager");
        await roles.Nth(0).Locator("textarea").FillAsync("Keeps the relationship");
        await roles.Nth(1).Locator("input").FillAsync("Rep");
        await roles.Nth(1).Locator("textarea").FillAsync("Will be removed");
        await roles.Nth(2).Locator("input").FillAsync("DeliveryManager");
        await roles.Nth(2).Locator("textarea").FillAsync("Protects the delivery date");
        await roles.Nth(1).Locator(".sa-row-remove").ClickAsync();
        await Expect(roles).ToHaveCountAsync(2);

        await page.FillAsync("#f-scenario", "The customer doubts the delivery date.");
        await page.FillAsync("#f-objectives", "Speak with one voice");
        await page.FillAsync("#f-duration", "30");
        await page.FillAsync("input[name='f.steps[0].title']", "Prepare");
        await page.FillAsync("input[name='f.steps[0].minutes']", "10");
        await page.Locator("[data-add-row='steps']").ClickAsync();
        await page.FillAsync("input[name='f.steps[1].title']", "Meet the customer");
        await page.FillAsync("input[name='f.steps[1].minutes']", "15");
        await page.FillAsync("input[name='f.rubric[0].criterion']", "One voice");
        await page.FillAsync("input[name='f.rubric[0].weight']", "100");
        await page.FillAsync("input[name='f.rubric[0].anchors.1']", "Contradictions");
        await page.FillAsync("input[name='f.rubric[0].anchors.3']", "Mostly aligned");
        await page.FillAsync("input[name='f.rubric[0].anchors.5']", "One answer");
        await page.FillAsync("#body", "Notes");
        await page.ClickAsync("button:has-text('Save draft')");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Draft saved.");
        await Chromium.ScreenshotAsync(page, "studio-drill-rows-en.png");
        Assert.True(problems.Count == 0, "Problems while editing:\n" + string.Join("\n", problems));

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var saved = (await manager.ListLatestAsync("Drill")).Single(i => i.Slug == slug);
        var drill = saved.As<DrillPart>();
        Assert.Equal(["AccountManager", "DeliveryManager"], drill.Roles.Select(r => r.Role));
        Assert.Equal(["Prepare", "Meet the customer"], drill.Steps.Select(s => s.Title));
        await manager.DeleteAsync(saved.ContentItemId, "test");
    }

    [Fact]
    public async Task A_suggested_address_never_lands_in_the_field_while_the_author_is_in_it()
    {
        var trainer = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Sol Trainer");
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using var _ = context;
        await Chromium.SignInAsync(page, trainer);
        await page.GotoAsync("/studio/edit?type=CaseStudy");

        // The author is in the empty address field when the title's suggestion comes back (on a busy machine it came
        // back as they started typing, and the two addresses were joined): it shows as the placeholder, not the value.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await page.FocusAsync("#f-slug");
        await page.EvalOnSelectorAsync("#f-title", $"t => {{ t.value = 'Suggested while typing {suffix}'; t.dispatchEvent(new Event('input', {{ bubbles: true }})); }}");
        await Expect(page.Locator("#f-slug")).ToHaveAttributeAsync("placeholder", $"suggested-while-typing-{suffix}");
        await Expect(page.Locator("#f-slug")).ToHaveValueAsync("");
        Assert.True(problems.Count == 0, "Problems while browsing:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task A_trainer_adds_a_role_column_and_a_stage_row_to_the_RACI_grid_in_the_browser_and_publishes()
    {
        var trainer = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Petra Trainer");
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using var _ = context;
        await Chromium.SignInAsync(page, trainer);
        await page.GotoAsync("/studio/edit?type=Playbook");

        var suffix = Guid.NewGuid().ToString("N")[..6];
        // A Chinese title suggests its address in pinyin.
        var slug = $"jiao-fu-yi-jiao-{suffix}";
        await page.FillAsync("#f-title", $"交付移交 {suffix}");
        await Expect(page.Locator("#f-slug")).ToHaveValueAsync(slug);

        // The server gives one empty stage row and two empty role columns; the buttons add more at once.
        var columns = page.Locator("#raci-grid thead th[data-column]");
        var stages = page.Locator("[data-rows='stages'] [data-row]");
        await Expect(columns).ToHaveCountAsync(2);
        await Expect(stages).ToHaveCountAsync(1);
        await page.Locator("[data-add-column='raci-grid']").ClickAsync();
        await Expect(columns).ToHaveCountAsync(3);
        await Expect(page.Locator("input[name='grid.roles[2]']")).ToBeVisibleAsync();
        await Expect(page.Locator("textarea[name='f.stages[0].raci[2].responsibilities:lines']")).ToBeVisibleAsync();
        // A stage added after the role has the new role's cell too.
        await page.Locator("[data-add-row='stages']").ClickAsync();
        await Expect(stages).ToHaveCountAsync(2);
        await Expect(page.Locator("input[name='f.stages[1].raci[2].raci']")).ToBeVisibleAsync();

        await page.FillAsync("input[name='grid.roles[0]']", "AccountManager");
        await page.FillAsync("input[name='grid.roles[2]']", "DeliveryManager");
        await page.FillAsync("input[name='f.stages[0].name']", "Discover");
        await page.FillAsync("input[name='f.stages[0].key']", "discover");
        await page.FillAsync("input[name='f.stages[0].raci[0].raci']", "A");
        await page.FillAsync("input[name='f.stages[0].raci[2].raci']", "C");
        await page.FillAsync("input[name='f.stages[1].name']", "Deliver");
        await page.FillAsync("input[name='f.stages[1].key']", "deliver");
        await page.FillAsync("input[name='f.stages[1].raci[0].raci']", "I");
        await page.FillAsync("input[name='f.stages[1].raci[2].raci']", "RA");
        await page.FillAsync("textarea[name='f.stages[1].raci[2].responsibilities:lines']", "Plans the hand-over");
        await page.FillAsync("#body", "How the team hands a deal over.");
        await page.ClickAsync("button:has-text('Save and publish')");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Saved and published.");
        Assert.True(problems.Count == 0, "Problems while editing:\n" + string.Join("\n", problems));

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var saved = (await manager.ListLatestAsync("Playbook")).Single(i => i.Slug == slug);
        Assert.True(saved.Published);
        var playbook = saved.As<SalesAcademy.Playbooks.Models.PlaybookPart>();
        Assert.Equal(["discover", "deliver"], playbook.Stages.Select(s => s.Key));
        Assert.Equal([("AccountManager", "I"), ("DeliveryManager", "RA")], playbook.Stages[1].Raci.Select(r => (r.Role, r.Raci)).OrderBy(r => r.Role));
        Assert.Equal(["Plans the hand-over"], playbook.Stages[1].For("DeliveryManager")!.Responsibilities);
        await manager.DeleteAsync(saved.ContentItemId, "test");
    }

    [Fact]
    public async Task The_quiz_editors_question_search_finds_a_question_the_picker_does_not_list_and_it_can_be_chosen()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        string oldId;
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            async Task<string> QuestionAsync(string title)
            {
                var id = "q-pick-" + Guid.NewGuid().ToString("N")[..12];
                var item = manager.New("Question", id);
                item.Culture = "en";
                item.Apply(new SalesAcademy.Content.Models.TitlePart { Title = title }).Apply(new SalesAcademy.Content.Models.RoutePart { Slug = id })
                    .Apply(new SalesAcademy.Content.Models.MarkdownBodyPart { Markdown = "True?" })
                    .Apply(new SalesAcademy.Quizzes.Questions.QuestionPart { Kind = SalesAcademy.Quizzes.Questions.QuestionKinds.TrueFalse, Answer = true, Explanation = "x" });
                return (await manager.CreateAsync(item, "tests", publish: true)).ContentItemId;
            }
            oldId = await QuestionAsync($"Picker target {marker}");
            for (var i = 0; i <= SalesAcademy.Quizzes.Questions.QuestionBank.PickerListed; i++) await QuestionAsync($"Picker filler {i} {marker}");
        }
        var trainer = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer, "Quinn Trainer");
        var (context, page, problems) = await Chromium.OpenAsync(portal.Factory, "en");
        await using var _ = context;
        await Chromium.SignInAsync(page, trainer);
        await page.GotoAsync("/studio/edit?type=Quiz");

        var first = page.Locator("select[name='f.questions[0]']");
        await Expect(first.Locator($"option[value='{oldId}']")).ToHaveCountAsync(0); // older than what the picker lists
        await page.FillAsync("#question-filter", $"target {marker}");
        await Expect(first.Locator($"option[value='{oldId}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"select[name='f.questions[4]'] option[value='{oldId}']")).ToHaveCountAsync(1);
        await first.SelectOptionAsync(oldId);
        // A search that finds nothing empties the other lists but keeps what was chosen.
        await page.FillAsync("#question-filter", $"nothing-{marker}");
        await Expect(page.Locator("select[name='f.questions[1]'] option:not([value=''])")).ToHaveCountAsync(0);
        await Expect(first).ToHaveValueAsync(oldId);
        Assert.True(problems.Count == 0, "Problems while searching:\n" + string.Join("\n", problems));
    }
}
