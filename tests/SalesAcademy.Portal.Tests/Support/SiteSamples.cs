using Microsoft.EntityFrameworkCore;
using System.Net;
using Microsoft.AspNetCore.Identity;
using SalesAcademy.Accounts.Models;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests.Support;

/// <summary>
/// Real ids for every page route with route values: seed content, a trainer's draft, a team, a rep's submitted
/// contribution and quiz attempt, and an attempt the administrator has in progress.
/// </summary>
public sealed class SiteSamples
{
    public required string DraftId { get; init; }
    public required string DraftSlug { get; init; }
    public required string TeamId { get; init; }
    public required string ContributionId { get; init; }
    public required long RepAttemptId { get; init; }
    public required long AdminAttemptId { get; init; }
    public required long RoundRunId { get; init; }
    public required long RetroId { get; init; }
    public required long DealReviewId { get; init; }
    public required long PulseId { get; init; }
    public required long DrillSessionId { get; init; }
    /// <summary>A drill session of the team with scoring open (drillscoring's rate and results pages).</summary>
    public required long ScoringSessionId { get; init; }

    public const string CaseSlug = "huawei-iron-triangle", PlaybookSlug = "collaborative-sales-process", DrillSlug = "aligning-conflicting-goals",
        QuestionSlug = "align-finance-position", QuizSlug = "iron-triangle-basics";

    /// <summary>Route (as the portal declares it) → concrete paths to request.</summary>
    public IReadOnlyDictionary<string, string[]> Paths => new Dictionary<string, string[]>
    {
        ["/cases/{slug}"] = [$"/cases/{CaseSlug}", $"/cases/{DraftSlug}?preview=latest"],
        ["/playbooks/{slug}"] = [$"/playbooks/{PlaybookSlug}"],
        ["/drills/{slug}"] = [$"/drills/{DrillSlug}"],
        ["/questions/{slug}"] = [$"/questions/{QuestionSlug}"],
        ["/quizzes/{slug}"] = [$"/quizzes/{QuizSlug}"],
        ["/quizzes/{slug}/results"] = [$"/quizzes/{QuizSlug}/results"],
        ["/quizzes/{slug}/statistics"] = [$"/quizzes/{QuizSlug}/statistics"],
        ["/quizzes/attempt/{id:long}"] = [$"/quizzes/attempt/{AdminAttemptId}"],
        ["/quizzes/attempt/{id:long}/result"] = [$"/quizzes/attempt/{RepAttemptId}/result"],
        ["/comments/{id:long?}"] = ["/comments", "/comments/1"],
        ["/contribute/{id}"] = ["/contribute/new", $"/contribute/{ContributionId}"],
        ["/studio/edit/{id?}"] = ["/studio/edit?type=CaseStudy", $"/studio/edit/{DraftId}"],
        ["/studio/history/{id}"] = [$"/studio/history/{DraftId}"],
        ["/studio/reviews/{id}"] = [$"/studio/reviews/{ContributionId}"],
        ["/teams/{id}"] = [$"/teams/{TeamId}"],
        ["/teams/{id}/progress.csv"] = [$"/teams/{TeamId}/progress.csv"],
        ["/quizzes/rounds/{runId:long}"] = [$"/quizzes/rounds/{RoundRunId}", $"/quizzes/rounds/{RoundRunId}?team={TeamId}"],
        ["/pulses/{id:long}"] = [$"/pulses/{PulseId}"],
        ["/pulses/team/{teamId}"] = [$"/pulses/team/{TeamId}"],
        ["/admin/scheduler/cycle/{id:long?}"] = ["/admin/scheduler/cycle", $"/admin/scheduler/cycle?team={TeamId}"],
        ["/retros/{id:long}"] = [$"/retros/{RetroId}"],
        ["/retros/{id:long}/live"] = [$"/retros/{RetroId}/live"],
        ["/retros/{id:long}/case-draft"] = [$"/retros/{DealReviewId}/case-draft"],
        ["/retros/{id:long}/export"] = [$"/retros/{RetroId}/export?format=md", $"/retros/{RetroId}/export?format=csv"],
        ["/drill-sessions/{id:long}"] = [$"/drill-sessions/{DrillSessionId}"],
        ["/drill-sessions/{id:long}/live"] = [$"/drill-sessions/{DrillSessionId}/live"],
        ["/drill-sessions/{id:long}/attachments/{attachmentId:long}"] = [$"/drill-sessions/{DrillSessionId}/attachments/999999999"],
        ["/drill-sessions/{id:long}/rate"] = [$"/drill-sessions/{ScoringSessionId}/rate"],
        ["/drill-sessions/{id:long}/results"] = [$"/drill-sessions/{ScoringSessionId}/results"],
        ["/insights/teams/{teamId}"] = [$"/insights/teams/{TeamId}", $"/insights/teams/{TeamId}?csv=trend"],
        ["/insights/teams/{team}/goals"] = [$"/insights/teams/{TeamId}/goals"],
    };

