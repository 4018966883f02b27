using System.Security.Cryptography;
using System.Text.Json;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>
/// One slot's options as this attempt shows them: <see cref="Order"/>[k] is the authoring index of the option shown k-th and
/// <see cref="Ids"/>[k] its opaque id. Ids are random per attempt, so neither their values nor their order say which option
/// is right; only the server maps them back to authoring indexes (which grading uses).
/// </summary>
public sealed record SlotOptions(int[] Order, string[] Ids)
{
    public static readonly SlotOptions None = new([], []);

    /// <summary>The authoring index of the option with this id, or null when the id is not one of this slot's.</summary>
    public int? IndexOf(string? id)
    {
        if (id is null) return null;
        var k = Array.IndexOf(Ids, id);
        return k < 0 ? null : Order[k];
    }

    /// <summary>The id of the option with this authoring index, or null when the slot has no such option.</summary>
    public string? TryIdOf(int index) => Array.IndexOf(Order, index) is var k and >= 0 ? Ids[k] : null;

    public string IdOf(int index) => TryIdOf(index) ?? throw new ArgumentOutOfRangeException(nameof(index), index, "No option of this slot has that authoring index.");
}

/// <summary>
/// Per-attempt opaque option ids, the mapping between what a taker sends (<see cref="AttemptAnswer"/>) and what is stored and
/// graded (<see cref="QuestionResponse"/>, authoring indexes), and the bounds on an answer.
/// </summary>
public static class AttemptOptions
{
    /// <summary>The most characters a short answer may have.</summary>
    public const int MaxTextLength = 2000;
    public const int IdLength = 10;
    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Fresh random ids for <paramref name="count"/> options (distinct within the slot).</summary>
    public static string NewIds(int count)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < count) ids.Add(RandomNumberGenerator.GetString(IdAlphabet, IdLength));
        return JsonSerializer.Serialize(ids.ToArray());
    }

    /// <summary>The slot's options (none for true/false and short questions).</summary>
    public static SlotOptions Of(AttemptQuestion row)
    {
        if (string.IsNullOrEmpty(row.OptionOrder) || string.IsNullOrEmpty(row.OptionIds)) return SlotOptions.None;
        var order = JsonSerializer.Deserialize<int[]>(row.OptionOrder)!;
        var ids = JsonSerializer.Deserialize<string[]>(row.OptionIds)!;
        return ids.Length == order.Length ? new SlotOptions(order, ids) : SlotOptions.None;
    }

    /// <summary>
    /// The answer in authoring indexes, or why it is refused: a field the question's kind does not use, an id that is not
    /// one of this attempt's (another attempt's, made up), an option twice, more options than the question has, text too long.
    /// A null answer, or one with nothing in the kind's field, clears the slot (null response).
    /// </summary>
    public static (QuestionResponse? Response, string? Problem) ToResponse(QuestionPart q, SlotOptions options, AttemptAnswer? answer)
    {
        if (answer is null) return (null, null);
        if (Foreign(q.Kind, answer) is { } field) return (null, $"{field} does not belong to this kind of question.");
        switch (q.Kind)
        {
            case QuestionKinds.Single:
                if (answer.Choice is null) return (null, null);
                return options.IndexOf(answer.Choice) is { } index ? (new QuestionResponse { Choice = index }, null) : (null, "that option does not exist.");
            case QuestionKinds.Multiple:
                if (answer.Choices is not { Count: > 0 } picked) return (null, null);
                if (picked.Count > options.Ids.Length) return (null, "an option that does not exist, or one picked twice.");
                var indexes = picked.Select(options.IndexOf).ToList();
                if (indexes.Any(i => i is null) || indexes.Distinct().Count() != indexes.Count) return (null, "an option that does not exist, or one picked twice.");
                return (new QuestionResponse { Choices = indexes.Select(i => i!.Value).Order().ToList() }, null);
            case QuestionKinds.TrueFalse:
                return answer.Value is { } value ? (new QuestionResponse { Value = value }, null) : (null, null);
            case QuestionKinds.Ordering:
                if (answer.Order is null) return (null, null);
                if (answer.Order.Count != options.Ids.Length) return (null, "the order must list every item once.");
                var order = answer.Order.Select(options.IndexOf).ToList();
                if (order.Any(i => i is null) || order.Distinct().Count() != order.Count) return (null, "the order must list every item once.");
                return (new QuestionResponse { Order = order.Select(i => i!.Value).ToList() }, null);
            case QuestionKinds.Short:
                if (string.IsNullOrWhiteSpace(answer.Text)) return (null, null);
                var text = answer.Text.Trim();
                return text.Length > MaxTextLength ? (null, "the answer is longer than 2,000 characters.") : (new QuestionResponse { Text = text }, null);
            default:
                return (null, "that option does not exist.");
        }
    }

    /// <summary>The first field of the answer that the kind does not use (sent at all, even empty), or null.</summary>
    private static string? Foreign(string kind, AttemptAnswer a)
    {
        if (a.Choice is not null && kind != QuestionKinds.Single) return "choice";
        if (a.Choices is not null && kind != QuestionKinds.Multiple) return "choices";
        if (a.Value is not null && kind != QuestionKinds.TrueFalse) return "value";
        if (a.Order is not null && kind != QuestionKinds.Ordering) return "order";
        if (a.Text is not null && kind != QuestionKinds.Short) return "text";
        return null;
    }

    /// <summary>A stored answer in this attempt's ids (indexes that do not map, from a malformed old answer, are left out).</summary>
    public static AttemptAnswer? ToAnswer(SlotOptions options, QuestionResponse? r)
    {
        if (r is null) return null;
        return new AttemptAnswer
        {
            Choice = r.Choice is { } c ? options.TryIdOf(c) : null,
            Choices = r.Choices?.Select(options.TryIdOf).OfType<string>().ToList(),
            Value = r.Value,
            Order = r.Order?.Select(options.TryIdOf).OfType<string>().ToList(),
            Text = r.Text,
        };
    }
}
