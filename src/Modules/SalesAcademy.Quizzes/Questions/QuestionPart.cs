using System.Text.Json.Serialization;
using SalesAcademy.Content.Models;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>The kinds of question the bank holds (front matter <c>kind</c>).</summary>
public static class QuestionKinds
{
    public const string Single = "single";
    public const string Multiple = "multiple";
    public const string TrueFalse = "truefalse";
    public const string Ordering = "ordering";
    public const string Short = "short";
    public static readonly string[] All = [Single, Multiple, TrueFalse, Ordering, Short];
}

/// <summary>
/// A question in the bank (content type <c>Question</c>). The stem is the item's Markdown body; the title names it in lists.
/// Which fields apply depends on <see cref="Kind"/>; <see cref="Validate"/> says which are missing.
/// </summary>
public sealed class QuestionPart : IContentPart, IContentReferences
{
    public string Kind { get; set; } = "";
    /// <summary>single / multiple: the options, in authoring order (shown shuffled when the quiz shuffles).</summary>
    public List<QuestionChoice> Choices { get; set; } = [];
    /// <summary>truefalse: the right answer.</summary>
    [JsonConverter(typeof(LenientNullableBooleanConverter))]
    public bool? Answer { get; set; }
    /// <summary>ordering: the items in their right order (shown shuffled).</summary>
    public List<string> Items { get; set; } = [];
    /// <summary>short: accepted answers (one for an exact answer, several for a list).</summary>
    public List<string> Accepted { get; set; } = [];
    /// <summary>short: a keyword rule, used when no accepted answer matches.</summary>
    public KeywordRule? Keywords { get; set; }
    /// <summary>short: compare case-sensitively (default: no).</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool CaseSensitive { get; set; }
    /// <summary>short: when neither an accepted answer nor the keyword rule decides, a trainer grades the answer by hand.</summary>
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool ManualWhenUndecided { get; set; }
    /// <summary>Markdown shown after answering: why the answer is right.</summary>
    public string Explanation { get; set; } = "";
    /// <summary>Id of the case, playbook or drill the question checks.</summary>
    public string? Source { get; set; }
    /// <summary>Optional: the playbook stage key (or drill step) within the source.</summary>
    public string? SourceSection { get; set; }
    /// <summary>Marks for a fully right answer (default 1).</summary>
    public double Points { get; set; } = 1;

    public IEnumerable<ContentFieldError> Validate() => QuestionRules.Validate(this);

    public IEnumerable<ContentReference> References()
    {
        if (!string.IsNullOrEmpty(Source)) yield return new ContentReference("source", Source, "CaseStudy|Playbook|Drill");
    }
}

public sealed class QuestionChoice
{
    public string Text { get; set; } = "";
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool Correct { get; set; }
    /// <summary>Optional feedback shown when this option was picked.</summary>
    public string? Feedback { get; set; }
}

/// <summary>
/// Short-answer keyword rule: right when the answer contains every word of <see cref="All"/> and at least
/// <see cref="MinAny"/> words of <see cref="Any"/>.
/// </summary>
public sealed class KeywordRule
{
    public List<string> All { get; set; } = [];
    public List<string> Any { get; set; } = [];
    public int MinAny { get; set; } = 1;
}