    public static async Task<SiteSamples> ArrangeAsync(PortalFactory factory)
    {
        var trainer = await TestUsers.CreateAsync(factory, PortalRoles.Trainer);
        var rep = await TestUsers.CreateAsync(factory, PortalRoles.Rep);
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var manager = services.GetRequiredService<ContentManager>();
        var slug = "sample-" + Guid.NewGuid().ToString("N")[..8];
        var item = manager.New("CaseStudy");
        item.Apply(new TitlePart { Title = "样例草稿" }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "草稿" })
            .Apply(new OwnershipPart { Owner = trainer })
            .Apply(new CaseStudyPart { Company = "X", Industry = "ict", DealSize = "small", Outcome = "won", Roles = ["AccountManager"] });
        var draft = await manager.CreateAsync(item, trainer, publish: false);
        var (team, error) = await services.GetRequiredService<TeamRoster>().CreateAsync("样例团队 " + slug, null, "test");
        Assert.Null(error);

        // A rep's case through the contribution form, submitted for review.
        using var repBrowser = await TestUsers.SignedInAsync(factory, rep);
        var contributionId = await SubmitContributionAsync(repBrowser, "Sample contribution");

        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var repId = (await users.FindByEmailAsync(rep))!.Id;
        var adminId = (await users.FindByEmailAsync(TestUsers.AdminEmail))!.Id;
        var attempts = services.GetRequiredService<QuizAttempts>();
        var quizId = "quiz-" + QuizSlug;
        var repAttempt = (await attempts.StartAsync(quizId, new Taker(repId, rep))).Attempt!;
        await attempts.SubmitAsync(repAttempt.Id, repId);
        var adminAttempt = (await attempts.StartAsync(quizId, new Taker(adminId, TestUsers.AdminEmail))).Attempt!;

        // A quiz round opened for the team, with the rep in it (its summary page).
        Assert.Null(await services.GetRequiredService<TeamRoster>().AddMemberAsync(team!.Id, rep, "AccountManager"));
        var cycles = services.GetRequiredService<SalesAcademy.Scheduling.Services.Cycles>();
        var (cycle, cycleError) = await cycles.CreateAsync(new SalesAcademy.Scheduling.Services.CycleDraft(
            SalesAcademy.Quizzes.Rounds.QuizRoundKind.KindKey, "Sample round", [team!.Id], SalesAcademy.Scheduling.Models.CadenceKind.Weekly,
            new TimeOnly(9, 0), DayOfWeek.Monday, OpenMinutes: 60, Settings: $"{{\"quiz\":\"{quizId}\"}}"), "test");
        Assert.True(cycle is not null, cycleError);
        var (run, runError) = await cycles.RunNowAsync(cycle!.Id, "test");
        Assert.True(run is not null, runError);
        // Opened: by this tick, or by the background dispatcher's when it holds the run at that moment (then tick again).
        await Eventually.TrueAsync(async () =>
        {
            await services.GetRequiredService<SalesAcademy.Scheduling.Services.CycleDispatcher>().TickAsync();
            return await services.GetRequiredService<SalesAcademy.Quizzes.Rounds.QuizRounds>().TeamsOfRunAsync(run!.Id, CancellationToken.None) is not null;
        }, "the sample quiz round opened");

        // A team-health pulse opened by a pulse cycle for the team (its answer and results pages).
        var (pulseCycle, pulseCycleError) = await cycles.CreateAsync(new SalesAcademy.Scheduling.Services.CycleDraft(
            SalesAcademy.Pulses.Cycles.PulseKind.KindKey, "Sample pulse", [team!.Id], SalesAcademy.Scheduling.Models.CadenceKind.Weekly,
            new TimeOnly(9, 0), DayOfWeek.Monday, OpenMinutes: 60, Settings: "{\"pack\":\"pulse-team-health\"}"), "test");
        Assert.True(pulseCycle is not null, pulseCycleError);
        var (pulseRun, pulseRunError) = await cycles.RunNowAsync(pulseCycle!.Id, "test");
        Assert.True(pulseRun is not null, pulseRunError);
        var pulses = services.GetRequiredService<SalesAcademy.Pulses.Data.PulsesDbContext>().Pulses.AsNoTracking();
        await Eventually.TrueAsync(async () =>
        {
            await services.GetRequiredService<SalesAcademy.Scheduling.Services.CycleDispatcher>().TickAsync();
            return pulses.Any(p => p.RunId == pulseRun!.Id);
        }, "the sample pulse opened");
        var pulseId = pulses.Single(p => p.RunId == pulseRun!.Id).Id;

