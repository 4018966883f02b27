using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Pages;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Pages.Quizzes;

public sealed class IndexModel(PublishedContent published, IStringLocalizer<IndexModel> localizer) : ContentListPageModel(published, localizer)
{
    protected override string ContentType => QuizzesModule.QuizType;
}
