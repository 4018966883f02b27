using Microsoft.AspNetCore.Http;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>
/// The attempt form's field names and how a post turns into answers. Each question's fieldset carries a hidden
/// <c>s</c> = slot, so a post (the whole form, or one fieldset saved by htmx) says which slots it answers even when
/// nothing is ticked (which clears the answer). Options are named by the attempt's opaque ids (<see cref="SlotOptions"/>),
/// never by their authoring index; fields a question's kind does not use are ignored.
/// </summary>
public static class AnswerForm
{
    public const string Sequence = "seq";
    public const string SlotField = "s";
    public static string Choice(int slot) => $"a{slot}.choice";
    public static string Choices(int slot) => $"a{slot}.choices";
    public static string Value(int slot) => $"a{slot}.value";
    /// <summary>Ordering: the position (1..n) the taker gives the item with this attempt's id <paramref name="id"/>.</summary>
    public static string Position(int slot, string id) => $"a{slot}.pos.{id}";
    public static string Text(int slot) => $"a{slot}.text";

    /// <summary>The answers in the post, by slot; a slot whose fields do not make an answer maps to null (cleared).</summary>
    public static Dictionary<int, AttemptAnswer?> Read(IFormCollection form, IReadOnlyList<SlotView> slots)
    {
        var answers = new Dictionary<int, AttemptAnswer?>();
        foreach (var raw in form[SlotField])
        {
            if (!int.TryParse(raw, out var slot) || slot < 0 || slot >= slots.Count || answers.ContainsKey(slot)) continue;
            var view = slots[slot];
            answers[slot] = view.Part.Kind switch
            {
                QuestionKinds.Single => form[Choice(slot)] is { Count: > 0 } c ? new AttemptAnswer { Choice = c.ToString() } : null,
                QuestionKinds.Multiple => form[Choices(slot)] is { Count: > 0 } picked ? new AttemptAnswer { Choices = picked.Select(v => v ?? "").ToList() } : null,
                QuestionKinds.TrueFalse => bool.TryParse(form[Value(slot)], out var b) ? new AttemptAnswer { Value = b } : null,
                QuestionKinds.Ordering => ReadOrder(form, slot, view.Options),
                QuestionKinds.Short => string.IsNullOrWhiteSpace(form[Text(slot)]) ? null : new AttemptAnswer { Text = form[Text(slot)].ToString() },
                _ => null,
            };
        }
        return answers;
    }

    /// <summary>Items sorted by the positions given. Positions that are not 1..n each once give an empty order, which the
    /// engine refuses with "the order must list every item once" (a tie is never settled behind the taker's back).</summary>
    private static AttemptAnswer? ReadOrder(IFormCollection form, int slot, SlotOptions options)
    {
        var count = options.Ids.Length;
        var positions = options.Ids.Select(id => (Id: id, Pos: int.TryParse(form[Position(slot, id)], out var p) ? p : 0)).ToList();
        if (positions.All(p => p.Pos == 0)) return null;
        if (positions.Select(p => p.Pos).Order().SequenceEqual(Enumerable.Range(1, count)) is false) return new AttemptAnswer { Order = [] };
        return new AttemptAnswer { Order = positions.OrderBy(p => p.Pos).Select(p => p.Id).ToList() };
    }
}
