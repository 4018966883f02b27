using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Domain;

namespace SalesAcademy.Search.Services;

/// <summary>
/// An item's searchable text as readers see it (snippets are cut from it): the summary, the body and the text the
/// content type declares (<see cref="IContentIndexed"/>) as rendered text (no Markdown syntax, nothing of a &lt;script&gt; or &lt;style&gt; the page strips),
/// and role keys as their labels (<see cref="RoleLabels"/>).
/// </summary>
public static class SearchText
{
    public static string Of(string? summary, string? markdown, IEnumerable<IndexedText> declared)
    {
        var text = new StringBuilder();
        AppendMarkdown(summary, text);
        AppendMarkdown(markdown, text);
        foreach (var field in declared)
        {
            if (string.IsNullOrWhiteSpace(field.Text)) continue;
            if (TeamRoles.LabelsOf(field.Text.Trim()) is not null) text.Append(RoleLabels.Pair(field.Text.Trim())).Append('\n');
            else AppendMarkdown(field.Text, text);
        }
        return text.ToString();
    }

    private static void AppendMarkdown(string? markdown, StringBuilder text)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return;
        var plain = SearchDocumentFactory.PlainTextOf(markdown).Trim();
        if (plain.Length > 0) text.Append(plain).Append('\n');
    }

    /// <summary>Drops what the site's sanitiser drops with its content (HTML blocks, and the text inside inline script, style and the like).</summary>
    internal static void StripHtml(MarkdownDocument document)
    {
        foreach (var block in document.Descendants<HtmlBlock>().ToList()) block.Parent?.Remove(block);
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is null) continue;
            string? inside = null;
            foreach (var inline in leaf.Inline.Descendants<Inline>().ToList())
            {
                if (inline is HtmlInline html)
                {
                    var tag = html.Tag.TrimStart('<').TrimStart('/');
                    var name = new string(tag.TakeWhile(char.IsLetter).ToArray()).ToLowerInvariant();
                    if (inside is null && !html.Tag.StartsWith("</", StringComparison.Ordinal) && Dropped.Contains(name)) inside = name;
                    else if (inside == name && html.Tag.StartsWith("</", StringComparison.Ordinal)) inside = null;
                }
                else if (inside is not null && inline is LiteralInline or CodeInline or HtmlEntityInline or AutolinkInline or LineBreakInline) inline.Remove();
            }
        }
    }

    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "script", "style", "template", "noscript", "iframe", "object", "textarea", "title" };
}

/// <summary>
/// Role keys (AccountManager) in the searchable text as both labels, "客户经理 / Account manager", so either language
/// finds them; snippets and leads show the reader's label alone.
/// </summary>
internal static class RoleLabels
{
    private const string Separator = " / ";
    private static readonly (string Pair, string Zh, string En)[] Pairs = TeamRoles.Known
        .Select(r => TeamRoles.LabelsOf(r)!.Value).Select(l => (l.Zh + Separator + l.En, l.Zh, l.En)).ToArray();

    public static string Pair(string role) => TeamRoles.LabelsOf(role) is { } l ? l.Zh + Separator + l.En : role;

    /// <summary>Where the text between <paramref name="from"/> and <paramref name="to"/> holds a pair of labels (possibly reaching over either end), with the label to show instead.</summary>
    public static List<(int Start, int End, string Label)> Find(string text, int from, int to, bool chinese)
    {
        var found = new List<(int, int, string)>();
        foreach (var (pair, zh, en) in Pairs)
        {
            var at = Math.Max(0, from - pair.Length + 1);
            while ((at = text.IndexOf(pair, at, StringComparison.Ordinal)) >= 0 && at < to)
            {
                found.Add((at, at + pair.Length, chinese ? zh : en));
                at += pair.Length;
            }
        }
        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>The text with every pair of labels replaced by the reader's label.</summary>
    public static string Localize(string text, bool chinese)
    {
        foreach (var (pair, zh, en) in Pairs)
            if (text.Contains(pair, StringComparison.Ordinal)) text = text.Replace(pair, chinese ? zh : en, StringComparison.Ordinal);
        return text;
    }
}
