using System.Security.Claims;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>
/// Who may use the question bank: reading (answers included) needs quizzes.manage; importing needs quizzes.manage and
/// content.edit.own or content.edit.any; publishing on import needs content.publish as well. Pages and API answer 404 otherwise.
/// </summary>
public sealed class QuestionBankAccess(ContentAccess access)
{
    public Task<bool> CanReadAsync(ClaimsPrincipal user) => access.HasAsync(user, QuizPermissions.Manage);

    public async Task<bool> CanImportAsync(ClaimsPrincipal user) =>
        await CanReadAsync(user)
        && (await access.HasAsync(user, ContentPermissions.EditOwn) || await access.HasAsync(user, ContentPermissions.EditAny));

    public Task<bool> CanPublishAsync(ClaimsPrincipal user) => access.HasAsync(user, ContentPermissions.Publish);
}
