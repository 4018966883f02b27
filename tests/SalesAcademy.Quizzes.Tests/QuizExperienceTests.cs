using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// Taking a quiz as a rep meets it (issue 14 §2) through the pages without script: an untouched ordering question stays
/// unanswered, a submit with gaps asks first, times are marked for the browser's zone, the intro says when answers show,
/// the result says what went to the review deck; a lead reads "their answer"; a random draw keeps to the quiz's language.
/// </summary>
public abstract class QuizExperienceTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;
    private QuizWorld World => new(Factory);
    private ApiPeople People => new(Factory);
    private static readonly HtmlParser Parser = new();

    private async Task<(ContentItem[] Questions, ContentItem Quiz, ApiUser Rep, Browser Browser, QuizAttempt Attempt)> StartedAsync(Action<QuizPart>? configure = null)
    {
        var questions = await World.FiveKindsAsync();
        var quiz = await World.QuizAsync(questions, part => { part.Shuffle = false; configure?.Invoke(part); });
        var rep = await People.NewAsync(PortalRoles.Rep);
        var browser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        var start = await browser.SubmitAsync($"/quizzes/{quiz.Slug}", new Dictionary<string, string>(), "Start");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var id = long.Parse(start.Headers.Location!.OriginalString.Split('/')[^1]);
        return (questions, quiz, rep, browser, await World.AttemptAsync(id));
    }

    private static async Task<IDocument> DocumentAsync(HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task An_untouched_ordering_question_starts_empty_is_not_answered_and_is_graded_unanswered()
    {
        var (questions, _, _, browser, attempt) = await StartedAsync();
        using var _b = browser;
        var url = $"/quizzes/attempt/{attempt.Id}";
        var page = await DocumentAsync(await browser.GetAsync(url));
        var ordering = QuizWorld.SlotOf(attempt, questions[3]);
        var selects = page.QuerySelectorAll($"#q{ordering} select");
        Assert.Equal(4, selects.Length);
        // Every place starts empty: nothing is pre-filled in the shown order.
        Assert.All(selects, s => Assert.Equal("", s.QuerySelector("option[selected]")?.GetAttribute("value")));
        Assert.All(selects, s => Assert.Equal("–", s.QuerySelector("option")!.TextContent));
        // The up/down buttons (the keyboard alternative to dragging) are named for the item they move; script reveals them.
        Assert.Equal(4, page.QuerySelectorAll($"#q{ordering} .sa-order-up[aria-label^='Move up: ']").Length);
        Assert.Contains("0 of 5 answered", page.QuerySelector("#answered-count")!.TextContent);

        // The page's autosave posts the ordering question with its empty places, alongside a real answer.
        var single = QuizWorld.SlotOf(attempt, questions[0]);
        var fields = new Dictionary<string, string>
        {
            ["seq"] = "0", ["s"] = ordering.ToString(),
            [$"a{single}.choice"] = QuizWorld.OptionId(attempt, questions[0], 1),
        };
        for (var i = 0; i < 4; i++) fields[$"a{ordering}.pos.{QuizWorld.OptionId(attempt, questions[3], i)}"] = "";
        var saved = await browser.SubmitToAsync(url, $"{url}?handler=Save", fields, htmx: true);
        Assert.Contains("sa-saved", await saved.Content.ReadAsStringAsync());
        Assert.Null((await World.AttemptAsync(attempt.Id)).Questions.Single(q => q.Slot == ordering).Response);
        page = await DocumentAsync(await browser.GetAsync(url));
        Assert.Contains("0 of 5 answered", page.QuerySelector("#answered-count")!.TextContent);

        var submitted = await browser.SubmitToAsync(url, $"{url}?handler=Submit", new Dictionary<string, string> { ["seq"] = "0", ["gaps"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var graded = (await World.AttemptAsync(attempt.Id)).Questions.Single(q => q.Slot == ordering);
        Assert.Null(graded.Response);
        Assert.Equal(0, graded.Fraction ?? 0);
        var result = await DocumentAsync(await browser.GetAsync($"{url}/result"));
        Assert.Equal("No answer", result.QuerySelector($".sa-result-question[data-slot='{ordering}'] .sa-your-answer")!.TextContent.Trim());
        Assert.Equal("wrong", result.QuerySelector($".sa-result-question[data-slot='{ordering}']")!.GetAttribute("data-result"));
    }

    [Fact]
    public async Task Submitting_with_unanswered_questions_asks_first_naming_them_and_times_are_marked_for_the_local_zone()
    {
        var (questions, _, _, browser, attempt) = await StartedAsync();
        using var _b = browser;
        var url = $"/quizzes/attempt/{attempt.Id}";
        var trueFalse = QuizWorld.SlotOf(attempt, questions[2]);
        var saved = await browser.SubmitToAsync(url, $"{url}?handler=Save",
            new Dictionary<string, string> { ["seq"] = "0", ["s"] = trueFalse.ToString(), [$"a{trueFalse}.value"] = "true" }, htmx: true);
        var status = Parser.ParseDocument(await saved.Content.ReadAsStringAsync());
        var time = status.QuerySelector(".sa-saved time[data-local]")!;
        Assert.EndsWith("Z", time.GetAttribute("datetime"));
        Assert.EndsWith("UTC", time.TextContent); // the server's fallback says it is UTC

        // Without script: the submit is held and the page names the questions still without an answer.
        var asked = await browser.SubmitToAsync(url, $"{url}?handler=Submit", new Dictionary<string, string> { ["seq"] = "1" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = await DocumentAsync(asked);
        var unanswered = string.Join(", ", Enumerable.Range(1, 5).Where(n => n != trueFalse + 1));
        Assert.Contains($"Questions without an answer: {unanswered}. Submit anyway?", page.QuerySelector(".sa-gaps")!.TextContent);
        Assert.Contains("1 of 5 answered", page.QuerySelector("#answered-count")!.TextContent);
        Assert.Equal(AttemptState.InProgress, (await World.AttemptAsync(attempt.Id)).State);
        // The script's confirm step has its message and the counter its template (no unfilled placeholder on the page).
        Assert.Equal("Questions without an answer: %0. Submit anyway?", page.QuerySelector("form[data-attempt]")!.GetAttribute("data-gaps-message"));
        Assert.Equal("%0 of %1 answered", page.QuerySelector("#answered-count")!.GetAttribute("data-template"));
        Assert.NotNull(page.QuerySelector(".sa-attempt-bar.sticky-top #save-status"));

        // "Submit anyway" submits.
        var confirmed = await browser.PostAsync($"{url}?handler=Submit", new Dictionary<string, string>
        {
            ["seq"] = page.QuerySelector(".sa-gaps input[name='seq']")!.GetAttribute("value")!, ["gaps"] = "1",
            ["__RequestVerificationToken"] = page.QuerySelector(".sa-gaps input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(AttemptState.Submitted, (await World.AttemptAsync(attempt.Id)).State);
    }

    [Fact]
    public async Task The_intro_says_when_right_answers_and_explanations_are_shown_for_each_setting()
    {
        var questions = await World.FiveKindsAsync();
        var immediate = await World.QuizAsync(questions);
        var afterClose = await World.QuizAsync(questions, part => { part.Feedback = FeedbackTimings.AfterClose; part.ClosesUtc = DateTime.UtcNow.AddDays(3); });
        var rep = await People.NewAsync(PortalRoles.Rep);
        using var browser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        var first = await DocumentAsync(await browser.GetAsync($"/quizzes/{immediate.Slug}"));
        Assert.Equal("Shown when you submit the attempt, not while you answer", first.QuerySelector(".sa-feedback-timing")!.TextContent.Trim());
        var second = await DocumentAsync(await browser.GetAsync($"/quizzes/{afterClose.Slug}"));
        Assert.Equal("Shown only after the quiz closes; until then you see your score", second.QuerySelector(".sa-feedback-timing")!.TextContent.Trim());
        Assert.DoesNotContain("after each answer", first.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("Z", second.QuerySelector(".sa-quiz-rules time[data-local]")!.GetAttribute("datetime"));

        // The editor names the setting by what it does.
        var trainer = await People.NewAsync(PortalRoles.Trainer);
        using var studio = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);
        var editor = await DocumentAsync(await studio.GetAsync($"/studio/edit/{immediate.ContentItemId}"));
        Assert.Equal(["Shown as soon as the taker submits", "Shown only after the quiz closes (scores before)"],
            editor.QuerySelectorAll("#f-feedback option").Select(o => o.TextContent.Trim()));
    }

    [Fact]
    public async Task One_point_is_said_in_the_singular_and_a_short_answer_shows_its_first_form_with_the_rest_as_also_accepted()
    {
        var (questions, _, rep, browser, attempt) = await StartedAsync();
        using var _b = browser;
        var url = $"/quizzes/attempt/{attempt.Id}";
        var single = QuizWorld.SlotOf(attempt, questions[0]);
        var legend = (await DocumentAsync(await browser.GetAsync(url))).QuerySelector($"#q{single} legend")!.TextContent;
        Assert.Contains("1 point", legend);
        Assert.DoesNotContain("points", legend);

        var submitted = await browser.SubmitToAsync(url, $"{url}?handler=Submit", new Dictionary<string, string> { ["seq"] = "0", ["gaps"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var result = await DocumentAsync(await browser.GetAsync($"{url}/result"));
        var heading = result.QuerySelector($".sa-result-question[data-slot='{single}'] h2")!.TextContent;
        Assert.Contains("0 of 1 point", heading);
        Assert.DoesNotContain("points", heading);
        // Accepted = ["CRM", "customer relationship management"]: the first is the answer, the other a quieter "also accepted".
        var shortSlot = QuizWorld.SlotOf(attempt, questions[4]);
        var right = result.QuerySelector($".sa-result-question[data-slot='{shortSlot}'] .sa-right-answer")!;
        Assert.Equal("CRM", right.QuerySelector(".sa-accepted-first")!.TextContent.Trim());
        Assert.Equal("(also accepted: customer relationship management)", right.QuerySelector(".sa-also-accepted")!.TextContent.Trim());

        using var zh = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password, "zh-CN");
        var chinese = await DocumentAsync(await zh.GetAsync($"{url}/result"));
        Assert.Equal("(也接受：customer relationship management)",
            chinese.QuerySelector($".sa-result-question[data-slot='{shortSlot}'] .sa-also-accepted")!.TextContent.Trim());
        Assert.Contains("0 / 1 分", chinese.QuerySelector($".sa-result-question[data-slot='{single}'] h2")!.TextContent);

        // A one-minute time limit is "1 minute".
        var timed = await World.QuizAsync(questions, part => part.TimeLimitMinutes = 1);
        var details = (await DocumentAsync(await browser.GetAsync($"/quizzes/{timed.Slug}"))).Body!.TextContent;
        Assert.Contains("1 minute", details);
        Assert.DoesNotContain("1 minutes", details);
    }

    [Fact]
    public async Task The_result_says_how_many_wrong_answers_went_to_the_review_deck_and_adds_others_in_place()
    {
        var (questions, _, _, browser, attempt) = await StartedAsync();
        using var _b = browser;
        var url = $"/quizzes/attempt/{attempt.Id}";
        var trueFalse = QuizWorld.SlotOf(attempt, questions[2]);
        var submitted = await browser.SubmitToAsync(url, $"{url}?handler=Submit",
            new Dictionary<string, string> { ["seq"] = "0", ["gaps"] = "1", ["s"] = trueFalse.ToString(), [$"a{trueFalse}.value"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        var result = await DocumentAsync(await browser.GetAsync($"{url}/result"));
        var filed = result.QuerySelector(".sa-deck-filed")!;
        Assert.Contains("4 questions you did not get fully right went to your review deck.", filed.TextContent);
        Assert.NotNull(filed.QuerySelector("a[href='/daily-review']"));
        // The four wrong ones are already in the deck; the right one can be added, in place with htmx.
        Assert.Equal(4, result.QuerySelectorAll(".sa-result-question .sa-added-to-deck").Length);
        var form = Assert.Single(result.QuerySelectorAll("form.sa-add-to-deck"));
        Assert.Equal("/daily-review/add", form.GetAttribute("hx-post"));
        Assert.Equal("outerHTML", form.GetAttribute("hx-swap"));
        var fields = new Dictionary<string, string>
        {
            ["questionId"] = questions[2].ContentItemId, ["returnUrl"] = $"{url}/result",
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        };
        var swapped = await browser.PostAsync("/daily-review/add", fields, htmx: true);
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Contains("In your review deck", Parser.ParseDocument(await swapped.Content.ReadAsStringAsync()).QuerySelector(".sa-added-to-deck")!.TextContent);
        // Without script the same post returns to the result, which now shows it in the deck.
        var again = await browser.PostAsync("/daily-review/add", fields);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal($"{url}/result", again.Headers.Location!.OriginalString);
        result = await DocumentAsync(await browser.GetAsync($"{url}/result"));
        Assert.Empty(result.QuerySelectorAll("form.sa-add-to-deck"));
        Assert.Equal(5, result.QuerySelectorAll(".sa-result-question .sa-added-to-deck").Length);
    }

    [Fact]
    public async Task A_team_lead_reading_a_reps_result_reads_their_answer_not_your_answer()
    {
        var (_, _, rep, browser, attempt) = await StartedAsync();
        using var _b = browser;
        var url = $"/quizzes/attempt/{attempt.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitToAsync(url, $"{url}?handler=Submit", new Dictionary<string, string> { ["seq"] = "0", ["gaps"] = "1" })).StatusCode);
        var own = await DocumentAsync(await browser.GetAsync($"{url}/result"));
        Assert.All(own.QuerySelectorAll(".sa-result-question strong").Where(s => s.TextContent.Contains("answer:") && !s.TextContent.StartsWith("Right")),
            s => Assert.Equal("Your answer:", s.TextContent.Trim()));

        var lead = await People.NewAsync(PortalRoles.TeamLead);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var roster = scope.ServiceProvider.GetRequiredService<SalesAcademy.Teams.Services.TeamRoster>();
            var (team, error) = await roster.CreateAsync("Quiz team " + QuizWorld.Suffix(), null);
            Assert.Null(error);
            Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, SalesAcademy.Core.Domain.TeamRoles.Lead));
            Assert.Null(await roster.AddMemberAsync(team.Id, rep.Email, "AccountManager"));
        }
        using var leadBrowser = await TestUsers.SignedInAsync(Factory, lead.Email, ApiPeople.Password);
        var theirs = await DocumentAsync(await leadBrowser.GetAsync($"{url}/result"));
        Assert.NotEmpty(theirs.QuerySelectorAll(".sa-result-question"));
        Assert.DoesNotContain("Your answer", theirs.Body!.TextContent);
        Assert.Equal(5, theirs.QuerySelectorAll(".sa-result-question strong").Count(s => s.TextContent.Trim() == "Their answer:"));
        Assert.Empty(theirs.QuerySelectorAll("form.sa-add-to-deck, .sa-deck-filed")); // the deck is the taker's

        using var zh = await TestUsers.SignedInAsync(Factory, lead.Email, ApiPeople.Password, "zh-CN");
        var chinese = await DocumentAsync(await zh.GetAsync($"{url}/result"));
        Assert.DoesNotContain("你的答案", chinese.Body!.TextContent);
        Assert.Contains("TA的答案", chinese.Body!.TextContent);
    }

    [Fact]
    public async Task A_random_draw_keeps_to_the_quizs_language_unless_the_quiz_takes_any_language()
    {
        var tag = new[] { "iron-triangle" };
        var english = new List<ContentItem>();
        for (var i = 0; i < 3; i++)
            english.Add(await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true }, $"English {i}", tags: tag));
        for (var i = 0; i < 3; i++)
            await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true }, $"中文 {i}", tags: tag, culture: "zh-CN");
        var chineseQuiz = await World.QuizAsync([], part => { part.Questions = []; part.Draw = new QuizDraw { Count = 200, Tags = [.. tag] }; }, "zh-CN");
        var anyQuiz = await World.QuizAsync([], part => { part.Questions = []; part.Draw = new QuizDraw { Count = 200, Tags = [.. tag] }; part.DrawAnyLanguage = true; }, "zh-CN");

        async Task<List<string>> DrawnCulturesAsync(ContentItem quiz)
        {
            var rep = await People.NewAsync(PortalRoles.Rep);
            var started = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created);
            var attempt = await World.AttemptAsync(started["attempt"]!["id"]!.GetValue<long>());
            await using var scope = Factory.Services.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var cultures = new List<string>();
            foreach (var q in attempt.Questions) cultures.Add((await manager.GetAsync(q.QuestionItemId))!.Culture);
            Assert.True(attempt.Questions.Count >= 3);
            return cultures;
        }
        Assert.All(await DrawnCulturesAsync(chineseQuiz), c => Assert.Equal("zh-CN", c));
        Assert.Contains("en", await DrawnCulturesAsync(anyQuiz));
    }

    private async Task TeamAsync(ApiUser lead, params ApiUser[] members)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<SalesAcademy.Teams.Services.TeamRoster>();
        var (team, error) = await roster.CreateAsync("Quiz team " + QuizWorld.Suffix(), null);
        Assert.Null(error);
        Assert.Null(await roster.AddMemberAsync(team!.Id, lead.Email, SalesAcademy.Core.Domain.TeamRoles.Lead));
        foreach (var member in members) Assert.Null(await roster.AddMemberAsync(team.Id, member.Email, "AccountManager"));
    }

    [Fact]
    public async Task A_team_lead_opens_item_analysis_over_their_teams_first_attempts_only()
    {
        var questions = await World.FiveKindsAsync();
        var quiz = await World.QuizAsync(questions);
        async Task<ApiUser> TakeAsync()
        {
            var rep = await People.NewAsync(PortalRoles.Rep);
            var started = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created);
            await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{started["attempt"]!["id"]}/submit");
            return rep;
        }
        var inTeam = await TakeAsync();
        await TakeAsync();
        await TakeAsync();
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        await TeamAsync(lead, inTeam);
        var idleLead = await People.NewAsync(PortalRoles.TeamLead);
        await TeamAsync(idleLead, await People.NewAsync(PortalRoles.Rep)); // a team that did not take it

        using var leadBrowser = await TestUsers.SignedInAsync(Factory, lead.Email, ApiPeople.Password);
        var response = await leadBrowser.GetAsync($"/quizzes/{quiz.Slug}/statistics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DocumentAsync(response);
        Assert.NotNull(page.QuerySelector(".sa-teams-only"));
        Assert.Contains("1", page.QuerySelector("#needs-attempts")!.TextContent); // their one first attempt, not all three
        var details = await DocumentAsync(await leadBrowser.GetAsync($"/quizzes/{quiz.Slug}"));
        Assert.NotNull(details.QuerySelector($"a[href='/quizzes/{quiz.Slug}/statistics']"));

        using var idle = await TestUsers.SignedInAsync(Factory, idleLead.Email, ApiPeople.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await idle.GetAsync($"/quizzes/{quiz.Slug}/statistics")).StatusCode);
        using var repBrowser = await TestUsers.SignedInAsync(Factory, inTeam.Email, ApiPeople.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await repBrowser.GetAsync($"/quizzes/{quiz.Slug}/statistics")).StatusCode);

        var trainer = await People.NewAsync(PortalRoles.Trainer);
        using var trainerBrowser = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);
        var full = await DocumentAsync(await trainerBrowser.GetAsync($"/quizzes/{quiz.Slug}/statistics"));
        Assert.Null(full.QuerySelector(".sa-teams-only"));
        Assert.Equal("3", full.QuerySelector("[data-stat='attempts']")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_quiz_listing_a_draft_question_cannot_be_published_in_the_studio_or_the_api()
    {
        var published = await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true }, "Published one.");
        ContentItem draft;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var copy = manager.New(QuizzesModule.QuestionType, "q-draft-" + QuizWorld.Suffix());
            copy.Culture = "en";
            copy.Apply(new TitlePart { Title = "Draft copy " + QuizWorld.Suffix() }).Apply(new RoutePart { Slug = copy.ContentItemId })
                .Apply(new MarkdownBodyPart { Markdown = "Draft." }).Apply(new OwnershipPart { Owner = "content-team" })
                .Apply(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true, Explanation = "x" });
            draft = await manager.CreateAsync(copy, "tests", publish: false);
        }
        var refused = await Assert.ThrowsAsync<ContentValidationException>(() => World.QuizAsync([published, draft]));
        var error = Assert.Single(refused.Errors);
        Assert.Equal("questions[1]", error.Field);
        Assert.Contains(draft.DisplayText, error.Message);
        Assert.Contains("is not published", error.Message);

        // The API: a draft quiz of a published and a draft question is refused on publish, naming the draft.
        ContentItem quizDraft;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var item = manager.New(QuizzesModule.QuizType, "quiz-draft-" + QuizWorld.Suffix());
            item.Culture = "en";
            item.Apply(new TitlePart { Title = "Quiz draft" }).Apply(new RoutePart { Slug = item.ContentItemId })
                .Apply(new MarkdownBodyPart { Markdown = "Intro." }).Apply(new OwnershipPart { Owner = "content-team" })
                .Apply(new QuizPart { Questions = [published.ContentItemId, draft.ContentItemId] });
            quizDraft = await manager.CreateAsync(item, "tests", publish: false);
        }
        var admin = await People.NewAsync(PortalRoles.Administrator);
        var answer = await People.SendAsync(admin, HttpMethod.Post, $"/api/v1/content/{quizDraft.ContentItemId}/publish");
        Assert.False(answer.IsSuccessStatusCode);
        Assert.Contains("is not published", await answer.Content.ReadAsStringAsync());
        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.False((await scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync(quizDraft.ContentItemId, VersionOptions.Latest))!.Published);

        // The picker tells the two apart.
        var trainer = await People.NewAsync(PortalRoles.Trainer);
        using var studio = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);
        var editor = await DocumentAsync(await studio.GetAsync($"/studio/edit/{quizDraft.ContentItemId}"));
        Assert.Equal("/questions?handler=Picker", editor.QuerySelector("#question-filter")?.GetAttribute("hx-get"));
        var option = editor.QuerySelector($"select.sa-question-pick option[value='{draft.ContentItemId}']")!;
        Assert.Equal("false", option.GetAttribute("data-published"));
        Assert.Contains("draft", option.TextContent);
        Assert.Contains("published", editor.QuerySelector($"select.sa-question-pick option[value='{published.ContentItemId}']")!.TextContent);
    }

    [Fact]
    public async Task The_question_picker_lists_the_newest_questions_and_its_search_finds_any_question_of_a_larger_bank()
    {
        var marker = QuizWorld.Suffix();
        var old = await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true }, "An older question.", $"Older question {marker}");
        // More newer questions than the picker lists: the older one is not among the options any more.
        for (var i = 0; i <= QuestionBank.PickerListed; i++)
            await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true }, "Filler.", $"Filler {i} {QuizWorld.Suffix()}");
        var trainer = await People.NewAsync(PortalRoles.Trainer);
        using var studio = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);
        var editor = await DocumentAsync(await studio.GetAsync("/studio/edit?type=Quiz"));
        var first = editor.QuerySelectorAll("select.sa-question-pick").First();
        Assert.Equal(QuestionBank.PickerListed, first.QuerySelectorAll("option[value]:not([value=''])").Length);
        Assert.Null(first.QuerySelector($"option[value='{old.ContentItemId}']"));
        Assert.NotNull(editor.QuerySelector("[data-picker-note]"));

        // The search asks the server, which looks through the whole bank (every word: title, state, owner or id).
        var found = await DocumentAsync(await studio.GetAsync($"/questions?handler=Picker&q={Uri.EscapeDataString($"older {marker} published")}"));
        var option = Assert.Single(found.QuerySelectorAll("option"));
        Assert.Equal(old.ContentItemId, option.GetAttribute("value"));
        Assert.Contains($"Older question {marker}", option.TextContent);
        Assert.Empty((await DocumentAsync(await studio.GetAsync($"/questions?handler=Picker&q={Uri.EscapeDataString($"older {marker} draft")}"))).QuerySelectorAll("option"));

        // A quiz that lists it keeps it as its chosen option, however old.
        var quiz = await World.QuizAsync([old]);
        var quizEditor = await DocumentAsync(await studio.GetAsync($"/studio/edit/{quiz.ContentItemId}"));
        Assert.Equal(old.ContentItemId, quizEditor.QuerySelector("select[name='f.questions[0]'] option[selected]")?.GetAttribute("value"));

        // Reps have no question bank: the search answers 404.
        var rep = await People.NewAsync(PortalRoles.Rep);
        using var repBrowser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await repBrowser.GetAsync($"/questions?handler=Picker&q={marker}")).StatusCode);
    }
}

public sealed class QuizExperienceTests_Sqlite(SqlitePortal portal) : QuizExperienceTests(portal), IClassFixture<SqlitePortal>;

public sealed class QuizExperienceTests_Postgres(PostgresPortal portal) : QuizExperienceTests(portal), IClassFixture<PostgresPortal>;
