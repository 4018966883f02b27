using System.Globalization;
using System.Text;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>
/// Grades one answer against one question version. Pure and total: a missing, empty or malformed answer (an index out
/// of range, an index twice, an order that is not a permutation) earns 0 and never throws. Indexes in the
/// <see cref="QuestionResponse"/> refer to the question's authoring order, whatever order the options were shown in.
/// The rules are documented in content/README.md ("How answers are graded").
/// </summary>
public static class QuestionGrading
{
    /// <summary>
    /// <list type="bullet">
    /// <item><c>single</c>: the correct option → 1, anything else → 0.</item>
    /// <item><c>multiple</c>: partial credit, fraction = max(0, right picked / number right − wrong picked / number wrong)
    /// (the second term is 0 when every option is right). All right options and nothing else → 1; picking every option → 0
    /// when at least one is wrong.</item>
    /// <item><c>truefalse</c>: the right value → 1.</item>
    /// <item><c>ordering</c>: partial credit, the fraction of adjacent pairs in the answer that are also adjacent, in that
    /// order, in the right order (n items have n − 1 pairs). The right order → 1; the reverse → 0; one item moved from the
    /// end to the front of four → 2/3.</item>
    /// <item><c>short</c>: the answer and every accepted answer are normalised (<see cref="Normalise"/>); any match → 1. Else
    /// the keyword rule, if any: every word of <c>all</c> contained and at least <c>minAny</c> words of <c>any</c> → 1. Else
    /// <see cref="Grade.Manual"/> when <c>manualWhenUndecided</c> is set (a trainer decides), otherwise 0.</item>
    /// </list>
    /// </summary>
    public static Grade Grade(QuestionPart question, QuestionResponse? response)
    {
        if (response is null) return Attempts.Grade.Wrong;
        return question.Kind switch
        {
            QuestionKinds.Single => Single(question, response.Choice),
            QuestionKinds.Multiple => Multiple(question, response.Choices),
            QuestionKinds.TrueFalse => question.Answer is { } answer && response.Value == answer ? Attempts.Grade.Right : Attempts.Grade.Wrong,
            QuestionKinds.Ordering => Ordering(question, response.Order),
            QuestionKinds.Short => Short(question, response.Text),
            _ => Attempts.Grade.Wrong,
        };
    }

    private static Grade Single(QuestionPart question, int? choice) =>
        choice is { } index && index >= 0 && index < question.Choices.Count && question.Choices[index].Correct
            ? Attempts.Grade.Right : Attempts.Grade.Wrong;

    private static Grade Multiple(QuestionPart question, List<int>? picked)
    {
        if (picked is null || picked.Count == 0) return Attempts.Grade.Wrong;
        if (picked.Any(i => i < 0 || i >= question.Choices.Count) || picked.Distinct().Count() != picked.Count) return Attempts.Grade.Wrong;
        var right = question.Choices.Count(c => c.Correct);
        var wrong = question.Choices.Count - right;
        if (right == 0) return Attempts.Grade.Wrong;
        var rightPicked = picked.Count(i => question.Choices[i].Correct);
        var wrongPicked = picked.Count - rightPicked;
        var fraction = (double)rightPicked / right - (wrong == 0 ? 0 : (double)wrongPicked / wrong);
        return new Grade(Clamp(fraction));
    }

    private static Grade Ordering(QuestionPart question, List<int>? order)
    {
        var n = question.Items.Count;
        if (order is null || n < 2 || order.Count != n) return Attempts.Grade.Wrong;
        if (order.Any(i => i < 0 || i >= n) || order.Distinct().Count() != n) return Attempts.Grade.Wrong;
        var pairs = 0;
        for (var k = 0; k < n - 1; k++)
            if (order[k + 1] == order[k] + 1) pairs++;
        return new Grade(Clamp((double)pairs / (n - 1)));
    }

    private static Grade Short(QuestionPart question, string? text)
    {
        var answer = Normalise(text, question.CaseSensitive);
        if (answer.Length == 0) return Attempts.Grade.Wrong;
        if (question.Accepted.Any(a => Normalise(a, question.CaseSensitive) == answer)) return Attempts.Grade.Right;
        if (question.Keywords is { } rule && (rule.All.Count > 0 || rule.Any.Count > 0))
        {
            bool Contains(string word) => Normalise(word, question.CaseSensitive) is { Length: > 0 } w && answer.Contains(w, StringComparison.Ordinal);
            var allFound = rule.All.All(Contains);
            var anyFound = rule.Any.Count(Contains);
            if (allFound && (rule.Any.Count == 0 || anyFound >= Math.Max(1, rule.MinAny))) return Attempts.Grade.Right;
        }
        return question.ManualWhenUndecided ? Attempts.Grade.Manual : Attempts.Grade.Wrong;
    }

    /// <summary>
    /// How short answers are compared: Unicode compatibility form (full-width letters, digits, spaces and punctuation become
    /// half-width: <c>ＣＲＭ，</c> → <c>CRM,</c>), whitespace trimmed and collapsed to one space, sentence punctuation at the end
    /// dropped (<c>. 。 ! ！ ? ？ ; ； , ，</c>), and lower case unless <paramref name="caseSensitive"/> (Chinese has no case).
    /// </summary>
    public static string Normalise(string? text, bool caseSensitive = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var value = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && builder.Length > 0) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        var result = builder.ToString().TrimEnd('.', '。', '!', '?', ';', ',', '、').TrimEnd();
        return caseSensitive ? result : result.ToLower(CultureInfo.InvariantCulture);
    }

    private static double Clamp(double fraction) => Math.Round(Math.Clamp(fraction, 0, 1), 6);
}
