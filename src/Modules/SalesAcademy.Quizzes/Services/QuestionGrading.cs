using SalesAcademy.Quizzes.Models;

namespace SalesAcademy.Quizzes.Services;

// PROVISIONAL (lead's branch): replaced by the question-bank branch's documented grading at merge.
public static class QuestionGrading
{
    public static Grade Grade(QuestionPart q, QuestionResponse? r)
    {
        if (r is null) return Models.Grade.Wrong;
        switch (q.Kind)
        {
            case QuestionKinds.Single:
                return r.Choice is { } c && c >= 0 && c < q.Choices.Count && q.Choices[c].Correct ? Models.Grade.Right : Models.Grade.Wrong;
            case QuestionKinds.Multiple:
                var picked = r.Choices ?? [];
                var right = q.Choices.Count(x => x.Correct);
                var wrong = q.Choices.Count - right;
                var rp = picked.Count(i => i >= 0 && i < q.Choices.Count && q.Choices[i].Correct);
                var wp = picked.Count(i => i >= 0 && i < q.Choices.Count && !q.Choices[i].Correct);
                return new(Math.Max(0, (double)rp / right - (wrong == 0 ? 0 : (double)wp / wrong)));
            case QuestionKinds.TrueFalse:
                return r.Value is { } v && v == q.Answer ? Models.Grade.Right : Models.Grade.Wrong;
            case QuestionKinds.Ordering:
                return r.Order is { } o && o.SequenceEqual(Enumerable.Range(0, q.Items.Count)) ? Models.Grade.Right : Models.Grade.Wrong;
            case QuestionKinds.Short:
                var text = (r.Text ?? "").Trim();
                if (text.Length == 0) return Models.Grade.Wrong;
                if (q.Accepted.Any(a => string.Equals(a.Trim(), text, StringComparison.OrdinalIgnoreCase))) return Models.Grade.Right;
                return q.ManualWhenUndecided ? Models.Grade.Manual : Models.Grade.Wrong;
            default:
                return Models.Grade.Wrong;
        }
    }
}
