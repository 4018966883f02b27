using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes;

/// <summary>What may be done with quizzes. Questions and quizzes are written in the studio with the content permissions.</summary>
public static class QuizPermissions
{
    /// <summary>Take quizzes, see one's own results, keep a review deck.</summary>
    public const string Take = "quizzes.take";
    /// <summary>See the question bank (answers included), every taker's results and the item analysis; grade by hand; import GIFT.</summary>
    public const string Manage = "quizzes.manage";
    /// <summary>See the results of the teams one leads (team leads).</summary>
    public const string TeamResults = "quizzes.results.team";
}

internal sealed class QuizPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(QuizPermissions.Take, "Take quizzes, see your own results and keep a review deck"),
        new(QuizPermissions.Manage, "See the question bank, everyone's results and the item analysis; grade answers by hand; import questions"),
        new(QuizPermissions.TeamResults, "See the quiz results of the teams you lead"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Rep, QuizPermissions.Take),
        (PortalRoles.TeamLead, QuizPermissions.Take),
        (PortalRoles.TeamLead, QuizPermissions.TeamResults),
        (PortalRoles.Trainer, QuizPermissions.Take),
        (PortalRoles.Trainer, QuizPermissions.Manage),
    ];
}
