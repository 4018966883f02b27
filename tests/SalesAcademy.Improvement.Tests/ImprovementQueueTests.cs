using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Improvement;
using SalesAcademy.Core.Security;
using SalesAcademy.Improvement.Data;
using SalesAcademy.Improvement.Helpful;
using SalesAcademy.Improvement.Models;
using SalesAcademy.Improvement.Queue;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Statistics;
using SalesAcademy.Retros.Data;
using SalesAcademy.Retros.FollowUps;
using SalesAcademy.Retros.Models;
using SalesAcademy.Search.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Improvement.Tests;

/// <summary>
/// The improvement queue on both providers: each source's finding becomes one item with its evidence and owner, re-detection
/// never duplicates, a dismissal holds until the evidence grows, who may see and act on what, and the loop closure from a
/// retro action linked to a playbook stage to the team being told that a new version addressed it.
/// </summary>
public abstract class ImprovementQueueTests(PortalFixture portal)
{
    private readonly ImprovementWorld world = new(portal.Factory);

    private static string Texts(ImprovementItem item) =>
        string.Join("\n", ImprovementQueue.EvidenceOf(item).Select(e => string.Format(e.Template, e.Args.Cast<object>().ToArray()) + (e.Url is null ? "" : " <" + e.Url + ">")));

    [Fact]
    public async Task A_retro_action_linked_to_a_playbook_stage_reaches_the_owners_queue_and_publishing_a_resolving_version_closes_it_and_tells_the_team()
    {
        var owner = await world.People.NewAsync(PortalRoles.TeamLead);
        var playbook = await world.PlaybookAsync(owner.Email);
        var team = await world.TeamAsync();
        // The team agrees, in a retro, an action that asks to change the playbook's design stage.
        var retro = (long)(await (await world.People.SendAsync(team.Lead, HttpMethod.Post, "/api/v1/retros",
            new { teamId = team.Id, template = "start-stop-continue" })).JsonAsync(HttpStatusCode.Created))["id"]!;
        foreach (var phase in new[] { "reflect", "group", "vote", "discuss", "actions" })
            await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{retro}/phase", new { phase })).JsonAsync(HttpStatusCode.OK);
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd");
        await (await world.People.SendAsync(team.Lead, HttpMethod.Post, $"/api/v1/retros/{retro}/actions", new
        {
            text = "Design stage: say who writes the solution proposal", ownerUserId = team.Members[0].Id, due, linkedContentItemId = playbook.Id, linkedAnchor = "design",
        })).JsonAsync(HttpStatusCode.Created);
        var action = await world.InScopeAsync(sp => sp.GetRequiredService<RetrosDbContext>().Actions.AsNoTracking().SingleAsync(a => a.RetroId == retro));

        // The refresh puts it in the playbook owner's queue with its evidence.
        await world.RefreshAsync();
        var key = $"followup:{RetroActionFollowUps.KeyOf(action.Id)}";
        var item = await world.ItemAsync(key);
        Assert.Equal(owner.Email, item.Owner);
        Assert.Equal(playbook.Id, item.ContentItemId);
        Assert.Equal("design", item.Anchor);
        Assert.Equal(team.Id, item.TeamId);
        Assert.Contains($"Asks to change “{playbook.Title}”, part design </playbooks/{playbook.Slug}#stage-design>", Texts(item));
        Assert.Contains($"</retros/{retro}#action-{action.Id}>", Texts(item));
        var queue = await (await world.People.GetAsync(owner, "/api/v1/improvement")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(queue["items"]!.AsArray(), i => (string)i!["key"]! == key);
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, owner.Email, ApiPeople.Password))
            Assert.Contains("Design stage: say who writes the solution proposal", await (await browser.GetAsync("/improvement")).Content.ReadAsStringAsync());

