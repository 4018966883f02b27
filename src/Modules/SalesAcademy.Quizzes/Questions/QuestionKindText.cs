using Microsoft.Extensions.Localization;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>The names of the question kinds in the reader's language (views inject <c>IStringLocalizer&lt;QuestionKindText&gt;</c>).</summary>
public sealed class QuestionKindText
{
    public static string Label(IStringLocalizer T, string kind) => kind switch
    {
        QuestionKinds.Single => T["Single choice"],
        QuestionKinds.Multiple => T["Multiple choice"],
        QuestionKinds.TrueFalse => T["True or false"],
        QuestionKinds.Ordering => T["Ordering"],
        QuestionKinds.Short => T["Short answer"],
        _ => kind,
    };
}
