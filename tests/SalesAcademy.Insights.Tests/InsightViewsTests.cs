using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Audit.Data;
using SalesAcademy.Insights.Data;
using SalesAcademy.Insights.Recommendations;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.DrillSessions.Data;
using SalesAcademy.Scheduling.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Insights.Tests;

/// <summary>
/// The dashboards, /about/metrics and recommendations through the site, as each role sees them: a rep only themselves, a lead only
/// the teams they lead, trainers every team, everyone else 404; the weights editor's validation, versions and audit; the
/// recommendation of the weakest topic's tagged items and the one-click assign that really opens a round or schedules a session.
/// </summary>
public sealed class InsightViewsTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private static readonly HtmlParser Html = new();

    [Fact]
    public async Task A_rep_sees_only_themselves_a_lead_only_their_teams_and_everyone_else_gets_404()
    {
        var world = new InsightsWorld(portal.Factory);
        var w = await world.CreateAsync();

        using (var ann = await world.BrowserAsync(w.Ann))
        {
            var me = await ann.GetAsync("/insights/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            var html = await me.Content.ReadAsStringAsync();
            var cells = Cells(html, "mastery");
            Assert.Contains(cells, c => c == "0.31"); // Ann's own mastery
            Assert.DoesNotContain("0.87", html);      // never Bob's
            Assert.DoesNotContain(w.Bob.Email, html);
            foreach (var url in new[] { $"/insights/teams/{w.TeamA}", $"/insights/teams/{w.TeamA}?csv=trend", "/insights", "/insights?csv=teams" })
                Assert.Equal(HttpStatusCode.NotFound, (await ann.GetAsync(url)).StatusCode);
            // Another page's TempData (the notification settings keep a bool "Saved") does not break the metrics page.
            Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/account/notifications")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/about/metrics")).StatusCode);
        }
        using (var lead = await world.BrowserAsync(w.LeadA))
        {
            Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/insights/teams/{w.TeamA}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/insights/teams/{w.TeamB}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/insights/teams/{w.TeamB}?csv=trend")).StatusCode);
            var overview = await (await lead.GetAsync("/insights")).Content.ReadAsStringAsync();
            Assert.Contains($"data-team=\"{w.TeamA}\"", overview);
            Assert.DoesNotContain($"data-team=\"{w.TeamB}\"", overview);
            // A lead's own dashboard is theirs only, too: no member's figures.
            var own = await (await lead.GetAsync("/insights/me")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("0.31", own);
            Assert.DoesNotContain("0.87", own);
        }
        using (var trainer = await world.BrowserAsync(w.Trainer))
        {
            Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync($"/insights/teams/{w.TeamB}")).StatusCode);
            var overview = await (await trainer.GetAsync("/insights")).Content.ReadAsStringAsync();
            Assert.Contains($"data-team=\"{w.TeamA}\"", overview);
            Assert.Contains($"data-team=\"{w.TeamB}\"", overview);
        }
        using var anonymous = new Browser(portal.Factory);
        var challenged = await anonymous.GetAsync("/insights/me");
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
        Assert.Contains("/account/login", challenged.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/about/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_withheld_index_says_which_input_is_missing_and_every_index_expands_into_its_components()
    {
        var world = new InsightsWorld(portal.Factory);
        var w = await world.CreateAsync();
        using var lead = await world.BrowserAsync(w.LeadA);
        var document = Html.ParseDocument(await (await lead.GetAsync($"/insights/teams/{w.TeamA}")).Content.ReadAsStringAsync());
        var collaboration = document.QuerySelector("[data-index='index.collaboration']")!;
        Assert.Contains("Fewer than 3 people answered the pulse", collaboration.QuerySelector("[data-index-withheld]")!.TextContent);
        var readiness = document.QuerySelector("[data-index='index.readiness']")!;
        Assert.Equal("0.61", readiness.QuerySelector("[data-index-value]")!.TextContent.Trim());
        var mastery = readiness.QuerySelector("tr[data-component='mastery']")!;
        Assert.Equal("0.35", mastery.Children[1].TextContent.Trim());           // weight of mastery in version 1
        Assert.Equal("0.53", mastery.Children[2].TextContent.Trim());           // (0.2 + 0.8 + 0.6) / 3
        Assert.Equal("5.33 / 10.00", mastery.Children[3].TextContent.Trim());   // the data behind it
        Assert.Contains("missing: No reviewed cards in the review decks", readiness.QuerySelector("tr[data-component='retention']")!.TextContent);
    }

    [Fact]
    public async Task Every_csv_download_holds_the_figures_of_the_table_behind_its_chart()
    {
        var world = new InsightsWorld(portal.Factory);
        var w = await world.CreateAsync();
        using var trainer = await world.BrowserAsync(w.Trainer);
        foreach (var (page, charts) in new[] { ($"/insights/teams/{w.TeamA}", new[] { "trend", "mastery", "radar", "participation" }),
                     ("/insights", new[] { "teams", "team-indices", "team-participation" }) })
        {
            var html = await (await trainer.GetAsync(page)).Content.ReadAsStringAsync();
            foreach (var chart in charts)
            {
                var response = await trainer.GetAsync($"{page}?csv={chart}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
                var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
                var table = Html.ParseDocument(html).QuerySelector($"table[data-chart-table='{chart}']")!;
                var header = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
                Assert.Equal(string.Join(',', header), lines[0]);
                var rows = table.QuerySelectorAll("tbody tr").ToList();
                Assert.True(rows.Count > 0, $"{page} {chart} has rows");
                Assert.Equal(rows.Count, lines.Length - 1);
                for (var i = 0; i < rows.Count; i++)
                {
                    var expected = new[] { rows[i].QuerySelector("th")!.TextContent.Trim() }
                        .Concat(rows[i].QuerySelectorAll("td").Select(td => td.GetAttribute("data-value")!)).ToList();
                    Assert.Equal(string.Join(',', expected), lines[i + 1]);
                }
            }
            Assert.Equal(HttpStatusCode.NotFound, (await trainer.GetAsync($"{page}?csv=nothing")).StatusCode);
        }
        // The weak topic's mastery, 0.20 in week 2, is both in the table and in the CSV.
        var csv = await (await trainer.GetAsync($"/insights/teams/{w.TeamA}?csv=mastery")).Content.ReadAsStringAsync();
        Assert.Contains("2026-11-23,", csv);
        Assert.Contains(",0.20", csv);
    }

    [Fact]
    public async Task Weights_are_validated_per_field_and_each_change_is_a_new_audited_version_old_snapshots_keep_theirs()
    {
        var world = new InsightsWorld(portal.Factory);
        var w = await world.CreateAsync();
        using var admin = await TestUsers.SignedInAsync(portal.Factory, TestUsers.AdminEmail, TestUsers.AdminPassword);
        int Versions()
        {
            using var scope = portal.Factory.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<InsightsDbContext>().Weights.Count();
        }
        var before = Versions();
        var fields = Fields();
        fields["readiness.mastery"] = "-0.5";
        fields["readiness.drill"] = "lots";
        foreach (var key in fields.Keys.Where(k => k.StartsWith("collaboration.")).ToList()) fields[key] = "0";
        fields["note"] = "";
        var refused = Html.ParseDocument(await (await admin.SubmitAsync("/about/metrics", fields)).Content.ReadAsStringAsync());
        Assert.Contains("cannot be negative ('-0.5')", refused.QuerySelector("[data-field-error='readiness.mastery']")!.TextContent);
        Assert.Contains("'lots' is not a number", refused.QuerySelector("[data-field-error='readiness.drill']")!.TextContent);
        Assert.Contains("add up to more than 0", refused.QuerySelector("[data-field-error='collaboration']")!.TextContent);
        Assert.NotNull(refused.QuerySelector("[data-field-error='note']"));
        Assert.Equal("lots", refused.QuerySelector("input[name='readiness.drill']")!.GetAttribute("value")); // nothing typed is lost
        Assert.Equal(before, Versions());

        var valid = Fields();
        valid["readiness.mastery"] = "0.5";
        valid["note"] = "Mastery counts more this quarter";
        var saved = await admin.SubmitAsync("/about/metrics", valid);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(before + 1, Versions());
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var newest = await scope.ServiceProvider.GetRequiredService<InsightsDbContext>().Weights.OrderByDescending(x => x.Version).FirstAsync();
            Assert.Contains("\"mastery\":0.5", newest.WeightsJson);
            Assert.Equal("Mastery counts more this quarter", newest.Note);
            var audit = await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking()
                .Where(e => e.Action == "insights.weights.changed" && e.Target == $"weights:{newest.Version}").ToListAsync();
            Assert.Single(audit);
            Assert.Equal(TestUsers.AdminEmail, audit[0].Actor);
            // Snapshots computed before keep the version they were computed with.
            Assert.All(await scope.ServiceProvider.GetRequiredService<InsightsDbContext>().Snapshots.Where(s => s.TeamId == w.TeamA).ToListAsync(),
                s => Assert.Equal(1, s.WeightsVersion));
            var page = Html.ParseDocument(await (await admin.GetAsync("/about/metrics")).Content.ReadAsStringAsync());
            Assert.Equal(newest.Version.ToString(), page.QuerySelector("[data-weights-saved]")!.GetAttribute("data-weights-saved"));
            Assert.NotNull(page.QuerySelector($"[data-weights-history] tr[data-version='{newest.Version}']"));
            Assert.NotNull(page.QuerySelector("[data-weights-history] tr[data-version='1']"));
        }
        using var lead = await world.BrowserAsync(w.LeadA);
        var leadPage = await (await lead.GetAsync($"/insights/teams/{w.TeamA}")).Content.ReadAsStringAsync();
        Assert.Contains("weights version 1", leadPage);
        // Only holders of insights.weights may change them; the form is not even shown to others.
        Assert.DoesNotContain("data-weights-editor", await (await lead.GetAsync("/about/metrics")).Content.ReadAsStringAsync());
        var token = await lead.AntiforgeryTokenAsync($"/insights/teams/{w.TeamA}");
        var forbidden = await lead.PostAsync("/about/metrics", new Dictionary<string, string>(valid) { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
        Assert.Equal(before + 1, Versions());
    }

    [Fact]
    public async Task The_weakest_topic_gets_its_tagged_items_and_assigning_really_opens_a_quiz_round_and_schedules_a_drill_session()
    {
        var world = new InsightsWorld(portal.Factory);
        var w = await world.CreateAsync();
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var recommendations = await scope.ServiceProvider.GetRequiredService<Recommender>().ForTeamAsync(w.TeamA);
            var weakest = recommendations[0];
            Assert.Equal(("topic", InsightsWorld.WeakTag), (weakest.Kind, weakest.Key));
            Assert.Equal(0.20, weakest.Value, 3);
            var tagged = weakest.Items.Where(i => i.Tagged).Select(i => i.ContentItemId).ToList();
            Assert.Contains("quiz-lessons-from-a-lost-deal", tagged);
            Assert.Contains("drill-aligning-conflicting-goals", tagged);
            Assert.DoesNotContain("quiz-iron-triangle-basics", tagged); // tagged only with a stronger topic
            Assert.Equal(AssignAs.QuizRound, weakest.Items.Single(i => i.ContentItemId == "quiz-lessons-from-a-lost-deal").Assign);
            Assert.Equal(AssignAs.DrillSession, weakest.Items.Single(i => i.ContentItemId == "drill-aligning-conflicting-goals").Assign);
            // The weakest rubric criterion follows the topics.
            Assert.Contains(recommendations, r => r.Kind == "criterion" && r.Key == "Clear roles");
        }

        var page = $"/insights/teams/{w.TeamA}";
        using (var ann = await world.BrowserAsync(w.Ann))
        {
            var token = await ann.AntiforgeryTokenAsync("/account/profile");
            var refused = await ann.PostAsync(page + "?handler=Assign", new Dictionary<string, string>
                { ["kind"] = "quiz", ["item"] = "quiz-lessons-from-a-lost-deal", ["__RequestVerificationToken"] = token });
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
        using var lead = await world.BrowserAsync(w.LeadA);
        // Without the antiforgery token nothing is assigned.
        var forged = await lead.PostAsync(page + "?handler=Assign", new Dictionary<string, string> { ["kind"] = "quiz", ["item"] = "quiz-lessons-from-a-lost-deal" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var html = await (await lead.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains("data-recommended=\"quiz-lessons-from-a-lost-deal\"", html);

        var quiz = await lead.SubmitAsync(page, new Dictionary<string, string> { ["kind"] = "quiz", ["item"] = "quiz-lessons-from-a-lost-deal" }, "Assign");
        Assert.Equal(HttpStatusCode.Redirect, quiz.StatusCode);
        var drill = await lead.SubmitAsync(page, new Dictionary<string, string> { ["kind"] = "drill", ["item"] = "drill-aligning-conflicting-goals" }, "Assign");
        Assert.Equal(HttpStatusCode.Redirect, drill.StatusCode);
        var wrongType = await lead.SubmitAsync(page, new Dictionary<string, string> { ["kind"] = "drill", ["item"] = "quiz-lessons-from-a-lost-deal" }, "Assign");
        Assert.Contains("Drill: choose a published drill.", await wrongType.Content.ReadAsStringAsync());

        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            // The scheduler runs the runs' open phase (the test drives it instead of waiting for Quartz).
            await scope.ServiceProvider.GetRequiredService<CycleDispatcher>().TickAsync();
        }
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = portal.Factory.Services.CreateAsyncScope();
            var assigned = await scope.ServiceProvider.GetRequiredService<QuizzesDbContext>().Assignments.AsNoTracking()
                .Where(a => a.TeamId == w.TeamA && a.QuizItemId == "quiz-lessons-from-a-lost-deal").Select(a => a.UserId).ToListAsync();
            var sessions = await scope.ServiceProvider.GetRequiredService<DrillSessionsDbContext>().Sessions.AsNoTracking()
                .CountAsync(s => s.TeamId == w.TeamA && s.DrillContentItemId == "drill-aligning-conflicting-goals" && s.CycleRunId != null);
            return assigned.Contains(w.Ann.Id) && assigned.Contains(w.Bob.Id) && sessions == 1;
        }, "the quiz round is open for team A's members and the drill session is scheduled");
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var audit = await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Entries.AsNoTracking()
                .Where(e => e.Action == "insights.recommendation.assigned" && e.Target == $"team:{w.TeamA}").ToListAsync();
            Assert.Equal(2, audit.Count);
            Assert.All(audit, e => Assert.Equal(w.LeadA.Email, e.Actor));
        }
    }

    [Fact]
    public async Task The_weakest_questions_of_a_topic_lead_search_to_related_published_items()
    {
        var world = new InsightsWorld(portal.Factory);
        var w = await world.CreateAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        // Ann and Bob answered two questions of the weak topic in week 2: the finance one wrongly (0 and 0.5), the other rightly.
        var quizzes = services.GetRequiredService<QuizzesDbContext>();
        foreach (var (who, finance) in new[] { (w.Ann, 0.0), (w.Bob, 0.5) })
            quizzes.Attempts.Add(new Quizzes.Attempts.QuizAttempt
            {
                QuizItemId = "views-quiz-" + w.TeamA, QuizVersionId = "v1", UserId = who.Id, UserName = who.Email, Number = 1,
                State = Quizzes.Attempts.AttemptState.Submitted, StartedUtc = InsightsWorld.Week2.AddDays(1), FinishedUtc = InsightsWorld.Week2.AddDays(1).AddMinutes(9),
                Score = finance + 1, MaxScore = 2,
                Questions =
                [
                    new Quizzes.Attempts.AttemptQuestion { Slot = 0, QuestionItemId = "question-align-finance-position", QuestionVersionId = "v", Points = 1, Fraction = finance },
                    new Quizzes.Attempts.AttemptQuestion { Slot = 1, QuestionItemId = "question-positions-and-interests", QuestionVersionId = "v", Points = 1, Fraction = 1 },
                ],
            });
        await quizzes.SaveChangesAsync();

        var weak = await services.GetRequiredService<Core.Insights.IWeakQuestions>()
            .LowestByTagAsync([w.Ann.Id, w.Bob.Id], InsightsWorld.Week2, InsightsWorld.Week2.AddDays(7), perTag: 3);
        var lowest = weak[InsightsWorld.WeakTag];
        Assert.Equal(["question-align-finance-position", "question-positions-and-interests"], lowest.Select(q => q.QuestionItemId));
        Assert.Equal((2, 0.25), (lowest[0].Answers, lowest[0].MeanFraction));
        Assert.Contains("财务", lowest[0].Text);
        // Outside the period, nothing.
        Assert.Empty(await services.GetRequiredService<Core.Insights.IWeakQuestions>()
            .LowestByTagAsync([w.Ann.Id], InsightsWorld.Week1, InsightsWorld.Week2, perTag: 3));

        // The search index finds published items related to the question's text, of the types asked for only.
        IReadOnlyList<Core.Insights.RelatedItem> related = [];
        await Eventually.TrueAsync(async () =>
        {
            related = await services.GetRequiredService<Core.Insights.IRelatedContent>().ForTextAsync(lowest[0].Text, ["Drill", "CaseStudy", "Playbook"], 8);
            return related.Count > 0;
        }, "the search index finds items related to the weak question");
        Assert.All(related, r => Assert.Contains(r.ContentType, new[] { "Drill", "CaseStudy", "Playbook" }));
        Assert.Contains(related, r => r.ContentItemId == "drill-aligning-conflicting-goals");

        // The recommendation for the weak topic names those questions.
        var recommendation = (await services.GetRequiredService<Recommender>().ForTeamAsync(w.TeamA)).Single(r => r.Key == InsightsWorld.WeakTag);
        Assert.Equal("question-align-finance-position", recommendation.Questions[0].QuestionItemId);
    }

    [Fact]
    public async Task Topics_several_teams_are_weak_in_reach_the_improvement_queue_from_each_teams_latest_snapshot()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var roster = services.GetRequiredService<Teams.Services.TeamRoster>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ids = new List<string>();
        foreach (var name in new[] { "Weak A ", "Weak B ", "Strong C ", "Stale D " })
        {
            var (team, error) = await roster.CreateAsync(name + suffix, null, "test");
            Assert.Null(error);
            ids.Add(team!.Id);
        }
        // The newest period (far ahead of every other test's weeks): A and B are under 0.5 in objection handling, C is not,
        // and only A is weak in pricing. D's latest snapshot is 5 weeks older: it no longer counts.
        var newest = new DateTime(2031, 3, 3, 0, 0, 0, DateTimeKind.Utc);
        var db = services.GetRequiredService<InsightsDbContext>();
        db.Snapshots.AddRange(
            TeamMastery(ids[0], newest, ("objection-handling", 0.30), ("pricing", 0.20)),
            TeamMastery(ids[0], newest.AddDays(-7), ("value-selling", 0.10)), // an older period of A: not its latest
            TeamMastery(ids[1], newest.AddDays(-2), ("objection-handling", 0.40), ("pricing", 0.90)),
            TeamMastery(ids[2], newest, ("objection-handling", 0.90)),
            TeamMastery(ids[3], newest.AddDays(-35), ("objection-handling", 0.10), ("pricing", 0.10)));
        await db.SaveChangesAsync();

        var weak = await services.GetRequiredService<Core.Improvement.IWeakTopics>().WeakAsync(2);

        var topic = Assert.Single(weak);
        Assert.Equal("objection-handling", topic.Tag);
        Assert.Equal(["Weak A " + suffix, "Weak B " + suffix], topic.TeamNames);
        Assert.Equal(0.35, topic.Mastery, 3); // (0.30 + 0.40) / 2
        Assert.Equal("2031-03-03", topic.Period);
        // One team is enough when asked: pricing (A only) then joins, weakest first.
        Assert.Equal(["pricing", "objection-handling"], (await services.GetRequiredService<Core.Improvement.IWeakTopics>().WeakAsync(1)).Select(t => t.Tag));
    }

    private static Models.InsightSnapshot TeamMastery(string teamId, DateTime start, params (string Tag, double Value)[] mastery)
    {
        var snapshot = new Models.InsightSnapshot
        {
            Scope = Models.InsightScope.Team, TeamId = teamId, PeriodStartUtc = start, PeriodEndUtc = start.AddDays(7), WeightsVersion = 1,
            ComputedUtc = start.AddDays(7),
        };
        foreach (var (tag, value) in mastery)
            snapshot.Values.Add(new Models.InsightValue { Measure = Metrics.InsightMeasures.Mastery, Dimension = tag, Value = value, Numerator = value * 10, Denominator = 10, Inputs = 10 });
        return snapshot;
    }

    private static Dictionary<string, string> Fields()
    {
        var fields = new Dictionary<string, string>();
        foreach (var (k, v) in Metrics.IndexWeights.Default.Readiness) fields["readiness." + k] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (k, v) in Metrics.IndexWeights.Default.Collaboration) fields["collaboration." + k] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return fields;
    }

    private static List<string> Cells(string html, string chart) =>
        Html.ParseDocument(html).QuerySelectorAll($"table[data-chart-table='{chart}'] td").Select(td => td.TextContent.Trim()).ToList();
}
