using System.Text;
using AnyAscii;

namespace SalesAcademy.Content.Services;

/// <summary>
/// An item's address (slug) from its title, as the studio suggests it: Latin words lower-cased and joined by '-', accents
/// dropped, and a Chinese (or other non-Latin) title in pinyin, one syllable per word ("丢单复盘" → "diu-dan-fu-pan"), so an
/// author writing in Chinese gets a readable address instead of an empty field. Polyphones may come out wrong
/// (重庆 → "zhong-qing"); the author can edit the suggestion.
/// </summary>
public static class ContentSlugs
{
    public const int MaxLength = 64;

    /// <summary>The suggested slug, or "" when the title gives fewer than 3 usable characters.</summary>
    public static string FromTitle(string? title)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
        foreach (var rune in (title ?? "").EnumerateRunes())
        {
            var ascii = rune.ToString().Transliterate().ToLowerInvariant();
            if (Rune.IsLetter(rune) && rune.Value >= 0x2E80)
            {
                // A CJK character (or kana, hangul): its syllable is a word of its own.
                Flush();
                word.Append(ascii.Where(char.IsAsciiLetterOrDigit).ToArray());
                Flush();
                continue;
            }
            foreach (var c in ascii)
            {
                if (char.IsAsciiLetterOrDigit(c)) word.Append(c);
                else Flush();
            }
        }
        Flush();
        var slug = new StringBuilder();
        foreach (var w in words)
        {
            if (slug.Length + (slug.Length > 0 ? 1 : 0) + w.Length > MaxLength) break; // cut at a word, never inside one
            if (slug.Length > 0) slug.Append('-');
            slug.Append(w);
        }
        return slug.Length >= 3 ? slug.ToString() : "";
    }
}
