using SalesAcademy.Content.Models;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>What a question must have, by kind; errors name front-matter field paths.</summary>
public static class QuestionRules
{
    /// <summary>The most options (or ordering items) a question may have: an attempt stores an id for each.</summary>
    public const int MaxOptions = 100;

    public static IEnumerable<ContentFieldError> Validate(QuestionPart q)
    {
        foreach (var tooLong in MarkdownBodyPart.Check("explanation", q.Explanation)) yield return tooLong;
        if (!QuestionKinds.All.Contains(q.Kind))
        {
            yield return new("kind", $"must be one of {string.Join(", ", QuestionKinds.All)}");
            yield break;
        }
        if (q.Points is <= 0 or > 100) yield return new("points", "must be more than 0 and at most 100");
        if (string.IsNullOrWhiteSpace(q.Explanation)) yield return new("explanation", "is required (it is shown after answering)");
        if (!string.IsNullOrEmpty(q.SourceSection) && string.IsNullOrEmpty(q.Source)) yield return new("sourceSection", "needs a source (the case, playbook or drill the section belongs to)");
        if (q.SourceSection is { Length: > 64 }) yield return new("sourceSection", "must be at most 64 characters");
        switch (q.Kind)
        {
            case QuestionKinds.Single or QuestionKinds.Multiple:
                if (q.Choices.Count < 2) yield return new("choices", "needs at least two options");
                if (q.Choices.Count > MaxOptions) yield return new("choices", $"has more than {MaxOptions} options");
                for (var i = 0; i < q.Choices.Count; i++)
                    if (string.IsNullOrWhiteSpace(q.Choices[i].Text)) yield return new($"choices[{i}].text", "is required");
                foreach (var i in Duplicates(q.Choices.Select(c => c.Text))) yield return new($"choices[{i}].text", "repeats an earlier option");
                var correct = q.Choices.Count(c => c.Correct);
                if (q.Kind == QuestionKinds.Single && correct != 1) yield return new("choices", $"a single-choice question needs exactly one correct option; it has {correct}");
                if (q.Kind == QuestionKinds.Multiple && correct < 1) yield return new("choices", "a multiple-choice question needs at least one correct option");
                break;
            case QuestionKinds.TrueFalse:
                if (q.Answer is null) yield return new("answer", "is required: true or false");
                break;
            case QuestionKinds.Ordering:
                if (q.Items.Count < 2) yield return new("items", "needs at least two items, in the right order");
                if (q.Items.Count > MaxOptions) yield return new("items", $"has more than {MaxOptions} items");
                for (var i = 0; i < q.Items.Count; i++)
                    if (string.IsNullOrWhiteSpace(q.Items[i])) yield return new($"items[{i}]", "is required");
                foreach (var i in Duplicates(q.Items)) yield return new($"items[{i}]", "repeats an earlier item (items must differ, or the right order is ambiguous)");
                break;
            case QuestionKinds.Short:
                if (q.Accepted.Count == 0 && q.Keywords is null) yield return new("accepted", "list at least one accepted answer, or set keywords");
                for (var i = 0; i < q.Accepted.Count; i++)
                    if (string.IsNullOrWhiteSpace(q.Accepted[i])) yield return new($"accepted[{i}]", "is required");
                if (q.Accepted.Count > 50) yield return new("accepted", "lists more than 50 answers");
                if (q.Keywords is { } rule)
                {
                    if (rule.All.Count == 0 && rule.Any.Count == 0) yield return new("keywords", "needs words in all or any");
                    if (rule.Any.Count > 0 && rule.MinAny is < 1) yield return new("keywords.minAny", "must be at least 1");
                    if (rule.MinAny > rule.Any.Count && rule.Any.Count > 0) yield return new("keywords.minAny", $"asks for {rule.MinAny} of {rule.Any.Count} words");
                    for (var i = 0; i < rule.All.Count; i++)
                        if (string.IsNullOrWhiteSpace(rule.All[i])) yield return new($"keywords.all[{i}]", "is empty");
                    for (var i = 0; i < rule.Any.Count; i++)
                        if (string.IsNullOrWhiteSpace(rule.Any[i])) yield return new($"keywords.any[{i}]", "is empty");
                }
                break;
        }
    }

    /// <summary>Indexes of entries that repeat an earlier one (compared as short answers are: <see cref="QuestionGrading.Normalise"/>).</summary>
    private static IEnumerable<int> Duplicates(IEnumerable<string> values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var value in values)
        {
            var key = QuestionGrading.Normalise(value);
            if (key.Length > 0 && !seen.Add(key)) yield return i;
            i++;
        }
    }
}
