namespace SalesAcademy.Content.Services;

public enum DiffKind { Same, Changed, Removed, Added }

/// <summary>A run of text in a changed line: <see cref="Changed"/> marks the words that differ from the other side.</summary>
public sealed record DiffSpan(string Text, bool Changed);

/// <summary>One row of a side-by-side diff: a line on the left, the right, or both.</summary>
public sealed record DiffRow(DiffKind Kind, int? LeftNumber, string? Left, int? RightNumber, string? Right);

/// <summary>
/// Line diff for comparing two versions of an item in their content-as-code text (front matter + body):
/// longest common subsequence, then adjacent removals and additions paired up as changed lines.
/// </summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffRow> SideBySide(string left, string right)
    {
        var a = Lines(left);
        var b = Lines(right);
        // Common prefix and suffix first: versions usually differ in a few places.
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start]) start++;
        var endA = a.Length; var endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) { endA--; endB--; }

        var n = endA - start; var m = endB - start;
        // Beyond ~4M cells (two very different long texts) the middle is shown as removed then added.
        var bounded = (long)n * m <= 4_000_000;
        var lcs = bounded ? new int[n + 1, m + 1] : new int[1, 1];
        for (var i = bounded ? n - 1 : -1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[start + i] == b[start + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var rows = new List<DiffRow>(Math.Max(a.Length, b.Length));
        for (var k = 0; k < start; k++) rows.Add(new(DiffKind.Same, k + 1, a[k], k + 1, b[k]));
        var removed = new List<int>(); var added = new List<int>();
        void Flush()
        {
            var pairs = Math.Min(removed.Count, added.Count);
            for (var k = 0; k < pairs; k++) rows.Add(new(DiffKind.Changed, removed[k] + 1, a[removed[k]], added[k] + 1, b[added[k]]));
            foreach (var r in removed.Skip(pairs)) rows.Add(new(DiffKind.Removed, r + 1, a[r], null, null));
            foreach (var d in added.Skip(pairs)) rows.Add(new(DiffKind.Added, null, null, d + 1, b[d]));
            removed.Clear(); added.Clear();
        }
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (bounded && x < n && y < m && a[start + x] == b[start + y])
            {
                Flush();
                rows.Add(new(DiffKind.Same, start + x + 1, a[start + x], start + y + 1, b[start + y]));
                x++; y++;
            }
            else if (y >= m || (x < n && (!bounded || lcs[x + 1, y] >= lcs[x, y + 1]))) removed.Add(start + x++);
            else added.Add(start + y++);
        }
        Flush();
        for (int i = endA, j = endB; i < a.Length; i++, j++) rows.Add(new(DiffKind.Same, i + 1, a[i], j + 1, b[j]));
        return rows;
    }

    /// <summary>
    /// The words that differ between two versions of a line, each side as runs of unchanged and changed text. Words are
    /// runs of letters or digits, single spaces and punctuation; every CJK character is a word of its own (Chinese has no spaces).
    /// </summary>
    public static (IReadOnlyList<DiffSpan> Left, IReadOnlyList<DiffSpan> Right) Words(string left, string right)
    {
        var a = Tokens(left); var b = Tokens(right);
        var n = a.Count; var m = b.Count;
        if ((long)n * m > 250_000) return ([new(left, true)], [new(right, true)]); // a very long line: mark it whole
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var l = new List<DiffSpan>(); var r = new List<DiffSpan>();
        static void Add(List<DiffSpan> spans, string text, bool changed)
        {
            if (spans.Count > 0 && spans[^1].Changed == changed) spans[^1] = spans[^1] with { Text = spans[^1].Text + text };
            else spans.Add(new(text, changed));
        }
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[x] == b[y]) { Add(l, a[x++], false); Add(r, b[y++], false); }
            else if (y >= m || (x < n && lcs[x + 1, y] >= lcs[x, y + 1])) Add(l, a[x++], true);
            else Add(r, b[y++], true);
        }
        return (l, r);
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (IsCjk(c) || !char.IsLetterOrDigit(c)) i++;
            else while (i < text.Length && char.IsLetterOrDigit(text[i]) && !IsCjk(text[i])) i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }

    private static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff' or >= '\uac00' and <= '\ud7af';

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