        // A retrospective of the team (started as a cycle would start it).
        var retro = await services.GetRequiredService<SalesAcademy.Retros.Services.RetroBoard>()
            .StartForCycleAsync(run.Id, new SalesAcademy.Retros.Services.RetroStart(team.Id, "start-stop-continue"));
        Assert.True(retro.Ok, retro.Message);
        // A closed deal review of the team (its "turn this deal review into a case" page).
        var retros = services.GetRequiredService<SalesAcademy.Retros.Data.RetrosDbContext>();
        var dealReview = new SalesAcademy.Retros.Models.Retro
        {
            TeamId = team.Id, Title = "Deal review: sample", TemplateItemId = "retro-template-deal-review", TemplateVersionId = "v1",
            Phase = SalesAcademy.Retros.Models.RetroPhase.Closed, Anonymous = false, DealName = "Sample deal", DealOutcome = "won",
            DealRoles = "AccountManager", StartedByUserId = adminId, CreatedUtc = DateTime.UtcNow, ClosedUtc = DateTime.UtcNow,
        };
        retros.Retros.Add(dealReview);
        await retros.SaveChangesAsync();

        // A drill session of the team (scheduled as a drill cycle would schedule it).
        var drillSession = await services.GetRequiredService<SalesAcademy.DrillSessions.Services.DrillSessionBook>()
            .ScheduleForCycleAsync(run.Id, new SalesAcademy.DrillSessions.Services.SessionDraft(team.Id, "iron-triangle-role-play", DateTime.UtcNow));
        Assert.True(drillSession.Ok, drillSession.Message);

        return new SiteSamples
        {
            DraftId = draft.ContentItemId, DraftSlug = slug, TeamId = team!.Id, ContributionId = contributionId,
            RepAttemptId = repAttempt.Id, AdminAttemptId = adminAttempt.Id, RoundRunId = run!.Id, RetroId = retro.Id, DealReviewId = dealReview.Id, PulseId = pulseId,
            DrillSessionId = drillSession.Id,
            ScoringSessionId = await ScoringSessionAsync(services, team.Id, repId),
        };
    }

    /// <summary>An open item of the improvement queue that no one owns (searches that found nothing), after a refresh; returns its id.</summary>
    public static async Task<long> ImprovementItemAsync(IServiceProvider services)
    {
        var query = "sample nothing " + Guid.NewGuid().ToString("N")[..8];
        var log = services.GetRequiredService<SalesAcademy.Search.Services.SearchLog>();
        log.Record(query, 0, "en", null, "page");
        log.Record(query, 0, "en", null, "page");
        await services.GetRequiredService<SalesAcademy.Improvement.Queue.ImprovementQueue>().RefreshAsync();
        return await services.GetRequiredService<SalesAcademy.Improvement.Data.ImprovementDbContext>().Items.AsNoTracking()
            .Where(i => i.Key == "search.nothing:" + query).Select(i => i.Id).SingleAsync();
    }

    /// <summary>
    /// A session of the drill <see cref="DrillSlug"/> for the team with scoring open (as drillsessions leaves it after the last step),
    /// <paramref name="player"/> (if any) playing the account manager; returns its id.
    /// </summary>
    public static async Task<long> ScoringSessionAsync(IServiceProvider services, string teamId, string? player = null)
    {
        var drill = (await services.GetRequiredService<PublishedContent>().BySlugAsync("Drill", DrillSlug))!;
        var db = services.GetRequiredService<SalesAcademy.DrillSessions.Data.DrillSessionsDbContext>();
        var session = new SalesAcademy.DrillSessions.Models.DrillSession
        {
            TeamId = teamId, DrillContentItemId = drill.ContentItemId, DrillVersion = drill.ContentItemVersionId,
            DrillJson = System.Text.Json.JsonSerializer.Serialize(drill.As<SalesAcademy.Drills.Models.DrillPart>()),
            DrillSlug = DrillSlug, DrillCulture = drill.Culture, Title = "Sample drill session", ScheduledUtc = DateTime.UtcNow.AddHours(-1),
            Status = SalesAcademy.DrillSessions.Models.DrillSessionStatus.Scoring, CreatedUtc = DateTime.UtcNow,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        if (player is not null)
        {
            db.Participants.Add(new SalesAcademy.DrillSessions.Models.DrillParticipant { SessionId = session.Id, UserId = player, RoleKey = "AccountManager" });
            await db.SaveChangesAsync();
        }
        return session.Id;
    }

    /// <summary>A case through the contribution form, saved and submitted for review by the signed-in <paramref name="rep"/>; returns its id.</summary>
    public static async Task<string> SubmitContributionAsync(Browser rep, string title)
    {
        var saved = await rep.SubmitAsync("/contribute/new", new Dictionary<string, string>
        {
            ["f.title"] = title, ["f.summary"] = "A rep's own deal.", ["f.culture"] = "en", ["f.company"] = "Acme Retail",
            ["f.industry"] = "retail", ["f.dealSize"] = "medium", ["f.outcome"] = "won", ["f.roles[]"] = "AccountManager",
            ["f.lessons:lines"] = "Bring delivery in early", ["f.tags[]"] = "crm", ["body"] = "We won it together.", ["basedOnVersionId"] = "",
        }, "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = saved.Headers.Location!.OriginalString["/contribute/".Length..].Split('?')[0];
        Assert.Equal(HttpStatusCode.Redirect, (await rep.SubmitAsync($"/contribute/{id}", new Dictionary<string, string> { ["note"] = "n" }, "Submit")).StatusCode);
        return id;
    }
}
