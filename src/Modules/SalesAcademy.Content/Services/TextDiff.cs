namespace SalesAcademy.Content.Services;

public enum DiffKind { Same, Changed, Removed, Added }

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

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
