using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Domain;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// The attempt engine through the API and the pages: the state machine, the sequence that refuses stale posts, autosave
/// and resume after a new sign-in, the server's time limit, idempotent submission, version pinning, who sees what.
/// </summary>
public abstract class AttemptTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;
    private QuizWorld World => new(Factory);
    private ApiPeople People => new(Factory);

    private static readonly HttpMethod Put = HttpMethod.Put;

    private async Task<(ApiUser Rep, ContentItem Quiz, ContentItem[] Questions, JsonNode Attempt)> StartedAsync(Action<QuizPart>? configure = null)
    {
        var questions = await World.FiveKindsAsync();
        var quiz = await World.QuizAsync(questions, configure);
        var rep = await People.NewAsync(PortalRoles.Rep);
        var attempt = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created);
        return (rep, quiz, questions, attempt);
    }

    private static int SlotOf(JsonNode attempt, ContentItem question) =>
        attempt["questions"]!.AsArray().Single(q => (string)q!["questionId"]! == question.ContentItemId)!["slot"]!.GetValue<int>();

    /// <summary>The id the attempt gives the option with this text (the API names options only by the attempt's ids).</summary>
    private static string Id(JsonNode attempt, ContentItem question, string text) =>
        (string)attempt["questions"]!.AsArray().Single(q => (string)q!["questionId"]! == question.ContentItemId)!["options"]!.AsArray()
            .Single(o => (string)o!["text"]! == text)!["id"]!;

    private async Task<int> SaveAsync(ApiUser rep, long id, int slot, int sequence, object? response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var answer = await (await People.SendAsync(rep, Put, $"/api/v1/attempts/{id}/answers/{slot}", new { sequence, response })).JsonAsync(expected);
        return expected == HttpStatusCode.OK ? answer["sequence"]!.GetValue<int>() : -1;
    }

    /// <summary>Answers every question right (the multiple-choice one half right) and returns the sequence after.</summary>
    private async Task<int> AnswerAllAsync(ApiUser rep, JsonNode attempt, ContentItem[] q)
    {
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        var seq = attempt["sequence"]!.GetValue<int>();
        seq = await SaveAsync(rep, id, SlotOf(attempt, q[0]), seq, new { choice = Id(attempt, q[0], "The iron triangle together") });
        seq = await SaveAsync(rep, id, SlotOf(attempt, q[1]), seq, new { choices = new[] { Id(attempt, q[1], "Shared CRM records") } });
        seq = await SaveAsync(rep, id, SlotOf(attempt, q[2]), seq, new { value = true });
        string[] stages = ["Discover", "Qualify", "Propose", "Close"];
        seq = await SaveAsync(rep, id, SlotOf(attempt, q[3]), seq, new { order = stages.Select(s => Id(attempt, q[3], s)).ToArray() });
        seq = await SaveAsync(rep, id, SlotOf(attempt, q[4]), seq, new { text = "  crm " });
        return seq;
    }

    [Fact]
    public async Task An_attempt_is_started_pinned_answered_submitted_and_graded_on_the_server()
    {
        var (rep, quiz, q, attempt) = await StartedAsync();
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        Assert.Equal("inProgress", (string)attempt["attempt"]!["state"]!);
        Assert.Equal(quiz.ContentItemVersionId, (string)attempt["attempt"]!["quizVersionId"]!);
        Assert.Equal(0, attempt["sequence"]!.GetValue<int>());
        Assert.Equal(5, attempt["questions"]!.AsArray().Count);
        // The taker sees options, never which one is right.
        Assert.DoesNotContain("correct", attempt.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var ordering = attempt["questions"]!.AsArray().Single(x => (string)x!["kind"]! == QuestionKinds.Ordering)!;
        Assert.NotEqual(["Discover", "Qualify", "Propose", "Close"], ordering["options"]!.AsArray().Select(o => (string)o!["text"]!).ToArray()); // never shown already in order

        var seq = await AnswerAllAsync(rep, attempt, q);
        Assert.Equal(5, seq);
        var stored = await World.AttemptAsync(id);
        Assert.All(stored.Questions, s => Assert.NotNull(s.Response));
        Assert.Equal(q.Select(x => x.ContentItemVersionId).Order(), stored.Questions.Select(s => s.QuestionVersionId).Order());

        var result = await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", (string)result["attempt"]!["state"]!);
        // 4 right + multiple choice with one of two right options and no wrong one = 0.5: 4.5 of 5.
        Assert.Equal(4.5, result["attempt"]!["score"]!.GetValue<double>(), 6);
        Assert.Equal(90, result["attempt"]!["percent"]!.GetValue<double>(), 6);
        Assert.True(result["attempt"]!["passed"]!.GetValue<bool>());
        Assert.True(result["showsAnswers"]!.GetValue<bool>());
        var multiple = result["questions"]!.AsArray().Single(x => (string)x!["questionId"]! == q[1].ContentItemId)!;
        Assert.Equal(0.5, multiple["fraction"]!.GetValue<double>(), 6);
        Assert.Equal(new[] { Id(attempt, q[1], "Shared CRM records"), Id(attempt, q[1], "A weekly deal review") }.Order(),
            multiple["rightAnswer"]!["choices"]!.AsArray().Select(c => (string)c!).Order());
        Assert.Equal("Because the **playbook** says so.", (string)multiple["explanation"]!);

        // What was not fully right goes into the taker's review deck.
        Assert.Equal([q[1].ContentItemId], await World.DbAsync(db => db.ReviewCards.Where(c => c.UserId == rep.Id).Select(c => c.QuestionItemId).ToListAsync()));

        // Submitting again changes nothing.
        var finishedAt = (await World.AttemptAsync(id)).FinishedUtc;
        var again = await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(result["attempt"]!.ToJsonString(), again["attempt"]!.ToJsonString());
        Assert.Equal(finishedAt, (await World.AttemptAsync(id)).FinishedUtc);

        // A finished attempt takes no more answers.
        var closed = await (await People.SendAsync(rep, Put, $"/api/v1/attempts/{id}/answers/0", new { sequence = seq + 1, response = new { value = true } }))
            .JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("The attempt is finished.", (string)closed["title"]!);
    }

    [Fact]
    public async Task A_stale_sequence_is_refused_and_saves_nothing()
    {
        var (rep, _, q, attempt) = await StartedAsync();
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        var slot = SlotOf(attempt, q[0]);
        var seq = await SaveAsync(rep, id, slot, 0, new { choice = Id(attempt, q[0], "The iron triangle together") });
        Assert.Equal(1, seq);

        // A second tab still holds sequence 0.
        var stale = await (await People.SendAsync(rep, Put, $"/api/v1/attempts/{id}/answers/{slot}",
                new { sequence = 0, response = new { choice = Id(attempt, q[0], "Delivery after signing") } }))
            .JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, stale["currentSequence"]!.GetValue<int>());
        var stored = await World.AttemptAsync(id);
        Assert.Equal("{\"choice\":1}", stored.Questions.Single(s => s.Slot == slot).Response);
        Assert.Equal(1, stored.Sequence);

        // An answer that does not fit the question is refused with the field named.
        var invalid = await (await People.SendAsync(rep, Put, $"/api/v1/attempts/{id}/answers/{slot}", new { sequence = 1, response = new { choice = "no-such-option" } }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("response", invalid.ErrorFields()[0]);
        Assert.Equal(1, (await World.AttemptAsync(id)).Sequence);
    }

    [Fact]
    public async Task Answers_saved_from_the_page_survive_a_new_sign_in_and_a_stale_tab_gets_a_friendly_message()
    {
        var questions = await World.FiveKindsAsync();
        var quiz = await World.QuizAsync(questions);
        var email = await TestUsers.CreateAsync(Factory, PortalRoles.Rep);
        long id;
        using (var first = await TestUsers.SignedInAsync(Factory, email))
        {
            var start = await first.SubmitAsync($"/quizzes/{quiz.Slug}", new Dictionary<string, string>(), "Start");
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            var location = start.Headers.Location!.OriginalString;
            Assert.Matches(@"^/quizzes/attempt/\d+$", location);
            id = long.Parse(location.Split('/')[^1]);
            var attempt = await World.AttemptAsync(id);
            var single = QuizWorld.SlotOf(attempt, questions[0]);
            var text = QuizWorld.SlotOf(attempt, questions[4]);
            string Option(int index) => QuizWorld.OptionId(attempt, questions[0], index);

            // htmx posts the whole form on each change; the answer comes back as a status and the new sequence.
            var saved = await first.SubmitToAsync(location, $"{location}?handler=Save",
                new Dictionary<string, string> { ["seq"] = "0", ["s"] = single.ToString(), [$"a{single}.choice"] = Option(1) }, htmx: true);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var fragment = await saved.Content.ReadAsStringAsync();
            Assert.Contains("value=\"1\"", fragment);
            Assert.Contains("hx-swap-oob", fragment);

            var typed = await first.SubmitToAsync(location, $"{location}?handler=Save",
                new Dictionary<string, string> { ["seq"] = "1", ["s"] = text.ToString(), [$"a{text}.text"] = "客户关系管理 CRM" }, htmx: true);
            Assert.Contains("sa-saved", await typed.Content.ReadAsStringAsync());

            // The back button posts the form it had, with sequence 0.
            var stale = await first.SubmitToAsync(location, $"{location}?handler=Save",
                new Dictionary<string, string> { ["seq"] = "0", ["s"] = single.ToString(), [$"a{single}.choice"] = Option(0) });
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var page = new HtmlParser().ParseDocument(await stale.Content.ReadAsStringAsync());
            Assert.Contains("changed in another tab or window", page.QuerySelector("#save-status .sa-stale")!.TextContent);
            // The page shows what the server holds, not what the stale post carried.
            Assert.True(((IHtmlInputElement)page.QuerySelector($"#q{single}-{Option(1)}")!).IsChecked);
        }

        // A new sign-in (another device): the attempt resumes with every saved answer.
        using var second = await TestUsers.SignedInAsync(Factory, email);
        var detail = await second.GetAsync($"/quizzes/{quiz.Slug}");
        var resume = new HtmlParser().ParseDocument(await detail.Content.ReadAsStringAsync());
        Assert.Equal($"/quizzes/attempt/{id}", resume.QuerySelector(".sa-attempts a")!.GetAttribute("href"));
        var take = new HtmlParser().ParseDocument(await (await second.GetAsync($"/quizzes/attempt/{id}")).Content.ReadAsStringAsync());
        var stored = await World.AttemptAsync(id);
        Assert.True(((IHtmlInputElement)take.QuerySelector($"#q{QuizWorld.SlotOf(stored, questions[0])}-{QuizWorld.OptionId(stored, questions[0], 1)}")!).IsChecked);
        Assert.Equal("客户关系管理 CRM", take.QuerySelector($"#q{QuizWorld.SlotOf(stored, questions[4])}-text")!.GetAttribute("value"));
        Assert.Equal("2", take.QuerySelector("#seq")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_server_enforces_the_time_limit()
    {
        var (rep, _, q, attempt) = await StartedAsync(quiz => quiz.TimeLimitMinutes = 10);
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        var deadline = attempt["deadlineUtc"]!.GetValue<DateTime>();
        Assert.InRange(deadline - DateTime.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        var seq = await SaveAsync(rep, id, SlotOf(attempt, q[2]), 0, new { value = true });

        // Time runs out (the deadline is moved into the past, as eleven minutes passing would).
        await World.DbAsync(db => db.Attempts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeadlineUtc, DateTime.UtcNow.AddMinutes(-1))));
        var late = await (await People.SendAsync(rep, Put, $"/api/v1/attempts/{id}/answers/{SlotOf(attempt, q[0])}",
                new { sequence = seq, response = new { choice = Id(attempt, q[0], "The iron triangle together") } }))
            .JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("Time is up", (string)late["detail"]!);

        var stored = await World.AttemptAsync(id);
        Assert.Equal(AttemptState.Overdue, stored.State);
        Assert.Null(stored.Questions.Single(s => s.QuestionItemId == q[0].ContentItemId).Response);
        Assert.Equal(1, stored.Score); // graded on what was saved before the deadline: the true/false answer
        var submitted = await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("overdue", (string)submitted["attempt"]!["state"]!);
    }

    [Fact]
    public async Task Later_edits_never_change_an_old_score()
    {
        var (rep, quiz, q, attempt) = await StartedAsync();
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        await AnswerAllAsync(rep, attempt, q);
        await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit");
        var before = await World.AttemptAsync(id);

        // The trainer changes the right answer of the single-choice question and the pass mark.
        await World.EditAsync<QuestionPart>(q[0], part => { part.Choices[1].Correct = false; part.Choices[0].Correct = true; });
        await World.EditAsync<QuizPart>(quiz, part => part.PassMark = 95);

        var result = await (await People.SendAsync(rep, HttpMethod.Get, $"/api/v1/attempts/{id}/result")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(before.Score, result["attempt"]!["score"]!.GetValue<double>());
        Assert.True(result["attempt"]!["passed"]!.GetValue<bool>());
        var single = result["questions"]!.AsArray().Single(x => (string)x!["questionId"]! == q[0].ContentItemId)!;
        Assert.Equal(Id(attempt, q[0], "The iron triangle together"), (string)single["rightAnswer"]!["choice"]!); // the pinned version's key

        // A new attempt uses the new versions.
        var next = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, next["attempt"]!["number"]!.GetValue<int>());
        Assert.NotEqual(before.QuizVersionId, (string)next["attempt"]!["quizVersionId"]!);
    }

    [Fact]
    public async Task Attempts_allowed_resume_and_abandon()
    {
        var (rep, quiz, _, attempt) = await StartedAsync(part => part.AttemptsAllowed = 2);
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        // Starting again while one is in progress resumes it.
        var resumed = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, resumed["attempt"]!["id"]!.GetValue<long>());

        var email = rep.Email;
        using var browser = await TestUsers.SignedInAsync(Factory, email, ApiPeople.Password);
        var abandon = await browser.SubmitAsync($"/quizzes/attempt/{id}", new Dictionary<string, string>(), "Abandon");
        Assert.Equal(HttpStatusCode.Redirect, abandon.StatusCode);
        Assert.Equal(AttemptState.Abandoned, (await World.AttemptAsync(id)).State);

        var second = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created);
        await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{second["attempt"]!["id"]}/submit");
        var refused = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("You have used every attempt this quiz allows.", (string)refused["title"]!);
    }

    [Fact]
    public async Task Only_the_taker_their_team_lead_and_trainers_see_an_attempt()
    {
        var (rep, quiz, q, attempt) = await StartedAsync();
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        await AnswerAllAsync(rep, attempt, q);
        await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit");

        var other = await People.NewAsync(PortalRoles.Rep);
        await (await People.SendAsync(other, HttpMethod.Get, $"/api/v1/attempts/{id}")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(other, HttpMethod.Get, $"/api/v1/attempts/{id}/result")).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(other, Put, $"/api/v1/attempts/{id}/answers/0", new { sequence = 5, response = new { value = true } })).StatusAsync(HttpStatusCode.NotFound);
        await (await People.SendAsync(other, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).StatusAsync(HttpStatusCode.NotFound);
        using (var intruder = await TestUsers.SignedInAsync(Factory, other.Email, ApiPeople.Password))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/quizzes/attempt/{id}/result")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/quizzes/attempt/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/quizzes/{quiz.Slug}/results")).StatusCode);
        }

        // A lead of a team the rep is in sees the result; a lead of another team does not.
        var lead = await People.NewAsync(PortalRoles.TeamLead);
        var otherLead = await People.NewAsync(PortalRoles.TeamLead);
        await TeamsAsync((lead.Id, rep.Id), (otherLead.Id, other.Id));
        await (await People.SendAsync(lead, HttpMethod.Get, $"/api/v1/attempts/{id}/result")).StatusAsync(HttpStatusCode.OK);
        await (await People.SendAsync(otherLead, HttpMethod.Get, $"/api/v1/attempts/{id}/result")).StatusAsync(HttpStatusCode.NotFound);
        using (var leadBrowser = await TestUsers.SignedInAsync(Factory, lead.Email, ApiPeople.Password))
        {
            var results = new HtmlParser().ParseDocument(await (await leadBrowser.GetAsync($"/quizzes/{quiz.Slug}/results")).Content.ReadAsStringAsync());
            Assert.Equal([rep.Email], results.QuerySelectorAll(".sa-results tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        }
        using (var otherLeadBrowser = await TestUsers.SignedInAsync(Factory, otherLead.Email, ApiPeople.Password))
        {
            var results = new HtmlParser().ParseDocument(await (await otherLeadBrowser.GetAsync($"/quizzes/{quiz.Slug}/results")).Content.ReadAsStringAsync());
            Assert.Empty(results.QuerySelectorAll(".sa-results tbody tr"));
        }

        // Trainers see everyone's, and export them.
        var trainer = await People.NewAsync(PortalRoles.Trainer);
        await (await People.SendAsync(trainer, HttpMethod.Get, $"/api/v1/attempts/{id}/result")).StatusAsync(HttpStatusCode.OK);
        using var trainerBrowser = await TestUsers.SignedInAsync(Factory, trainer.Email, ApiPeople.Password);
        var csv = await trainerBrowser.GetAsync($"/quizzes/{quiz.Slug}/results?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("taker,attempt,state,started_utc,finished_utc,score,max_score,percent,passed,pending_manual", lines[0]);
        var row = Assert.Single(lines[1..]).Split(',');
        Assert.Equal([rep.Email, "1", "Submitted"], row[..3]);
        Assert.Equal(["4.5", "5", "90", "yes", "0"], row[5..]);
    }

    [Fact]
    public async Task An_undecided_short_answer_waits_for_a_trainer_whose_grade_rescores_the_attempt()
    {
        var question = await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.Short, Accepted = ["CRM"], ManualWhenUndecided = true },
            "What keeps the team's customer knowledge in one place?");
        var quiz = await World.QuizAsync([question], part => part.PassMark = 50);
        var rep = await People.NewAsync(PortalRoles.Rep);
        var attempt = await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created);
        var id = attempt["attempt"]!["id"]!.GetValue<long>();
        await SaveAsync(rep, id, 0, 0, new { text = "A shared account plan everyone updates" });
        var result = await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result["attempt"]!["pendingManual"]!.GetValue<int>());
        Assert.Null(result["attempt"]!["passed"]);
        Assert.True(result["questions"]![0]!["awaitingGrading"]!.GetValue<bool>());

        var slot = (await World.AttemptAsync(id)).Questions.Single();
        var trainer = await TestUsers.CreateAsync(Factory, PortalRoles.Trainer);
        using (var repBrowser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password))
            Assert.Equal(HttpStatusCode.NotFound, (await repBrowser.GetAsync("/quizzes/grading")).StatusCode);
        using var browser = await TestUsers.SignedInAsync(Factory, trainer);
        var page = new HtmlParser().ParseDocument(await (await browser.GetAsync("/quizzes/grading")).Content.ReadAsStringAsync());
        var item = page.QuerySelector($".sa-grading-item[data-answer='{slot.Id}']")!;
        Assert.Equal("A shared account plan everyone updates", item.QuerySelector(".sa-their-answer")!.TextContent.Trim());
        var graded = await browser.SubmitAsync("/quizzes/grading", new Dictionary<string, string> { ["answerId"] = slot.Id.ToString(), ["fraction"] = "0.5" });
        Assert.Equal(HttpStatusCode.Redirect, graded.StatusCode);

        var stored = await World.AttemptAsync(id);
        Assert.Equal(0, stored.PendingManual);
        Assert.Equal(0.5, stored.Score);
        Assert.True(stored.Passed);
        Assert.Equal(trainer, stored.Questions.Single().GradedBy);
        // Graded once: the queue no longer shows it, and a second grade (the earlier page's form) finds nothing to grade.
        Assert.Null(new HtmlParser().ParseDocument(await (await browser.GetAsync("/quizzes/grading")).Content.ReadAsStringAsync())
            .QuerySelector($".sa-grading-item[data-answer='{slot.Id}']"));
        var token = item.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var again = await browser.PostAsync("/quizzes/grading",
            new Dictionary<string, string> { ["answerId"] = slot.Id.ToString(), ["fraction"] = "1", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    /// <summary>Makes each lead the Lead of a new team holding the member.</summary>
    private async Task TeamsAsync(params (string LeadId, string MemberId)[] teams)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var roster = scope.ServiceProvider.GetRequiredService<SalesAcademy.Teams.Services.TeamRoster>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SalesAcademy.Accounts.Models.PortalUser>>();
        foreach (var (leadId, memberId) in teams)
        {
            var (team, error) = await roster.CreateAsync("Quiz team " + QuizWorld.Suffix(), null);
            Assert.Null(error);
            var teamId = team!.Id;
            Assert.Null(await roster.AddMemberAsync(teamId, (await users.FindByIdAsync(leadId))!.Email, TeamRoles.Lead));
            Assert.Null(await roster.AddMemberAsync(teamId, (await users.FindByIdAsync(memberId))!.Email, "AccountManager"));
        }
    }
}

public sealed class AttemptTests_Sqlite(SqlitePortal portal) : AttemptTests(portal), IClassFixture<SqlitePortal>;

public sealed class AttemptTests_Postgres(PostgresPortal portal) : AttemptTests(portal), IClassFixture<PostgresPortal>;
