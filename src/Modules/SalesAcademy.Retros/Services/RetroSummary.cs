using System.Globalization;
using System.Text;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Localization;
using SalesAcademy.Core.Security;
using SalesAcademy.Retros.Models;

namespace SalesAcademy.Retros.Services;

/// <summary>
/// Everything a retro came to, as one person may see it: prompts, cards (an anonymous card never with its author),
/// groups by votes with notes, the earlier actions reviewed, the new actions, and participation counts. Exported as
/// Markdown and CSV.
/// </summary>
public sealed record RetroSummaryView(Retro Retro, IReadOnlyList<RetroPrompt> Prompts, IReadOnlyList<CardView> Cards, IReadOnlyList<GroupView> Groups,
    IReadOnlyList<(RetroAction Action, RetroActionReview? Review)> Previous, IReadOnlyList<RetroAction> Actions,
    IReadOnlyDictionary<string, string> OwnerNames, int CardCount, int Writers, int VotesCast)
{
    public string PromptTitle(string key)
    {
        var prompt = Prompts.FirstOrDefault(p => p.Key == key);
        return prompt is null ? key : PortalCultures.CurrentIsChinese ? prompt.TitleZh : prompt.TitleEn;
    }

    public string Owner(RetroAction action) => OwnerNames.GetValueOrDefault(action.OwnerUserId) ?? "";
}

public sealed class RetroSummaries(RetroBoard board, IUserDirectory users)
{
    public async Task<RetroSummaryView> ForAsync(Retro retro, RetroViewer viewer, CancellationToken ct = default)
    {
        var cards = await board.CardsAsync(retro, viewer, ct);
        var groups = await board.GroupsAsync(retro, viewer, ct);
        var previous = await board.PreviousActionsAsync(retro, ct);
        var actions = await board.ActionsAsync(retro.Id, ct);
        var owners = await users.ByIdsAsync(actions.Select(a => a.OwnerUserId).Concat(previous.Select(p => p.Action.OwnerUserId)).Distinct().ToList(), ct);
        var (count, writers) = await board.ParticipationAsync(retro, ct);
        return new RetroSummaryView(retro, RetroBoard.PromptsOf(retro), cards, groups, previous, actions,
            owners.ToDictionary(o => o.Key, o => o.Value.DisplayName), count, writers, await board.VotesCastAsync(retro, ct));
    }

    /// <summary>The summary as Markdown; user text is escaped so that it stays text.</summary>
    public static string Markdown(RetroSummaryView s, Func<string, string> t)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Escape(s.Retro.Title)).AppendLine();
        md.AppendLine(t("Cards") + ": " + s.CardCount.ToString(CultureInfo.InvariantCulture) + " · " + t("People who wrote cards") + ": "
            + s.Writers.ToString(CultureInfo.InvariantCulture) + " · " + t("Votes cast") + ": " + s.VotesCast.ToString(CultureInfo.InvariantCulture)).AppendLine();
        if (s.Retro.DealName is not null)
            md.Append("- ").Append(t("Deal")).Append(": ").AppendLine(Escape(s.Retro.DealName))
              .Append("- ").Append(t("Outcome")).Append(": ").AppendLine(Escape(s.Retro.DealOutcome ?? ""))
              .Append("- ").Append(t("Roles")).Append(": ").AppendLine(Escape(s.Retro.DealRoles ?? "")).AppendLine();
        if (s.Previous.Count > 0)
        {
            md.Append("## ").AppendLine(t("Earlier actions")).AppendLine();
            foreach (var (action, review) in s.Previous)
                md.Append("- ").Append(Escape(action.Text)).Append(" — ").Append(t(review is null ? "Not reviewed" : StatusText(review.Outcome)))
                  .AppendLine(review?.Note is { } note ? ": " + Escape(note) : "");
            md.AppendLine();
        }
        md.Append("## ").AppendLine(t("Groups")).AppendLine();
        foreach (var group in s.Groups)
        {
            md.Append("### ").Append(Escape(group.Name)).Append(" (").Append(group.Votes.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(t("votes")).AppendLine(")").AppendLine();
            foreach (var card in s.Cards.Where(c => c.GroupId == group.Id)) md.Append("- ").AppendLine(CardLine(s, card));
            if (group.Notes is { } notes) md.AppendLine().Append("> ").AppendLine(Escape(notes).Replace("\n", "\n> "));
            md.AppendLine();
        }
        var loose = s.Cards.Where(c => c.GroupId is null).ToList();
        if (loose.Count > 0)
        {
            md.Append("### ").AppendLine(t("Not grouped")).AppendLine();
            foreach (var card in loose) md.Append("- ").AppendLine(CardLine(s, card));
            md.AppendLine();
        }
        md.Append("## ").AppendLine(t("Actions agreed")).AppendLine();
        foreach (var action in s.Actions)
            md.Append("- ").Append(action.IsFocus ? "**" + t("Focus") + "** " : "").Append(Escape(action.Text)).Append(" — ").Append(Escape(s.Owner(action)))
              .Append(", ").AppendLine(action.DueUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return md.ToString();
    }

    private static string CardLine(RetroSummaryView s, CardView card) =>
        "[" + Escape(s.PromptTitle(card.PromptKey)) + "] " + Escape(card.Text) + (card.Author is { Length: > 0 } a ? " — " + Escape(a) : "");

    /// <summary>The summary as CSV rows (kind, prompt or group, text, owner, due, votes, status), each field spreadsheet-safe.</summary>
    public static string Csv(RetroSummaryView s)
    {
        var csv = new StringBuilder("kind,prompt_or_group,text,author_or_owner,due,votes,status\r\n");
        void Row(params string?[] fields) => csv.Append(string.Join(",", fields.Select(CsvField.Of))).Append("\r\n");
        var groupNames = s.Groups.ToDictionary(g => g.Id, g => g.Name);
        foreach (var card in s.Cards)
            Row("card", s.PromptTitle(card.PromptKey), card.Text, card.Author, null, null, card.GroupId is { } g ? groupNames.GetValueOrDefault(g) : null);
        foreach (var group in s.Groups) Row("group", group.Name, group.Notes, null, null, group.Votes.ToString(CultureInfo.InvariantCulture), null);
        foreach (var (action, review) in s.Previous)
            Row("earlier-action", null, action.Text, s.Owner(action), action.DueUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null,
                review?.Outcome.ToString() ?? "NotReviewed");
        foreach (var action in s.Actions)
            Row(action.IsFocus ? "focus-action" : "action", null, action.Text, s.Owner(action), action.DueUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                null, action.Status.ToString());
        return csv.ToString();
    }

    public static string StatusText(RetroActionStatus status) => status switch
    {
        RetroActionStatus.Done => "Done",
        RetroActionStatus.NotDone => "Not done",
        RetroActionStatus.CarriedOver => "Carried over",
        _ => "Open",
    };

    /// <summary>Backslash-escapes the characters Markdown gives meaning to, and flattens line breaks.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text.Replace("\r", "").Replace("\n", " "))
        {
            if ("\\`*_{}[]()#+-.!|<>~".Contains(ch)) sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
