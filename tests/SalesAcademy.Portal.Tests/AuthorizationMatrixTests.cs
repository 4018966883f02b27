using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;
using SalesAcademy.Portal.Tests.Support;
using SalesAcademy.Teams.Services;
using SalesAcademy.Testing;

namespace SalesAcademy.Portal.Tests;

/// <summary>
/// Every page and API route × every role (and anonymous), including guessed ids of a trainer's draft and another team.
/// Allowed answers 200; a signed-in user who may not see a page gets 404 (never 403); anonymous visitors
/// are sent to sign in (the API answers 401). The test site allows anonymous reading of published content.
/// The matrix must name every route the portal has (The_matrix_has_rows_for_every_page_and_api_route).
/// </summary>
public sealed class AuthorizationMatrixTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private const string Anonymous = "Anonymous";
    private const string Ok = "200", NotFound = "404", Login = "login", Created = "201", NoContent = "204", Unauthorized = "401",
        Conflict = "409", Invalid = "422", Redirect = "302", ServerError = "500";

    /// <summary>
    /// One request of the matrix: the route as the portal declares it (so the completeness check can match it
    /// against the endpoints), the method, the URL with placeholders, an optional JSON body, and the expected
    /// answer for each column: Anonymous, Rep, TeamLead, Trainer, Administrator.
    /// </summary>
    private sealed record Row(string Route, string Method, string Url, string[] Expected, string? Body = null);

    private static Row Page(string route, string url, string[] expected) => new(route, "GET", url, expected);
    private static Row Page(string route, string[] expected) => new(route, "GET", route, expected);
    private static Row Api(string method, string route, string url, string[] expected, string? body = null) => new(route, method, url, expected, body);

    private static readonly Row[] Matrix =
    [
        // Pages.
        Page("/", [Ok, Ok, Ok, Ok, Ok]),
        Page("/cases", [Ok, Ok, Ok, Ok, Ok]),
        Page("/cases/{slug}", "/cases/huawei-iron-triangle", [Ok, Ok, Ok, Ok, Ok]),
        Page("/cases/{slug}", "/cases/{draftSlug}", [NotFound, NotFound, NotFound, NotFound, NotFound]),           // a draft is never a public page
        Page("/cases/{slug}", "/cases/{draftSlug}?preview=latest", [NotFound, NotFound, NotFound, Ok, Ok]),      // drafts: authors, trainers, admins
        Page("/playbooks", [Ok, Ok, Ok, Ok, Ok]),
        Page("/playbooks/{slug}", "/playbooks/collaborative-sales-process", [Ok, Ok, Ok, Ok, Ok]),
        Page("/drills", [Ok, Ok, Ok, Ok, Ok]),
        Page("/drills/{slug}", "/drills/aligning-conflicting-goals", [Ok, Ok, Ok, Ok, Ok]),
        Page("/search", "/search?q=铁三角", [Ok, Ok, Ok, Ok, Ok]),
        Page("/culture", "/culture?culture=en&returnUrl=/cases", [Redirect, Redirect, Redirect, Redirect, Redirect]),
        Page("/error", [ServerError, ServerError, ServerError, ServerError, ServerError]),                    // the error page says what it is
        Page("/not-found", [NotFound, NotFound, NotFound, NotFound, NotFound]),
        Page("/setup", [Redirect, Redirect, Redirect, Redirect, Redirect]),                                       // the site is set up: home
        Page("/account/login", [Ok, Ok, Ok, Ok, Ok]),
        Page("/account/logout", [Login, Ok, Ok, Ok, Ok]),                                                        // a confirmation; signing out is a POST
        Page("/account/forgot-password", [Ok, Ok, Ok, Ok, Ok]),
        Page("/account/reset-password", "/account/reset-password?email=a%40b.test&token=x", [Ok, Ok, Ok, Ok, Ok]),
        Page("/account/profile", [Login, Ok, Ok, Ok, Ok]),
        Page("/account/security", [Login, Ok, Ok, Ok, Ok]),
        Page("/account/authenticator", [Login, Ok, Ok, Ok, Ok]),
        Page("/account/login-2fa", [Login, Login, Login, Login, Login]),                                         // only after a correct password
        Page("/account/login-passkey", [Login, Login, Login, Login, Login]),                                     // POST only; GET goes back to sign-in
        Page("/studio", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/studio/edit/{id?}", "/studio/edit?type=CaseStudy", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/studio/edit/{id?}", "/studio/edit/{draftId}", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/studio/edit/{id?}", "/studio/edit/no-such-item", [Login, NotFound, NotFound, NotFound, NotFound]),
        Page("/studio/history/{id}", "/studio/history/{draftId}", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/studio/trash", [Login, NotFound, NotFound, NotFound, Ok]),
        Page("/studio/reviews", [Login, NotFound, NotFound, Ok, Ok]),                                              // content.review
        Page("/studio/reviews/{id}", "/studio/reviews/{contributionId}", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/contribute", [Login, Ok, Ok, Ok, Ok]),
        Page("/contribute/{id}", "/contribute/new", [Login, Ok, Ok, Ok, Ok]),
        Page("/contribute/{id}", "/contribute/{contributionId}", [Login, NotFound, NotFound, Ok, Ok]),           // another rep's contribution: its reviewers
        Page("/retros/{id:long}/case-draft", "/retros/999999999/case-draft", [Login, NotFound, NotFound, NotFound, NotFound]), // no such retro here; a team's own: DealReviewCaseDraftTests
        Page("/comments/{id:long?}", "/comments", [Login, NotFound, NotFound, NotFound, NotFound]),               // forms post here; GET is nothing
        Page("/review/due", [Login, Ok, Ok, Ok, Ok]),
        Page("/teams", [Login, Ok, Ok, Ok, Ok]),
        Page("/teams/{id}", "/teams/{otherTeam}", [Login, NotFound, NotFound, Ok, Ok]),                          // teams.viewall: trainers, admins
        Page("/teams/{id}/progress.csv", "/teams/{otherTeam}/progress.csv", [Login, NotFound, NotFound, Ok, Ok]),  // the team's leads, trainers, admins
        Page("/notifications", [Login, Ok, Ok, Ok, Ok]),
        Page("/notifications/badge", [Ok, Ok, Ok, Ok, Ok]),
        Page("/review-queue/badge", [Ok, Ok, Ok, Ok, Ok]),                                                       // a header fragment: empty unless content.review                                                      // a header fragment: a plain link when signed out
        Page("/daily-review", [Login, Ok, Ok, Ok, Ok]),                                                           // quizzes.take: reps, leads, trainers (admins hold all)
        Page("/daily-review/deck", [Login, Ok, Ok, Ok, Ok]),
        Page("/daily-review/add", [Login, NotFound, NotFound, NotFound, NotFound]),                               // POST only
        Page("/admin/users", [Login, NotFound, NotFound, NotFound, Ok]),
        Page("/admin/permissions", [Login, NotFound, NotFound, NotFound, Ok]),
        Page("/admin/settings", [Login, NotFound, NotFound, NotFound, Ok]),
        Page("/admin/audit", [Login, NotFound, NotFound, NotFound, Ok]),
        Page("/admin/teams", [Login, NotFound, NotFound, NotFound, Ok]),
        Page("/admin/search", [Login, NotFound, NotFound, Ok, Ok]),                                              // search.manage: trainers keep the glossary
        Page("/quizzes", [Ok, Ok, Ok, Ok, Ok]),
        Page("/quizzes/{slug}", "/quizzes/{quizSlug}", [Ok, Ok, Ok, Ok, Ok]),
        Page("/quizzes/{slug}/results", "/quizzes/{quizSlug}/results", [Login, NotFound, Ok, Ok, Ok]),           // leads see their teams' rows only
        Page("/quizzes/rounds/{runId:long}", "/quizzes/rounds/999999999", [Login, NotFound, NotFound, NotFound, NotFound]), // a round's teams' leads and quizzes.manage; no such round here
        Page("/quizzes/attempt/{id:long}", "/quizzes/attempt/{attemptId}", [Login, NotFound, NotFound, NotFound, NotFound]), // another rep's attempt: the taker only
        Page("/quizzes/attempt/{id:long}/result", "/quizzes/attempt/{attemptId}/result", [Login, NotFound, NotFound, Ok, Ok]), // the taker, their leads, quizzes.manage
        Page("/quizzes/grading", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/pulses", [Login, Ok, Ok, Ok, Ok]),                                                                 // your teams' pulses
        Page("/pulses/{id:long}", "/pulses/{pulseId}", [Login, NotFound, NotFound, Ok, Ok]),                     // the team's members, trainers, admins
        Page("/pulses/team/{teamId}", "/pulses/team/{otherTeam}", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/quizzes/{slug}/statistics", "/quizzes/{quizSlug}/statistics", [Login, NotFound, NotFound, Ok, Ok]), // item analysis: quizzes.manage
        Page("/quizzes/{slug}/statistics", "/quizzes/no-such-quiz/statistics", [Login, NotFound, NotFound, NotFound, NotFound]),
        Page("/questions", [Login, NotFound, NotFound, Ok, Ok]),                                                  // quizzes.manage: trainers, admins
        Page("/questions/{slug}", "/questions/huawei-fr-role", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/questions/{slug}", "/questions/no-such-question", [Login, NotFound, NotFound, NotFound, NotFound]),
        Page("/questions/import", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/admin/scheduler", [Login, NotFound, Ok, Ok, Ok]),                                                // cycles.manage (any team), cycles.manage.team (teams one leads)
        Page("/admin/scheduler/cycle/{id:long?}", "/admin/scheduler/cycle", [Login, NotFound, Ok, Ok, Ok]),     // the editor with the installed kinds (quiz round, review reminder)
        Page("/admin/scheduler/cycle/{id:long?}", "/admin/scheduler/cycle/999999999", [Login, NotFound, NotFound, NotFound, NotFound]),
        Page("/account/notifications", [Login, Ok, Ok, Ok, Ok]),                                                  // one's own delivery choices
        Page("/admin/delivery", [Login, NotFound, NotFound, NotFound, Ok]),                                        // notifications.delivery (administrators)
        Page("/admin/webhooks", [Login, NotFound, Ok, Ok, Ok]),                                                    // notifications.webhooks (any team), .team (teams one leads)

        // API (a personal access token per role; anonymous sends none). Writes use a fresh draft or a body the
        // allowed roles see refused for its content, so the matrix changes nothing the other rows read.
        Api("GET", "/api/v1/content", "/api/v1/content", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("GET", "/api/v1/content/{id}", "/api/v1/content/case-huawei-iron-triangle", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("GET", "/api/v1/content/{id}", "/api/v1/content/{draftId}?version=latest", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/content/{id}/versions", "/api/v1/content/{draftId}/versions", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("POST", "/api/v1/content", "/api/v1/content", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"type":"CaseStudy"}"""),
        Api("PUT", "/api/v1/content/{id}", "/api/v1/content/{draftId}", [Unauthorized, NotFound, NotFound, Conflict, Conflict], """{"basedOnVersionId":"stale"}"""),
        Api("POST", "/api/v1/content/{id}/publish", "/api/v1/content/{draftId}/publish", [Unauthorized, NotFound, NotFound, Conflict, Conflict], """{"basedOnVersionId":"stale"}"""),
        Api("POST", "/api/v1/content/{id}/unpublish", "/api/v1/content/{freshDraftId}/unpublish", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("DELETE", "/api/v1/content/{id}", "/api/v1/content/{freshDraftId}", [Unauthorized, NotFound, NotFound, NoContent, NoContent]),
        Api("GET", "/api/v1/quizzes", "/api/v1/quizzes", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("GET", "/api/v1/quizzes/{id}", "/api/v1/quizzes/{quizId}", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("GET", "/api/v1/quizzes/{id}/statistics", "/api/v1/quizzes/{quizId}/statistics", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/attempts", "/api/v1/attempts", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("POST", "/api/v1/attempts", "/api/v1/attempts", [Unauthorized, Created, Created, Created, Created], """{"quizId":"{quizId}"}"""),
        Api("GET", "/api/v1/attempts/{id}", "/api/v1/attempts/{attemptId}", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        Api("PUT", "/api/v1/attempts/{id}/answers/{slot}", "/api/v1/attempts/{attemptId}/answers/0", [Unauthorized, NotFound, NotFound, NotFound, NotFound], """{"sequence":1,"response":{}}"""),
        Api("POST", "/api/v1/attempts/{id}/submit", "/api/v1/attempts/{attemptId}/submit", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        Api("GET", "/api/v1/attempts/{id}/result", "/api/v1/attempts/{attemptId}/result", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/questions", "/api/v1/questions", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/questions/{id}", "/api/v1/questions/question-huawei-fr-role", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("POST", "/api/v1/questions/import/gift", "/api/v1/questions/import/gift", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"gift":""}"""),
        Api("GET", "/api/v1/search", "/api/v1/search?q=铁三角", [Ok, Ok, Ok, Ok, Ok]),                                   // anonymous reading is on
        Api("GET", "/api/v1/search/suggest", "/api/v1/search/suggest?q=铁", [Ok, Ok, Ok, Ok, Ok]),
        Api("GET", "/api/v1/users/me", "/api/v1/users/me", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("GET", "/api/v1/users", "/api/v1/users", [Unauthorized, NotFound, NotFound, NotFound, Ok]),
        Api("GET", "/api/v1/teams", "/api/v1/teams", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("GET", "/api/v1/teams/{id}", "/api/v1/teams/{otherTeam}", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        // Cycles: a lead targeting a team they do not lead gets 403; trainers and admins see the body refused (no kind is installed here).
        // Pulses: another team's pulse is 404 for reps and leads; trainers and admins see it but only members answer (409).
        Api("GET", "/api/v1/pulses", "/api/v1/pulses", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("GET", "/api/v1/pulses", "/api/v1/pulses?teamId={otherTeam}", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/pulses/{id}", "/api/v1/pulses/{pulseId}", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("PUT", "/api/v1/pulses/{id}/answers", "/api/v1/pulses/{pulseId}/answers", [Unauthorized, NotFound, NotFound, Conflict, Conflict], """{"answers":{}}"""),
        Api("GET", "/api/v1/pulses/{id}/results", "/api/v1/pulses/{pulseId}/results", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/pulses/teams/{teamId}/trend", "/api/v1/pulses/teams/{otherTeam}/trend", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/cycles", "/api/v1/cycles", [Unauthorized, NotFound, Ok, Ok, Ok]),
        Api("POST", "/api/v1/cycles", "/api/v1/cycles", [Unauthorized, NotFound, "403", Invalid, Invalid],
            """{"kind":"none","title":"x","teamIds":["{otherTeam}"],"cadence":"weekly","dayOfWeek":"Monday","localTime":"09:00"}"""),
        Api("GET", "/api/v1/cycles/kinds", "/api/v1/cycles/kinds", [Unauthorized, NotFound, Ok, Ok, Ok]),
        Api("GET", "/api/v1/cycles/{id}", "/api/v1/cycles/999999999", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        Api("PUT", "/api/v1/cycles/{id}", "/api/v1/cycles/999999999", [Unauthorized, NotFound, NotFound, NotFound, NotFound], """{"version":0}"""),
        Api("POST", "/api/v1/cycles/{id}/pause", "/api/v1/cycles/999999999/pause", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        Api("POST", "/api/v1/cycles/{id}/resume", "/api/v1/cycles/999999999/resume", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        Api("POST", "/api/v1/cycles/{id}/run-now", "/api/v1/cycles/999999999/run-now", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        Api("GET", "/api/v1/cycles/{id}/runs", "/api/v1/cycles/999999999/runs", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        Api("POST", "/api/v1/cycles/{id}/runs/{runId}/retry", "/api/v1/cycles/999999999/runs/1/retry", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        // Retrospectives: a retro of {otherTeam}, which nobody in the matrix belongs to (trainers and administrators see every team).
        Page("/retros", [Login, Ok, Ok, Ok, Ok]),
        Page("/retros/{id:long}", "/retros/{retroId}", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/retros/{id:long}/live", "/retros/{retroId}/live", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/retros/{id:long}/export", "/retros/{retroId}/export?format=csv", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/retros/actions", "/retros/actions?team={otherTeam}", [Login, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/retros", "/api/v1/retros", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("POST", "/api/v1/retros", "/api/v1/retros", [Unauthorized, Invalid, Invalid, Invalid, Invalid], """{"teamId":"{otherTeam}","template":"no-such-template"}"""),
        Api("GET", "/api/v1/retros/{id}", "/api/v1/retros/{retroId}", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/retros/{id}/summary", "/api/v1/retros/{retroId}/summary", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        // Writes that the retro's phase (review) refuses: 404 for outsiders, 422 for the facilitators; nothing changes.
        Api("POST", "/api/v1/retros/{id}/phase", "/api/v1/retros/{retroId}/phase", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"phase":"vote"}"""),
        Api("POST", "/api/v1/retros/{id}/reviews", "/api/v1/retros/{retroId}/reviews", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"actionId":1,"outcome":"done"}"""),
        Api("POST", "/api/v1/retros/{id}/cards", "/api/v1/retros/{retroId}/cards", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"prompt":"start","text":"x"}"""),
        Api("PUT", "/api/v1/retros/{id}/cards/{cardId}", "/api/v1/retros/{retroId}/cards/1", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"text":"x"}"""),
        Api("DELETE", "/api/v1/retros/{id}/cards/{cardId}", "/api/v1/retros/{retroId}/cards/1", [Unauthorized, NotFound, NotFound, Invalid, Invalid]),
        Api("POST", "/api/v1/retros/{id}/groups", "/api/v1/retros/{retroId}/groups", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"name":"x"}"""),
        Api("PUT", "/api/v1/retros/{id}/cards/{cardId}/group", "/api/v1/retros/{retroId}/cards/1/group", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"groupId":null}"""),
        Api("PUT", "/api/v1/retros/{id}/groups/{groupId}/notes", "/api/v1/retros/{retroId}/groups/1/notes", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"notes":"x"}"""),
        Api("POST", "/api/v1/retros/{id}/votes", "/api/v1/retros/{retroId}/votes", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"groupId":1}"""),
        Api("DELETE", "/api/v1/retros/{id}/votes/{groupId}", "/api/v1/retros/{retroId}/votes/1", [Unauthorized, NotFound, NotFound, Invalid, Invalid]),
        Api("POST", "/api/v1/retros/{id}/actions", "/api/v1/retros/{retroId}/actions", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"text":"x","ownerUserId":"x","due":"2030-01-01"}"""),
        // Drill sessions: a scheduled session of {otherTeam} with nobody in it from the matrix (trainers and administrators run every team's).
        Page("/drill-sessions", [Login, Ok, Ok, Ok, Ok]),
        Page("/drill-sessions/{id:long}", "/drill-sessions/{drillSessionId}", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/drill-sessions/{id:long}/live", "/drill-sessions/{drillSessionId}/live", [Login, NotFound, NotFound, Ok, Ok]),
        // No such attachment in the session; a real one (and 404 for an outsider): DrillSessionFlowTests.
        Page("/drill-sessions/{id:long}/attachments/{attachmentId:long}", "/drill-sessions/{drillSessionId}/attachments/999999999", [Login, NotFound, NotFound, NotFound, NotFound]),
        Api("GET", "/api/v1/drill-sessions", "/api/v1/drill-sessions", [Unauthorized, Ok, Ok, Ok, Ok]),
        Api("POST", "/api/v1/drill-sessions", "/api/v1/drill-sessions", [Unauthorized, Invalid, Invalid, Invalid, Invalid], """{"teamId":"{otherTeam}","drill":"no-such-drill","scheduledUtc":"2030-01-01T09:00:00Z"}"""),
        Api("GET", "/api/v1/drill-sessions/{id}", "/api/v1/drill-sessions/{drillSessionId}", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/drill-sessions/{id}/submissions", "/api/v1/drill-sessions/{drillSessionId}/submissions", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        // Writes the session refuses (no such role, not the next step, no role played): 404 for outsiders, 422 for those who run it; nothing changes.
        Api("PUT", "/api/v1/drill-sessions/{id}/roles", "/api/v1/drill-sessions/{drillSessionId}/roles", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"roles":{"NoSuchRole":"x"}}"""),
        Api("POST", "/api/v1/drill-sessions/{id}/step", "/api/v1/drill-sessions/{drillSessionId}/step", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"step":3}"""),
        Api("POST", "/api/v1/drill-sessions/{id}/submissions", "/api/v1/drill-sessions/{drillSessionId}/submissions", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"step":0,"kind":"text","text":"x"}"""),
        Api("POST", "/api/v1/drill-sessions/{id}/attachments", "/api/v1/drill-sessions/{drillSessionId}/attachments", [Unauthorized, NotFound, NotFound, Invalid, Invalid]),
        Api("GET", "/api/v1/drill-sessions/{id}/attachments/{attachmentId}", "/api/v1/drill-sessions/{drillSessionId}/attachments/999999999", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
        // Drill scoring: a session of the team nobody in the matrix belongs to, scoring open (results: 409 until it closes).
        Page("/drill-sessions/{id:long}/rate", "/drill-sessions/{scoringSessionId}/rate", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/drill-sessions/{id:long}/results", "/drill-sessions/{scoringSessionId}/results", [Login, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/drill-sessions/{id}/scores", "/api/v1/drill-sessions/{scoringSessionId}/scores", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("PUT", "/api/v1/drill-sessions/{id}/scores", "/api/v1/drill-sessions/{scoringSessionId}/scores", [Unauthorized, NotFound, NotFound, Invalid, Invalid],
            """{"ratings":[{"roleKey":"NoSuchRole","criterionIndex":0,"score":3}]}"""),
        Api("GET", "/api/v1/drill-sessions/{id}/results", "/api/v1/drill-sessions/{scoringSessionId}/results", [Unauthorized, NotFound, NotFound, Conflict, Conflict]),
        // The improvement queue: trainers and administrators (content owners see their items: ImprovementQueueTests); "was this helpful?" posts only.
        Page("/improvement", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/improvement/helpful", [Login, NotFound, NotFound, NotFound, NotFound]),
        Api("GET", "/api/v1/improvement", "/api/v1/improvement", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/improvement/{id}", "/api/v1/improvement/{improvementItemId}", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("POST", "/api/v1/improvement/refresh", "/api/v1/improvement/refresh", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("POST", "/api/v1/improvement/{id}/assign", "/api/v1/improvement/{improvementItemId}/assign", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"assignee":"nobody@salesacademy.test"}"""),
        Api("POST", "/api/v1/improvement/{id}/dismiss", "/api/v1/improvement/{improvementItemId}/dismiss", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"reason":" "}"""),
        Api("POST", "/api/v1/improvement/{id}/resolve", "/api/v1/improvement/{improvementItemId}/resolve", [Unauthorized, NotFound, NotFound, Invalid, Invalid], """{"contentItemId":"no-such-item"}"""),
        // Insights: one's own dashboard; the teams one leads (the matrix's lead leads none), every team with teams.viewall; the open metrics page.
        Page("/insights/me", [Login, Ok, Ok, Ok, Ok]),
        Page("/insights/me", "/insights/me?csv=trend", [Login, Ok, Ok, Ok, Ok]),
        Page("/insights", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/insights/teams/{teamId}", "/insights/teams/{otherTeam}", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/insights/teams/{teamId}", "/insights/teams/{otherTeam}?csv=mastery", [Login, NotFound, NotFound, Ok, Ok]),
        Page("/about/metrics", [Ok, Ok, Ok, Ok, Ok]),

        // Team goals of {otherTeam}: its leads (none in the matrix), trainers and administrators set them; the goal id is guessed.
        Page("/insights/teams/{team}/goals", "/insights/teams/{otherTeam}/goals", [Login, NotFound, NotFound, Ok, Ok]),
        Api("GET", "/api/v1/insights/teams/{team}/goals", "/api/v1/insights/teams/{otherTeam}/goals", [Unauthorized, NotFound, NotFound, Ok, Ok]),
        Api("POST", "/api/v1/insights/teams/{team}/goals", "/api/v1/insights/teams/{otherTeam}/goals", [Unauthorized, NotFound, NotFound, Invalid, Invalid],
            """{"title":"","measure":"followthrough","target":1,"periodStartUtc":"2030-01-01T00:00:00Z"}"""),
        Api("PUT", "/api/v1/insights/teams/{team}/goals/{id}", "/api/v1/insights/teams/{otherTeam}/goals/999999999", [Unauthorized, NotFound, NotFound, NotFound, NotFound],
            """{"title":"x","measure":"followthrough","target":1,"periodStartUtc":"2030-01-01T00:00:00Z"}"""),
        Api("DELETE", "/api/v1/insights/teams/{team}/goals/{id}", "/api/v1/insights/teams/{otherTeam}/goals/999999999", [Unauthorized, NotFound, NotFound, NotFound, NotFound]),
    ];

    private static readonly string[] Roles = [Anonymous, PortalRoles.Rep, PortalRoles.TeamLead, PortalRoles.Trainer, PortalRoles.Administrator];

    /// <summary>
    /// The matrix covers every page and every /api route the running portal has (read from its endpoints): a route
    /// added without rows fails here, and so does a row whose route no longer exists.
    /// </summary>
    [Fact]
    public async Task The_matrix_has_rows_for_every_page_and_api_route()
    {
        var pages = (await PortalEndpoints.PagesAsync(portal.Factory.Services)).Select(p => "GET " + p.Route);
        var api = PortalEndpoints.Api(portal.Factory.Services).Select(a => a.ToString());
        var existing = pages.Concat(api).ToHashSet(StringComparer.Ordinal);
        var covered = Matrix.Select(r => $"{r.Method} {r.Route}").ToHashSet(StringComparer.Ordinal);
        var missing = existing.Except(covered).Order(StringComparer.Ordinal).ToList();
        var stale = covered.Except(existing).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Routes without a row in AuthorizationMatrixTests.Matrix (add what each role gets):\n  " + string.Join("\n  ", missing));
        Assert.True(stale.Count == 0, "Matrix rows for routes that no longer exist:\n  " + string.Join("\n  ", stale));
    }

    [Fact]
    public async Task Every_route_answers_each_role_as_the_rules_say()
    {
        var (draftId, draftSlug, teamId) = await ArrangeAsync();
        var (quizSlug, quizId, attemptId) = await QuizAttemptAsync();
        var pulseId = (await PulseAsync(teamId)).ToString();
        var contributionId = await ContributionAsync();
        var retroId = await RetroAsync(teamId);
        var drillSessionId = await DrillSessionAsync(teamId);
        long scoringSessionId;
        await using (var scope = portal.Factory.Services.CreateAsyncScope()) scoringSessionId = await SiteSamples.ScoringSessionAsync(scope.ServiceProvider, teamId);
        long improvementItemId;
        await using (var scope = portal.Factory.Services.CreateAsyncScope()) improvementItemId = await SiteSamples.ImprovementItemAsync(scope.ServiceProvider);
        var browsers = new Dictionary<string, Browser>();
        var tokens = new Dictionary<string, string?> { [Anonymous] = null };
        var people = new ApiPeople(portal.Factory);
        try
        {
            foreach (var role in Roles.Skip(1))
            {
                var email = role == PortalRoles.Administrator ? TestUsers.AdminEmail : await TestUsers.CreateAsync(portal.Factory, role);
                browsers[role] = await TestUsers.SignedInAsync(portal.Factory, email, role == PortalRoles.Administrator ? TestUsers.AdminPassword : TestUsers.Password);
                tokens[role] = role == PortalRoles.Administrator ? (await people.AdminAsync()).Token : (await people.NewAsync(role)).Token;
            }
            using var anonymous = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });

            var wrong = new List<string>();
            foreach (var row in Matrix)
            {
                for (var r = 0; r < Roles.Length; r++)
                {
                    var fresh = row.Url.Contains("{freshDraftId}") ? (await ArrangeAsync()).DraftId : "";
                    string Fill(string text) => text.Replace("{draftId}", draftId).Replace("{draftSlug}", draftSlug).Replace("{otherTeam}", teamId)
                        .Replace("{quizSlug}", quizSlug).Replace("{quizId}", quizId).Replace("{attemptId}", attemptId.ToString())
                        .Replace("{contributionId}", contributionId).Replace("{freshDraftId}", fresh)
                        .Replace("{retroId}", retroId.ToString()).Replace("{pulseId}", pulseId)
                        .Replace("{drillSessionId}", drillSessionId.ToString())
                        .Replace("{scoringSessionId}", scoringSessionId.ToString())
                        .Replace("{improvementItemId}", improvementItemId.ToString());
                    var url = Fill(row.Url);
                    HttpResponseMessage response;
                    if (row.Route.StartsWith("/api/", StringComparison.Ordinal))
                        response = await people.SendAsync(tokens[Roles[r]], new HttpMethod(row.Method), url,
                            row.Body is null ? null : System.Text.Json.JsonDocument.Parse(Fill(row.Body)).RootElement);
                    else response = Roles[r] == Anonymous ? await anonymous.GetAsync(url) : await browsers[Roles[r]].GetAsync(url);
                    var actual = response.StatusCode switch
                    {
                        HttpStatusCode.OK => Ok,
                        HttpStatusCode.NotFound => NotFound,
                        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/account/login") == true => Login,
                        var other => ((int)other).ToString(),
                    };
                    if (actual != row.Expected[r]) wrong.Add($"{row.Method} {url} as {Roles[r]}: expected {row.Expected[r]}, got {actual}");
                }
            }
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        }
        finally
        {
            foreach (var browser in browsers.Values) browser.Dispose();
        }
    }

    /// <summary>A retrospective of <paramref name="teamId"/>, started as a cycle would start it; returns its id.</summary>
    private async Task<long> RetroAsync(string teamId)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var started = await scope.ServiceProvider.GetRequiredService<SalesAcademy.Retros.Services.RetroBoard>()
            .StartForCycleAsync(Random.Shared.NextInt64(1, long.MaxValue), new SalesAcademy.Retros.Services.RetroStart(teamId, "start-stop-continue"));
        Assert.True(started.Ok, started.Message);
        return started.Id;
    }

    /// <summary>A drill session of <paramref name="teamId"/>, scheduled as a drill cycle would schedule it; returns its id.</summary>
    private async Task<long> DrillSessionAsync(string teamId)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var scheduled = await scope.ServiceProvider.GetRequiredService<SalesAcademy.DrillSessions.Services.DrillSessionBook>()
            .ScheduleForCycleAsync(Random.Shared.NextInt64(1, long.MaxValue), new SalesAcademy.DrillSessions.Services.SessionDraft(teamId, "iron-triangle-role-play", DateTime.UtcNow));
        Assert.True(scheduled.Ok, scheduled.Message);
        return scheduled.Id;
    }

    /// <summary>A rep's case through the contribution form, submitted for review; returns its id.</summary>
    private async Task<string> ContributionAsync()
    {
        using var rep = await TestUsers.SignedInAsync(portal.Factory, await TestUsers.CreateAsync(portal.Factory, PortalRoles.Rep));
        return await SiteSamples.SubmitContributionAsync(rep, "Matrix contribution");
    }

    /// <summary>A published quiz and a finished attempt at it by a rep who is not in the matrix.</summary>
    private async Task<(string QuizSlug, string QuizId, long AttemptId)> QuizAttemptAsync()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var question = manager.New(Quizzes.QuizzesModule.QuestionType);
        question.Apply(new TitlePart { Title = "矩阵测试题" }).Apply(new RoutePart { Slug = "matrix-q-" + suffix }).Apply(new MarkdownBodyPart { Markdown = "铁三角包括交付经理吗？" })
            .Apply(new OwnershipPart { Owner = "tests" }).Apply(new Quizzes.Questions.QuestionPart { Kind = "truefalse", Answer = true, Explanation = "包括。" });
        question = await manager.CreateAsync(question, "tests", publish: true);
        var quiz = manager.New(Quizzes.QuizzesModule.QuizType);
        quiz.Apply(new TitlePart { Title = "矩阵测试测验" }).Apply(new RoutePart { Slug = "matrix-quiz-" + suffix }).Apply(new MarkdownBodyPart { Markdown = "一题。" })
            .Apply(new OwnershipPart { Owner = "tests" }).Apply(new Quizzes.QuizPart { Questions = [question.ContentItemId] });
        quiz = await manager.CreateAsync(quiz, "tests", publish: true);
        var attempts = scope.ServiceProvider.GetRequiredService<Quizzes.Attempts.QuizAttempts>();
        var started = await attempts.StartAsync(quiz.ContentItemId, new Quizzes.Attempts.Taker("matrix-rep-" + suffix, "matrix-rep@salesacademy.test"));
        await attempts.SubmitAsync(started.Attempt!.Id, "matrix-rep-" + suffix);
        return ("matrix-quiz-" + suffix, quiz.ContentItemId, started.Attempt.Id);
    }

    /// <summary>A pulse opened by the pulse cycle kind for the team nobody in the matrix belongs to; returns its id.</summary>
    private async Task<long> PulseAsync(string teamId)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var kind = scope.ServiceProvider.GetServices<SalesAcademy.Core.Scheduling.ICycleKind>().Single(k => k.Key == Pulses.Cycles.PulseKind.KindKey);
        var runId = Random.Shared.NextInt64(1_000_000, 9_000_000_000);
        await kind.RunAsync(new SalesAcademy.Core.Scheduling.CycleRunContext(1, runId, Pulses.Cycles.PulseKind.KindKey,
            SalesAcademy.Core.Scheduling.CyclePhase.Open, [teamId], DateTime.UtcNow, DateTime.UtcNow.AddDays(1), null, """{"pack":"pulse-team-health"}"""), default);
        var db = scope.ServiceProvider.GetRequiredService<Pulses.Data.PulsesDbContext>();
        return db.Pulses.Single(p => p.RunId == runId).Id;
    }

    /// <summary>A trainer's draft case and a team nobody in the matrix belongs to.</summary>
    private async Task<(string DraftId, string DraftSlug, string TeamId)> ArrangeAsync()
    {
        var owner = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Trainer);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var slug = "matrix-" + Guid.NewGuid().ToString("N")[..8];
        var item = manager.New("CaseStudy");
        item.Apply(new TitlePart { Title = "矩阵测试草稿" }).Apply(new RoutePart { Slug = slug }).Apply(new MarkdownBodyPart { Markdown = "草稿" })
            .Apply(new OwnershipPart { Owner = owner })
            .Apply(new CaseStudyPart { Company = "X", Industry = "ict", DealSize = "small", Outcome = "won", Roles = ["AccountManager"] });
        var draft = await manager.CreateAsync(item, owner, publish: false);
        var (team, error) = await scope.ServiceProvider.GetRequiredService<TeamRoster>().CreateAsync("矩阵测试团队 " + slug, null, "test");
        Assert.Null(error);
        return (draft.ContentItemId, slug, team!.Id);
    }
}
