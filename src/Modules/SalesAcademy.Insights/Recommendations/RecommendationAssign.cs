using System.Security.Claims;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Dashboards;

namespace SalesAcademy.Insights.Recommendations;

/// <summary>What assigning came to: the cycle run that opened the round or scheduled the session, or why not (an English PO msgid).</summary>
public sealed record AssignResult(bool Found, long RunId, string? Error)
{
    public bool Ok => Found && Error is null;
}

/// <summary>
/// "Assign to the team": a recommended quiz becomes a quiz round (open for <see cref="QuizRoundDays"/> days), a recommended
/// drill a drill session, each as a cycle run once for the team (<see cref="IOneOffRuns"/>: the Scheduling module creates it and
/// checks again that the user may manage the team's cycles). Only the team's leads, trainers and administrators; audited.
/// </summary>
public sealed class RecommendationAssign(InsightAccess access, PublishedContent published, IOneOffRuns runs, IAuditLog audit)
{
    public const int QuizRoundDays = 7;
    public const string QuizRoundKind = "quiz-round";
    public const string DrillKind = "drill";

    public async Task<AssignResult> AssignAsync(ClaimsPrincipal user, string teamId, AssignAs kind, string contentItemId, CancellationToken ct = default)
    {
        if (await access.TeamAsync(user, teamId, ct) is not { } team) return new AssignResult(false, 0, null);
        var item = await published.ByIdAsync(contentItemId ?? "");
        var type = kind == AssignAs.QuizRound ? Recommender.QuizType : Recommender.DrillType;
        if (item is null || item.ContentType != type)
            return new AssignResult(true, 0, kind == AssignAs.QuizRound ? "Quiz: choose a published quiz." : "Drill: choose a published drill.");
        var run = kind == AssignAs.QuizRound
            ? new OneOffRun(QuizRoundKind, $"{item.DisplayText} · {team.Name}", team.Id, CycleSettings.Write([new("quiz", item.ContentItemId)]), QuizRoundDays * 24 * 60)
            : new OneOffRun(DrillKind, $"{item.DisplayText} · {team.Name}", team.Id,
                CycleSettings.Write([new("team", team.Id), new("drill", item.ContentItemId)]), null);
        var result = await runs.RunOnceAsync(user, run, ct);
        if (!result.Ok) return new AssignResult(true, 0, result.Error);
        await audit.RecordAsync("insights.recommendation.assigned", $"team:{team.Id}",
            $"{(kind == AssignAs.QuizRound ? "quiz round" : "drill session")} of {item.Slug} ({item.ContentItemId}), cycle {result.CycleId}, run {result.RunId}",
            user.UserName(), ct);
        return new AssignResult(true, result.RunId, null);
    }
}
