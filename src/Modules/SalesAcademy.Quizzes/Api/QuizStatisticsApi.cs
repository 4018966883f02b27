using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Api;

/// <summary>
/// <c>GET /api/v1/quizzes/{id}/statistics</c>: a quiz's item analysis, for holders of quizzes.manage (anyone else gets 404).
/// Its own group on the <c>/api/v1/quizzes</c> prefix: groups with the same prefix coexist, so the attempt API can map its own.
/// </summary>
public static class QuizStatisticsApi
{
    public const string Path = "/quizzes";

    public static RouteGroupBuilder MapQuizStatisticsApiV1(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPortalApi(Path, "Quizzes").MapQuizStatisticsApi();

    /// <summary>Maps the statistics route on a group already rooted at <c>/api/v1/quizzes</c>.</summary>
    public static RouteGroupBuilder MapQuizStatisticsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/statistics", GetAsync)
            .WithName("GetQuizStatistics")
            .WithSummary("Item analysis of a quiz over its finished first attempts")
            .WithDescription("Needs quizzes.manage. Per question: n, facility (0..1), sd (÷ max mark), discriminationIndex and "
                + "discriminativeEfficiency (percent), flags; per quiz: attempts, mean, median, standardDeviation, cic (Cronbach's α "
                + "in percent), errorRatio, standardError. Values that are undefined (fewer than 2 attempts, no variance) are null.")
            .Produces<QuizStatisticsReport>()
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        return group;
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, IAuthorizationService authorization, QuizStatistics statistics,
        CancellationToken ct)
    {
        if (!await authorization.HasPermissionAsync(user, QuizPermissions.Manage)) return ApiResults.NotFound();
        return await statistics.GetAsync(id, ct) is { } report ? Results.Ok(report) : ApiResults.NotFound();
    }
}