        // Resolving before a new version is published is refused and changes nothing.
        var early = await (await world.People.SendAsync(owner, HttpMethod.Post, $"/api/v1/improvement/{item.Id}/resolve", new { })).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["contentItemId"], early.ErrorFields());
        Assert.Equal(RetroActionStatus.Open, (await world.InScopeAsync(sp => sp.GetRequiredService<RetrosDbContext>().Actions.AsNoTracking().SingleAsync(a => a.Id == action.Id))).Status);

        // The owner publishes a new version and resolves the item with it (through the page's form).
        var version = await world.PublishNewVersionAsync(playbook.Id, owner.Email, "How we sell together. The solution manager writes the proposal in design.");
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, owner.Email, ApiPeople.Password))
        {
            var response = await browser.SubmitAsync("/improvement", new Dictionary<string, string> { ["id"] = item.Id.ToString(), ["sequence"] = item.Sequence.ToString() }, "Resolve");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        item = await world.ItemAsync(key);
        Assert.Equal(ImprovementStatus.Resolved, item.Status);
        Assert.Equal(version, item.ResolvedVersionId);
        Assert.Equal($"/playbooks/{playbook.Slug}", item.ResolvedUrl);

        // The retro action is done, with the link to the new version, and shows it on the retro's page.
        var done = await world.InScopeAsync(sp => sp.GetRequiredService<RetrosDbContext>().Actions.AsNoTracking().SingleAsync(a => a.Id == action.Id));
        Assert.Equal(RetroActionStatus.Done, done.Status);
        Assert.Equal($"/playbooks/{playbook.Slug}", done.ResolvedUrl);
        Assert.NotNull(done.ClosedUtc);
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, team.Members[1].Email, ApiPeople.Password))
            Assert.Contains($"href=\"/playbooks/{playbook.Slug}\"", await (await browser.GetAsync($"/retros/{retro}")).Content.ReadAsStringAsync());

        // Every member of the team is told, once, with the link; the follow-up is no longer open anywhere.
        var told = await world.ToldAsync(RetroActionResolver.ResolvedTemplate);
        var teamEmails = team.Members.Select(m => m.Email).Append(team.Lead.Email).Select(e => e.ToLowerInvariant()).OrderBy(e => e).ToList();
        Assert.Equal(teamEmails, told.Where(t => t.Args[0] == done.Text).Select(t => t.Recipient.ToLowerInvariant()).OrderBy(e => e).ToList());
        Assert.All(told.Where(t => t.Args[0] == done.Text), t => Assert.Equal($"/playbooks/{playbook.Slug}", t.Url));
        Assert.DoesNotContain(await world.InScopeAsync(sp => sp.GetRequiredService<IContentFollowUps>().OpenAsync([playbook.Id])), f => f.Key == RetroActionFollowUps.KeyOf(action.Id));

        // Resolving again is refused (and nobody is told twice); a refresh leaves it resolved.
        await (await world.People.SendAsync(owner, HttpMethod.Post, $"/api/v1/improvement/{item.Id}/resolve", new { })).StatusAsync(HttpStatusCode.UnprocessableEntity);
        await world.RefreshAsync();
        Assert.Equal(ImprovementStatus.Resolved, (await world.ItemAsync(key)).Status);
        Assert.Equal(teamEmails.Count, (await world.ToldAsync(RetroActionResolver.ResolvedTemplate)).Count(t => t.Args[0] == done.Text));
    }

    [Fact]
    public async Task Readers_rating_a_version_unhelpful_make_an_item_for_its_owner_with_their_reasons_and_hear_when_a_new_version_resolves_it()
    {
        var owner = await world.People.NewAsync(PortalRoles.TeamLead);
        var playbook = await world.PlaybookAsync(owner.Email);
        var readers = new List<ApiUser>();
        for (var i = 0; i < 3; i++) readers.Add(await world.People.NewAsync(PortalRoles.Rep));
        var page = $"/playbooks/{playbook.Slug}";
        async Task AnswerAsync(ApiUser reader, string helpful, string reason)
        {
            using var browser = await TestUsers.SignedInAsync(portal.Factory, reader.Email, ApiPeople.Password);
            var response = await browser.SubmitToAsync(page, "/improvement/helpful",
                new Dictionary<string, string> { ["contentItemId"] = playbook.Id, ["helpful"] = helpful, ["reason"] = reason });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        // The first reader first says yes, then changes their mind: still one answer for this version.
        await AnswerAsync(readers[0], "yes", "");
        await AnswerAsync(readers[0], "no", "The design stage does not say who writes the proposal");
        await AnswerAsync(readers[1], "no", "Too abstract");
        await world.RefreshAsync();
        Assert.Empty(await world.ItemsAsync(i => i.Key.StartsWith($"helpful.no:{playbook.Id}:")));
        await AnswerAsync(readers[2], "no", "");
        var answers = await world.InScopeAsync(sp => sp.GetRequiredService<ImprovementDbContext>().HelpfulAnswers.AsNoTracking().Where(a => a.ContentItemId == playbook.Id).ToListAsync());
        Assert.Equal(3, answers.Count);
        Assert.All(answers, a => Assert.False(a.Helpful));

        await world.RefreshAsync();
        var item = Assert.Single(await world.ItemsAsync(i => i.Key.StartsWith($"helpful.no:{playbook.Id}:")));
        Assert.Equal(owner.Email, item.Owner);
        Assert.Equal(UnhelpfulContentFindings.Source, item.Source);
        Assert.Equal(3, item.Weight);
        var evidence = Texts(item);
        Assert.Contains("3 of 3 readers found this version unhelpful (100%)", evidence);
        Assert.Contains("A reader: “The design stage does not say who writes the proposal”", evidence);
        Assert.Contains("A reader: “Too abstract”", evidence);

        // The owner's page shows the reader's reason encoded, never as markup.
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, owner.Email, ApiPeople.Password))
        {
            var html = await (await browser.GetAsync("/improvement")).Content.ReadAsStringAsync();
            Assert.Contains("Too abstract", html);
            Assert.Contains($"id=\"item-{item.Id}\"", html);
        }

        // A new version resolves it: the readers who said no are told, once each.
        await world.PublishNewVersionAsync(playbook.Id, owner.Email, "Who writes what, stage by stage.");
        await (await world.People.SendAsync(owner, HttpMethod.Post, $"/api/v1/improvement/{item.Id}/resolve", new { sequence = item.Sequence })).JsonAsync(HttpStatusCode.OK);
        var told = (await world.ToldAsync(HelpfulAnswers.ChangedTemplate)).Where(t => t.Args[0] == playbook.Title).ToList();
        Assert.Equal(readers.Select(r => r.Email.ToLowerInvariant()).OrderBy(e => e), told.Select(t => t.Recipient.ToLowerInvariant()).OrderBy(e => e));
        Assert.All(told, t => Assert.Equal($"/playbooks/{playbook.Slug}", t.Url));
        // The new version starts over: its readers are asked again, and the old finding is no longer listed.
        await world.RefreshAsync();
        Assert.Equal(ImprovementStatus.Resolved, (await world.ItemAsync(item.Key)).Status);
    }

    [Fact]
    public async Task A_readers_answers_are_read_once_while_they_browse_and_an_answer_shows_at_once()
    {
        var first = await world.PlaybookAsync("nobody@salesacademy.test");
        var second = await world.PlaybookAsync("nobody@salesacademy.test");
        var reader = await world.People.NewAsync(PortalRoles.Rep);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, reader.Email, ApiPeople.Password);
        async Task<string?> ShownAsync(string slug)
        {
            var html = await (await browser.GetAsync($"/playbooks/{slug}")).Content.ReadAsStringAsync();
            return System.Text.RegularExpressions.Regex.Match(html, "data-helpful=\"([a-z]+)\"") is { Success: true } m ? m.Groups[1].Value : null;
        }
        Assert.Equal("none", await ShownAsync(first.Slug));

        // The reader's answers were read with the first page: the next page reads none.
        using (var counter = await QueryCounter<ImprovementDbContext>.StartAsync(portal.Factory.Database.ConnectionString))
        {
            Assert.Equal("none", await ShownAsync(second.Slug));
            Assert.Equal(0, counter.Count);
        }
        // Their own answer shows at once (the redirect back, then any page), not after the cache's lifetime.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitToAsync($"/playbooks/{first.Slug}", "/improvement/helpful",
            new Dictionary<string, string> { ["contentItemId"] = first.Id, ["helpful"] = "no", ["reason"] = "" })).StatusCode);
        Assert.Equal("no", await ShownAsync(first.Slug));
        Assert.Equal("none", await ShownAsync(second.Slug));
    }

    [Fact]
    public async Task A_reason_too_long_is_refused_at_the_form_with_the_text_kept_and_a_reader_who_may_not_read_gets_404()
    {
        var playbook = await world.PlaybookAsync("nobody@salesacademy.test");
        var reader = await world.People.NewAsync(PortalRoles.Rep);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, reader.Email, ApiPeople.Password);
        var long_ = new string('x', HelpfulRules.MaxReason + 1);
        var response = await browser.SubmitToAsync($"/playbooks/{playbook.Slug}", "/improvement/helpful",
            new Dictionary<string, string> { ["contentItemId"] = playbook.Id, ["helpful"] = "no", ["reason"] = long_ }, htmx: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Reason: at most 500 characters.", html);
        Assert.Contains(long_, html);
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<ImprovementDbContext>().HelpfulAnswers.AsNoTracking().Where(a => a.ContentItemId == playbook.Id).ToListAsync()));
        // No such item, and no antiforgery token: refused.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SubmitToAsync($"/playbooks/{playbook.Slug}", "/improvement/helpful",
            new Dictionary<string, string> { ["contentItemId"] = "no-such-item", ["helpful"] = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/improvement/helpful",
            new Dictionary<string, string> { ["contentItemId"] = playbook.Id, ["helpful"] = "no" })).StatusCode);
        // The page shows the form to a signed-in reader only.
        Assert.Contains("id=\"helpful\"", await (await browser.GetAsync($"/playbooks/{playbook.Slug}")).Content.ReadAsStringAsync());
        using var anonymous = new Browser(portal.Factory);
        Assert.DoesNotContain("id=\"helpful\"", await (await anonymous.GetAsync($"/playbooks/{playbook.Slug}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Searches_that_found_nothing_are_grouped_by_normalised_query_re_detection_never_duplicates_and_a_dismissal_holds_until_the_evidence_grows()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var log = portal.Factory.Services.GetRequiredService<SearchLog>();
        log.Record($"Pricing  {marker}", 0, "en", null, "page");
        log.Record($" pricing {marker.ToUpperInvariant()} ", 0, "en", null, "page");
        log.Record($"pricing {marker}", 3, "en", null, "page"); // found something: not counted
        await world.RefreshAsync();
        await world.RefreshAsync();
        var key = $"search.nothing:pricing {marker}";
        var item = await world.ItemAsync(key);
        Assert.Equal(2, item.Weight);
        Assert.Null(item.Owner);
        Assert.Null(item.ContentItemId);
        Assert.Contains($"Searched 2 times without a result, last on", Texts(item));
        Assert.Contains($"</search?q=pricing%20{marker}>", Texts(item));

        var trainer = await world.People.NewAsync(PortalRoles.Trainer);
        // A dismissal needs a reason.
        var refused = await (await world.People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/improvement/{item.Id}/dismiss", new { reason = "  " }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["reason"], refused.ErrorFields());
        // A stale form (an old sequence) is refused with 409.
        await (await world.People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/improvement/{item.Id}/dismiss", new { reason = "Not our topic", sequence = item.Sequence + 7 }))
            .StatusAsync(HttpStatusCode.Conflict);
        var dismissed = await (await world.People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/improvement/{item.Id}/dismiss", new { reason = "Not our topic", sequence = item.Sequence }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("dismissed", (string?)dismissed["status"]);

        // Detected again with the same evidence: still one item, still dismissed.
        await world.RefreshAsync();
        item = await world.ItemAsync(key);
        Assert.Equal(ImprovementStatus.Dismissed, item.Status);
        Assert.Equal("Not our topic", item.DismissReason);
        Assert.DoesNotContain((await (await world.People.GetAsync(trainer, "/api/v1/improvement?pageSize=100")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray(),
            i => (string)i!["key"]! == key);

        // The evidence grows: it comes back, once.
        log.Record($"PRICING {marker}", 0, "zh-CN", null, "api");
        await world.RefreshAsync();
        await world.RefreshAsync();
        item = await world.ItemAsync(key);
        Assert.Equal(ImprovementStatus.Open, item.Status);
        Assert.Equal(3, item.Weight);
    }

    [Fact]
    public async Task Content_due_for_verification_and_questions_flagged_by_item_analysis_are_items_with_their_evidence()
    {
        var owner = await world.People.NewAsync(PortalRoles.TeamLead);
        var playbook = await world.PlaybookAsync(owner.Email);
        // A quiz whose stored item analysis flags one question (the statistics a finished attempt would leave).
        var report = new QuizStatisticsReport
        {
            QuizItemId = "quiz-iron-triangle-basics", ComputedUtc = DateTime.UtcNow, Attempts = 12, MaxMarks = 8,
            Questions = [new QuestionStatistics { QuestionItemId = "question-csp-stage-order", Position = 1, N = 12, MaxMark = 1, Facility = 0.1, Flags = [ItemFlags.TooHardFlag] }],
        };
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<QuizzesDbContext>();
            db.Statistics.RemoveRange(db.Statistics.Where(s => s.QuizItemId == report.QuizItemId));
            db.Statistics.Add(new QuizStatisticsSnapshot { QuizItemId = report.QuizItemId, ComputedUtc = report.ComputedUtc, Attempts = 12,
                Json = JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)) });
            return await db.SaveChangesAsync();
        });
        await world.RefreshAsync();

        var due = await world.ItemAsync($"verification:{playbook.Id}:unverified");
        Assert.Equal(owner.Email, due.Owner);
        Assert.Equal("Content due for verification", due.Source);
        Assert.Contains("Never verified since it was published </review/due>", Texts(due));

        var flagged = await world.ItemAsync("quizzes.flagged:quiz-iron-triangle-basics:question-csp-stage-order");
        Assert.Equal("Question flagged by item analysis", flagged.Source);
        Assert.Null(flagged.Owner); // the training team's question: every trainer
        Assert.Equal("question-csp-stage-order", flagged.ContentItemId);
        var evidence = Texts(flagged);
        Assert.Contains("12 first attempts, 10% of the marks earned </quizzes/iron-triangle-basics/statistics>", evidence);
        Assert.Contains(ItemFlags.TooHardFlag.Reason, evidence);

        // Verifying the playbook ends the finding: off the list at the next refresh.
        await world.InScopeAsync(sp => sp.GetRequiredService<Content.Services.ContentManager>().MarkVerifiedAsync(playbook.Id, owner.Email));
        await Eventually.TrueAsync(async () => (await world.InScopeAsync(async sp =>
            await sp.GetRequiredService<Content.Services.PublishedContent>().ByIdAsync(playbook.Id)))?.As<Content.Models.OwnershipPart>().LastVerifiedUtc is not null, "the verification is seen");
        await world.RefreshAsync();
        Assert.True((await world.ItemAsync($"verification:{playbook.Id}:unverified")).Stale);
        using var browser = await TestUsers.SignedInAsync(portal.Factory, owner.Email, ApiPeople.Password);
        Assert.DoesNotContain($"data-key=\"verification:{playbook.Id}:unverified\"", await (await browser.GetAsync("/improvement")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Topics_where_several_teams_are_weak_come_from_the_insights_contract()
    {
        var weak = new StubWeakTopics([new WeakTopic("iron-triangle", ["North", "South"], 0.42, "2026-W48")]);
        var findings = await world.InScopeAsync(sp => new WeakTopicFindings(weak, sp.GetRequiredService<Content.Services.PublishedContent>()).FindAsync());
        var finding = Assert.Single(findings);
        Assert.Equal("insights.weak:iron-triangle:2026-W48", finding.Key);
        Assert.Equal(WeakTopicMinTeams, weak.AskedFor);
        Assert.Equal(2, finding.Weight);
        Assert.Null(finding.Owner);
        Assert.Equal(["2", "North, South", "42"], finding.Evidence[0].Args);
        // Without the Insights module the Core fallback answers: none.
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<IWeakTopics>().WeakAsync(2)));
    }

    private const int WeakTopicMinTeams = WeakTopicFindings.MinTeams;

    private sealed class StubWeakTopics(IReadOnlyList<WeakTopic> topics) : IWeakTopics
    {
        public int? AskedFor { get; private set; }
        public Task<IReadOnlyList<WeakTopic>> WeakAsync(int minTeams, CancellationToken ct = default)
        {
            AskedFor = minTeams;
            return Task.FromResult(topics);
        }
    }

    [Fact]
    public async Task A_rep_gets_404_a_trainer_sees_and_acts_on_every_item_and_an_owner_only_on_theirs()
    {
        var owner = await world.People.NewAsync(PortalRoles.TeamLead);
        var playbook = await world.PlaybookAsync(owner.Email);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var log = portal.Factory.Services.GetRequiredService<SearchLog>();
        log.Record("nothing " + marker, 0, "en", null, "page");
        log.Record("nothing " + marker, 0, "en", null, "page");
        await world.RefreshAsync();
        var ownersItem = await world.ItemAsync($"verification:{playbook.Id}:unverified");
        var unowned = await world.ItemAsync($"search.nothing:nothing {marker}");

        var rep = await world.People.NewAsync(PortalRoles.Rep);
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, rep.Email, ApiPeople.Password))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/improvement")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/improvement?handler=Dismiss",
                new Dictionary<string, string> { ["id"] = unowned.Id.ToString(), ["reason"] = "x", ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/playbooks/{playbook.Slug}") })).StatusCode);
        }
        await (await world.People.GetAsync(rep, "/api/v1/improvement")).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.GetAsync(rep, $"/api/v1/improvement/{unowned.Id}")).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.SendAsync(rep, HttpMethod.Post, $"/api/v1/improvement/{unowned.Id}/dismiss", new { reason = "x" })).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.SendAsync(rep, HttpMethod.Post, "/api/v1/improvement/refresh")).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.GetAsync(null, "/api/v1/improvement")).StatusAsync(HttpStatusCode.Unauthorized);

        // The owner sees their content's item, not the unowned one, and may not act on it.
        var ownersKeys = (await (await world.People.GetAsync(owner, "/api/v1/improvement?pageSize=100")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(i => (string)i!["key"]!).ToList();
        Assert.Contains(ownersItem.Key, ownersKeys);
        Assert.DoesNotContain(unowned.Key, ownersKeys);
        await (await world.People.GetAsync(owner, $"/api/v1/improvement/{unowned.Id}")).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.SendAsync(owner, HttpMethod.Post, $"/api/v1/improvement/{unowned.Id}/dismiss", new { reason = "x" })).StatusAsync(HttpStatusCode.NotFound);
        await (await world.People.SendAsync(owner, HttpMethod.Post, "/api/v1/improvement/refresh")).StatusAsync(HttpStatusCode.NotFound);

        // A trainer sees both and assigns the owner's item to another trainer, who is told.
        var trainer = await world.People.NewAsync(PortalRoles.Trainer);
        var other = await world.People.NewAsync(PortalRoles.Trainer);
        var trainersKeys = (await (await world.People.GetAsync(trainer, "/api/v1/improvement?pageSize=100")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(i => (string)i!["key"]!).ToList();
        Assert.Contains(ownersItem.Key, trainersKeys);
        Assert.Contains(unowned.Key, trainersKeys);
        var notATrainer = await (await world.People.SendAsync(trainer, HttpMethod.Post, $"/api/v1/improvement/{unowned.Id}/assign", new { assignee = rep.Email }))
            .JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["assignee"], notATrainer.ErrorFields());
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, trainer.Email, ApiPeople.Password))
        {
            // The queue filters by kind: searches that found nothing only.
            var searches = await (await browser.GetAsync("/improvement?source=" + Uri.EscapeDataString(SalesAcademy.Search.Improvement.NothingFoundFindings.Source))).Content.ReadAsStringAsync();
            Assert.Contains($"data-key=\"{unowned.Key}\"", searches);
            Assert.DoesNotContain($"data-key=\"{ownersItem.Key}\"", searches);
            var response = await browser.SubmitAsync("/improvement", new Dictionary<string, string> { ["id"] = unowned.Id.ToString(), ["assignee"] = other.Email }, "Assign");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        using (var browser = await TestUsers.SignedInAsync(portal.Factory, other.Email, ApiPeople.Password))
        {
            // "Only mine" keeps what was assigned to this trainer and leaves out the owner's item, which every trainer sees.
            var all = await (await browser.GetAsync("/improvement")).Content.ReadAsStringAsync();
            Assert.Contains($"data-key=\"{ownersItem.Key}\"", all);
            var mine = await (await browser.GetAsync("/improvement?mine=true")).Content.ReadAsStringAsync();
            Assert.Contains($"data-key=\"{unowned.Key}\"", mine);
            Assert.DoesNotContain($"data-key=\"{ownersItem.Key}\"", mine);
        }
        Assert.Equal(other.Email, (await world.ItemAsync(unowned.Key)).AssignedTo, ignoreCase: true);
        Assert.Contains(await world.ToldAsync(ImprovementQueue.AssignedTemplate), t => string.Equals(t.Recipient, other.Email, StringComparison.OrdinalIgnoreCase)
            && t.Url == $"/improvement#item-{unowned.Id}");
        // The assignee now sees and acts on it through their own queue as well.
        await (await world.People.GetAsync(other, $"/api/v1/improvement/{unowned.Id}")).StatusAsync(HttpStatusCode.OK);
    }
}

public sealed class ImprovementQueueTests_Sqlite(SqlitePortal portal) : ImprovementQueueTests(portal), IClassFixture<SqlitePortal>;

public sealed class ImprovementQueueTests_Postgres(PostgresPortal portal) : ImprovementQueueTests(portal), IClassFixture<PostgresPortal>;
