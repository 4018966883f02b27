using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// What an attempt must not give away (issue 12): options named by per-attempt random ids that say nothing about the key,
/// per-question results held back until an "after close" quiz closes, and answers bounded and kept to their kind's field.
/// </summary>
public abstract class AttemptSecrecyTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;
    private QuizWorld World => new(Factory);
    private ApiPeople People => new(Factory);

    private static readonly string[] Steps = ["Listen", "Qualify", "Map the buying centre", "Shape the solution", "Propose", "Negotiate", "Close", "Hand over"];
    private static readonly string[] SingleOptions = ["The iron triangle together", "Sales alone", "Delivery alone", "Finance", "Legal", "The customer", "Marketing", "Nobody"];

    /// <summary>Authored as GIFT files do, right option first; a quiz that does not shuffle; eight items to order.</summary>
    private async Task<(ContentItem Quiz, ContentItem Single, ContentItem Ordering, ContentItem Short)> QuizAsync(Action<QuizPart>? configure = null)
    {
        var single = await World.QuestionAsync(new QuestionPart
        {
            Kind = QuestionKinds.Single, Choices = SingleOptions.Select((text, i) => new QuestionChoice { Text = text, Correct = i == 0 }).ToList(),
        }, "Who owns the customer's solution?");
        var ordering = await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.Ordering, Items = [.. Steps] }, "Put the steps in order.");
        var shortAnswer = await World.QuestionAsync(new QuestionPart { Kind = QuestionKinds.Short, Accepted = ["CRM"] }, "Where do shared records live?");
        var quiz = await World.QuizAsync([single, ordering, shortAnswer], part => { part.Shuffle = false; configure?.Invoke(part); });
        return (quiz, single, ordering, shortAnswer);
    }

    private async Task<(ApiUser Rep, JsonNode Attempt)> StartAsync(ContentItem quiz)
    {
        var rep = await People.NewAsync(PortalRoles.Rep);
        return (rep, await (await People.SendAsync(rep, HttpMethod.Post, "/api/v1/attempts", new { quizId = quiz.ContentItemId })).JsonAsync(HttpStatusCode.Created));
    }

    private static long IdOf(JsonNode attempt) => attempt["attempt"]!["id"]!.GetValue<long>();

    private static JsonNode Question(JsonNode attempt, ContentItem question) =>
        attempt["questions"]!.AsArray().Single(q => (string)q!["questionId"]! == question.ContentItemId)!;

    private static JsonArray Options(JsonNode attempt, ContentItem question) => Question(attempt, question)["options"]!.AsArray();

    private static string OptionId(JsonNode attempt, ContentItem question, string text) =>
        (string)Options(attempt, question).Single(o => (string)o!["text"]! == text)!["id"]!;

    private static int Slot(JsonNode attempt, ContentItem question) => Question(attempt, question)["slot"]!.GetValue<int>();

    private Task<HttpResponseMessage> PutAsync(ApiUser rep, JsonNode attempt, ContentItem question, int sequence, object response) =>
        People.SendAsync(rep, HttpMethod.Put, $"/api/v1/attempts/{IdOf(attempt)}/answers/{Slot(attempt, question)}", new { sequence, response });

    [Fact]
    public async Task An_attempt_in_progress_names_options_by_ids_that_say_nothing_about_the_key_in_the_api_and_the_page()
    {
        var (quiz, single, ordering, _) = await QuizAsync();
        var attempts = new List<JsonNode>();
        for (var i = 0; i < 6; i++) attempts.Add((await StartAsync(quiz)).Attempt);

        foreach (var attempt in attempts)
            foreach (var option in Options(attempt, single).Concat(Options(attempt, ordering)))
            {
                Assert.Null(option!["index"]); // no authoring index travels
                Assert.Matches("^[a-z2-9]{10}$", (string)option["id"]!);
            }
        // Each attempt has its own ids: none is shared between two attempts at the same quiz.
        var idSets = attempts.Select(a => Options(a, single).Concat(Options(a, ordering)).Select(o => (string)o!["id"]!).ToHashSet()).ToList();
        for (var a = 0; a < idSets.Count; a++)
            for (var b = a + 1; b < idSets.Count; b++)
                Assert.Empty(idSets[a].Intersect(idSets[b]));

        // Sorting the ordering items by id does not give the right order (it did in every attempt when ids were the key's positions).
        Assert.Contains(attempts, a => !Options(a, ordering).OrderBy(o => (string)o!["id"]!, StringComparer.Ordinal).Select(o => (string)o!["text"]!).SequenceEqual(Steps));
        Assert.Contains(attempts, a => (string)Options(a, single).OrderBy(o => (string)o!["id"]!, StringComparer.Ordinal).First()!["text"]! != SingleOptions[0]);
        // The right option, authored first in a quiz that does not shuffle questions, is not always shown first.
        Assert.Contains(attempts, a => (string)Options(a, single)[0]!["text"]! != SingleOptions[0]);

        // The page of an attempt uses the same ids, in field values and names, and nothing else that numbers options.
        var (rep, mine) = await StartAsync(quiz);
        using var browser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        var html = await (await browser.GetAsync($"/quizzes/attempt/{IdOf(mine)}")).Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);
        var singleSlot = Slot(mine, single);
        var radios = page.QuerySelectorAll($"input[name='a{singleSlot}.choice']").Select(r => r.GetAttribute("value")).ToList();
        Assert.Equal(Options(mine, single).Select(o => (string?)o!["id"]!), radios);
        var orderingSlot = Slot(mine, ordering);
        var selects = page.QuerySelectorAll($"#q{orderingSlot} select").Select(s => s.GetAttribute("name")!).ToList();
        Assert.Equal(Options(mine, ordering).Select(o => $"a{orderingSlot}.pos.{(string)o!["id"]!}"), selects);
        // Every element id of an option carries the random id, never a small number.
        Assert.DoesNotMatch(new Regex(@"id=""q\d+-(c|p)\d+"""), html);
    }

    [Fact]
    public async Task Answers_with_the_attempts_ids_are_graded_right_and_ids_of_another_attempt_are_refused()
    {
        var (quiz, single, ordering, shortAnswer) = await QuizAsync();
        var (rep, attempt) = await StartAsync(quiz);
        var (_, other) = await StartAsync(quiz);

        // The other attempt's ids, even for the right option and the right order, are not this attempt's.
        var foreign = await (await PutAsync(rep, attempt, single, 0, new { choice = OptionId(other, single, SingleOptions[0]) })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("that option does not exist.", foreign.ErrorMessages()[0]);
        await (await PutAsync(rep, attempt, ordering, 0, new { order = Steps.Select(s => OptionId(other, ordering, s)).ToArray() })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.All((await World.AttemptAsync(IdOf(attempt))).Questions, q => Assert.Null(q.Response));

        var seq = (await (await PutAsync(rep, attempt, single, 0, new { choice = OptionId(attempt, single, SingleOptions[0]) })).JsonAsync(HttpStatusCode.OK))["sequence"]!.GetValue<int>();
        seq = (await (await PutAsync(rep, attempt, ordering, seq, new { order = Steps.Select(s => OptionId(attempt, ordering, s)).ToArray() })).JsonAsync(HttpStatusCode.OK))["sequence"]!.GetValue<int>();
        await (await PutAsync(rep, attempt, shortAnswer, seq, new { text = "crm" })).JsonAsync(HttpStatusCode.OK);

        // The saved answer comes back in the attempt's ids.
        var read = await (await People.SendAsync(rep, HttpMethod.Get, $"/api/v1/attempts/{IdOf(attempt)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(OptionId(attempt, single, SingleOptions[0]), (string)Question(read, single)["response"]!["choice"]!);

        var result = await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{IdOf(attempt)}/submit")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(100, result["attempt"]!["percent"]!.GetValue<double>());
        var right = result["questions"]!.AsArray().Single(q => (string)q!["questionId"]! == ordering.ContentItemId)!["rightAnswer"]!["order"]!.AsArray();
        Assert.Equal(Steps.Select(s => OptionId(attempt, ordering, s)), right.Select(r => (string)r!));

        // Through the page form: the other attempt's id is refused with a message, this attempt's ids grade right.
        var (pageRep, pageAttempt) = await StartAsync(quiz);
        var url = $"/quizzes/attempt/{IdOf(pageAttempt)}";
        using var browser = await TestUsers.SignedInAsync(Factory, pageRep.Email, ApiPeople.Password);
        var singleSlot = Slot(pageAttempt, single);
        var refused = await browser.SubmitToAsync(url, $"{url}?handler=Save", new Dictionary<string, string>
            { ["seq"] = "0", ["s"] = singleSlot.ToString(), [$"a{singleSlot}.choice"] = OptionId(other, single, SingleOptions[0]) });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("that option does not exist.", new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("#save-status .sa-invalid")!.TextContent);

        var saved = await browser.SubmitToAsync(url, $"{url}?handler=Save", new Dictionary<string, string>
            { ["seq"] = "0", ["s"] = singleSlot.ToString(), [$"a{singleSlot}.choice"] = OptionId(pageAttempt, single, SingleOptions[0]) }, htmx: true);
        Assert.Contains("sa-saved", await saved.Content.ReadAsStringAsync());
        var orderingSlot = Slot(pageAttempt, ordering);
        var fields = new Dictionary<string, string> { ["seq"] = "1", ["s"] = orderingSlot.ToString() };
        for (var i = 0; i < Steps.Length; i++) fields[$"a{orderingSlot}.pos.{OptionId(pageAttempt, ordering, Steps[i])}"] = (i + 1).ToString();
        fields["gaps"] = "1"; // the short answer is left empty on purpose
        var submitted = await browser.SubmitToAsync(url, $"{url}?handler=Submit", fields);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var stored = await World.AttemptAsync(IdOf(pageAttempt));
        Assert.Equal(1, stored.Questions.Single(q => q.QuestionItemId == ordering.ContentItemId).Fraction);
        Assert.Equal(1, stored.Questions.Single(q => q.QuestionItemId == single.ContentItemId).Fraction);
    }

    [Fact]
    public async Task An_attempt_started_before_per_attempt_ids_gets_them_when_read_and_keeps_working()
    {
        var (quiz, single, ordering, _) = await QuizAsync();
        var (rep, attempt) = await StartAsync(quiz);
        var id = IdOf(attempt);
        // As the row was before the migration: no ids stored.
        await World.DbAsync(db => db.AttemptQuestions.Where(q => q.AttemptId == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.OptionIds, (string?)null)));

        var first = await (await People.SendAsync(rep, HttpMethod.Get, $"/api/v1/attempts/{id}")).JsonAsync(HttpStatusCode.OK);
        var again = await (await People.SendAsync(rep, HttpMethod.Get, $"/api/v1/attempts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Options(first, ordering).ToJsonString(), Options(again, ordering).ToJsonString());
        Assert.DoesNotContain(Options(first, single), o => Options(attempt, single).Any(old => (string)old!["id"]! == (string)o!["id"]!));
        Assert.Equal(Options(attempt, single).Select(o => (string)o!["text"]!), Options(first, single).Select(o => (string)o!["text"]!)); // same order shown

        await (await PutAsync(rep, first, single, 0, new { choice = OptionId(first, single, SingleOptions[0]) })).JsonAsync(HttpStatusCode.OK);
        var result = await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result["attempt"]!["score"]!.GetValue<double>());
    }

    [Fact]
    public async Task Per_question_results_wait_until_an_after_close_quiz_closes()
    {
        var (quiz, single, ordering, shortAnswer) = await QuizAsync(part => { part.Feedback = FeedbackTimings.AfterClose; part.ClosesUtc = DateTime.UtcNow.AddDays(2); });
        var (rep, attempt) = await StartAsync(quiz);
        var seq = (await (await PutAsync(rep, attempt, single, 0, new { choice = OptionId(attempt, single, SingleOptions[0]) })).JsonAsync(HttpStatusCode.OK))["sequence"]!.GetValue<int>();
        await (await PutAsync(rep, attempt, shortAnswer, seq, new { text = "a spreadsheet" })).JsonAsync(HttpStatusCode.OK);
        var id = IdOf(attempt);

        var submitted = await (await People.SendAsync(rep, HttpMethod.Post, $"/api/v1/attempts/{id}/submit")).JsonAsync(HttpStatusCode.OK);
        var result = await (await People.SendAsync(rep, HttpMethod.Get, $"/api/v1/attempts/{id}/result")).JsonAsync(HttpStatusCode.OK);
        foreach (var answer in new[] { submitted, result })
        {
            Assert.False(answer["showsAnswers"]!.GetValue<bool>());
            Assert.Equal(1, answer["attempt"]!["score"]!.GetValue<double>()); // the score is shown
            foreach (var question in answer["questions"]!.AsArray())
            {
                Assert.Null(question!["fraction"]);
                Assert.Null(question["awaitingGrading"]);
                Assert.Null(question["rightAnswer"]);
                Assert.Null(question["explanation"]);
            }
        }

        using var browser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        var page = new HtmlParser().ParseDocument(await (await browser.GetAsync($"/quizzes/attempt/{id}/result")).Content.ReadAsStringAsync());
        Assert.Equal(3, page.QuerySelectorAll(".sa-result-question").Length);
        Assert.Empty(page.QuerySelectorAll(".sa-result-question[data-result]"));
        Assert.Empty(page.QuerySelectorAll(".sa-right-answer, .sa-explanation, .sa-result-question .badge"));

        // The review deck would name the questions answered wrongly: nothing goes in, and nothing can be added, until the quiz closes.
        Assert.Empty(await World.DbAsync(db => db.ReviewCards.Where(c => c.UserId == rep.Id).ToListAsync()));
        var add = await browser.SubmitToAsync("/account/profile", "/daily-review/add", new Dictionary<string, string> { ["questionId"] = ordering.ContentItemId });
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);

        // The quiz closes (its due time moved into the past, as two days passing would): the sweep files the wrong answers.
        await World.DbAsync(db => db.Attempts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeckDueUtc, DateTime.UtcNow.AddMinutes(-1))));
        await using (var scope = Factory.Services.CreateAsyncScope())
            await OverdueAttemptsJob.FileDeckCardsAsync(scope.ServiceProvider, CancellationToken.None);
        Assert.Equal(new[] { ordering.ContentItemId, shortAnswer.ContentItemId }.Order(),
            (await World.DbAsync(db => db.ReviewCards.Where(c => c.UserId == rep.Id).Select(c => c.QuestionItemId).ToListAsync())).Order());
        Assert.Null((await World.AttemptAsync(id)).DeckDueUtc);
    }

    [Fact]
    public async Task Answers_are_bounded_and_fields_of_another_kind_are_refused()
    {
        var (quiz, single, ordering, shortAnswer) = await QuizAsync();
        var (rep, attempt) = await StartAsync(quiz);
        var right = OptionId(attempt, single, SingleOptions[0]);

        // A field the kind does not use, however large, is refused, not stored.
        var extra = await (await PutAsync(rep, attempt, single, 0, new { choice = right, text = new string('x', 100_000) })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("response", extra.ErrorFields()[0]);
        Assert.Contains("text", extra.ErrorMessages()[0]);
        await (await PutAsync(rep, attempt, shortAnswer, 0, new { text = "CRM", order = Enumerable.Repeat("x", 10_000).ToArray() })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        // Too long, too many.
        await (await PutAsync(rep, attempt, shortAnswer, 0, new { text = new string('答', 2001) })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        await (await PutAsync(rep, attempt, ordering, 0, new { order = Steps.Select(s => OptionId(attempt, ordering, s)).Concat(Enumerable.Repeat("x", 5000)).ToArray() }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.All((await World.AttemptAsync(IdOf(attempt))).Questions, q => Assert.Null(q.Response));

        // What is stored is the kind's own field only.
        await (await PutAsync(rep, attempt, single, 0, new { choice = right })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("{\"choice\":0}", (await World.AttemptAsync(IdOf(attempt))).Questions.Single(q => q.QuestionItemId == single.ContentItemId).Response);

        // The page: a short answer over the limit is refused with a message; a field of another kind is ignored.
        using var browser = await TestUsers.SignedInAsync(Factory, rep.Email, ApiPeople.Password);
        var url = $"/quizzes/attempt/{IdOf(attempt)}";
        var shortSlot = Slot(attempt, shortAnswer);
        var singleSlot = Slot(attempt, single);
        var tooLong = await browser.SubmitToAsync(url, $"{url}?handler=Save",
            new Dictionary<string, string> { ["seq"] = "1", ["s"] = shortSlot.ToString(), [$"a{shortSlot}.text"] = new string('a', 2001) });
        Assert.Equal(HttpStatusCode.Conflict, tooLong.StatusCode);
        Assert.Contains("the answer is longer than 2,000 characters.", await tooLong.Content.ReadAsStringAsync());
        var ignored = await browser.SubmitToAsync(url, $"{url}?handler=Save", new Dictionary<string, string>
            { ["seq"] = "1", ["s"] = singleSlot.ToString(), [$"a{singleSlot}.choice"] = right, [$"a{singleSlot}.text"] = new string('y', 50_000) }, htmx: true);
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.DoesNotContain("yyy", (await World.AttemptAsync(IdOf(attempt))).Questions.Single(q => q.QuestionItemId == single.ContentItemId).Response);
    }
}

public sealed class AttemptSecrecyTests_Sqlite(SqlitePortal portal) : AttemptSecrecyTests(portal), IClassFixture<SqlitePortal>;

public sealed class AttemptSecrecyTests_Postgres(PostgresPortal portal) : AttemptSecrecyTests(portal), IClassFixture<PostgresPortal>;
