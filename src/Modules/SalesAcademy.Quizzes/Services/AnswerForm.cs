using Microsoft.AspNetCore.Http;
using SalesAcademy.Quizzes.Models;

namespace SalesAcademy.Quizzes.Services;

/// <summary>
/// The attempt form's field names and how a post turns into answers. Each question's fieldset carries a hidden
/// <c>s</c> = slot, so a post (the whole form, or one fieldset saved by htmx) says which slots it answers even when
/// nothing is ticked (which clears the answer).
/// </summary>
public static class AnswerForm
{
    public const string Sequence = "seq";
    public const string SlotField = "s";
    public static string Choice(int slot) => $"a{slot}.choice";
    public static string Choices(int slot) => $"a{slot}.choices";
    public static string Value(int slot) => $"a{slot}.value";
    /// <summary>Ordering: the position (1..n) the taker gives item <paramref name="item"/> (authoring index).</summary>
    public static string Position(int slot, int item) => $"a{slot}.pos{item}";
    public static string Text(int slot) => $"a{slot}.text";

    /// <summary>The answers in the post, by slot; a slot whose fields do not make an answer maps to null (cleared).</summary>
    public static Dictionary<int, QuestionResponse?> Read(IFormCollection form, IReadOnlyList<SlotView> slots)
    {
        var answers = new Dictionary<int, QuestionResponse?>();
        foreach (var raw in form[SlotField])
        {
            if (!int.TryParse(raw, out var slot) || slot < 0 || slot >= slots.Count) continue;
            var part = slots[slot].Part;
            answers[slot] = part.Kind switch
            {
                QuestionKinds.Single => int.TryParse(form[Choice(slot)], out var c) ? new QuestionResponse { Choice = c } : null,
                QuestionKinds.Multiple => form[Choices(slot)].Select(v => int.TryParse(v, out var i) ? i : -1).ToList() is { Count: > 0 } picked
                    ? new QuestionResponse { Choices = picked.Order().ToList() } : null,
                QuestionKinds.TrueFalse => bool.TryParse(form[Value(slot)], out var b) ? new QuestionResponse { Value = b } : null,
                QuestionKinds.Ordering => ReadOrder(form, slot, part.Items.Count),
                QuestionKinds.Short => string.IsNullOrWhiteSpace(form[Text(slot)]) ? null : new QuestionResponse { Text = form[Text(slot)].ToString().Trim() },
                _ => null,
            };
        }
        return answers;
    }

    /// <summary>Items sorted by the positions given. Positions that are not 1..n each once give an empty order, which the
    /// engine refuses with "the order must list every item once" (a tie is never settled behind the taker's back).</summary>
    private static QuestionResponse? ReadOrder(IFormCollection form, int slot, int count)
    {
        var positions = Enumerable.Range(0, count).Select(i => (Item: i, Pos: int.TryParse(form[Position(slot, i)], out var p) ? p : 0)).ToList();
        if (positions.All(p => p.Pos == 0)) return null;
        if (positions.Select(p => p.Pos).Order().SequenceEqual(Enumerable.Range(1, count)) is false) return new QuestionResponse { Order = [] };
        return new QuestionResponse { Order = positions.OrderBy(p => p.Pos).Select(p => p.Item).ToList() };
    }
}
