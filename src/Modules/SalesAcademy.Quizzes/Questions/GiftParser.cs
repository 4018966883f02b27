using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>A problem in a GIFT text: the line the question starts on (or of the line itself), and what is wrong.</summary>
public sealed record GiftProblem(int Line, string Message, string? Field = null)
{
    /// <summary>The English template of <see cref="Message"/> (a PO msgid with {0}… placeholders) and its arguments, so the
    /// import page can say it in the reader's language; null for messages that have no translation.</summary>
    public string? Template { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>A problem whose message is <paramref name="template"/> filled with <paramref name="args"/> (invariant culture).</summary>
    public static GiftProblem Of(int line, string? field, string template, params object[] args)
    {
        var strings = args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToArray();
        return new(line, string.Format(CultureInfo.InvariantCulture, template, strings), field) { Template = template, Args = strings };
    }

    /// <summary>The message in the reader's language (<paramref name="t"/> looks the template up in the module's PO file).</summary>
    public string Text(Microsoft.Extensions.Localization.IStringLocalizer t) =>
        Template is null ? Message : t[Template, [.. Args]].Value;

    public override string ToString() => Field is null ? $"line {Line}: {Message}" : $"line {Line}: field '{Field}': {Message}";
}

/// <summary>One question read from GIFT, not yet saved: its part, Markdown stem, title, language and category.</summary>
public sealed record GiftQuestion(int Line, string Title, string Stem, string Culture, QuestionPart Part, string? Category);

public sealed class GiftParseResult
{
    public List<GiftQuestion> Questions { get; } = [];
    /// <summary>Questions that were refused, each by its starting line.</summary>
    public List<GiftProblem> Errors { get; } = [];
    /// <summary>Questions read with a change worth knowing (no general feedback, weights not kept, …).</summary>
    public List<GiftProblem> Warnings { get; } = [];
}

/// <summary>
/// Reads Moodle's GIFT format (https://docs.moodle.org/en/GIFT_format) into questions of the bank. Supported: comments
/// (<c>//</c>), questions separated by blank lines, <c>::title::</c>, the format tags <c>[markdown]</c>, <c>[html]</c>,
/// <c>[plain]</c>, <c>[moodle]</c> (the text is kept and rendered as Markdown, whose sanitiser removes unsafe HTML),
/// <c>{=right ~wrong}</c> single choice, <c>{~%50%a ~%50%b ~%-100%c}</c> multiple choice (positive weight = right option),
/// <c>{T}</c>/<c>{TRUE}</c>/<c>{F}</c>/<c>{FALSE}</c>, <c>{=a =b}</c> short answer (every full-credit answer is accepted),
/// <c>#feedback</c> per answer, <c>####general feedback</c> (the explanation), the escapes <c>\: \# \= \~ \{ \} \\ \n</c>, and
/// <c>$CATEGORY:</c> lines (the importer maps the last part of the path to a tag). Refused, each with a message naming the
/// question's first line: matching (<c>{=a -> b}</c>), numerical (<c>{#…}</c>), essay (<c>{}</c>) and missing-word questions
/// (text after the answer block), and anything malformed. A refused question never stops the others.
/// </summary>
public static partial class GiftParser
{
    public static GiftParseResult Parse(string text)
    {
        var result = new GiftParseResult();
        string? category = null;
        foreach (var lines in Blocks(text))
        {
            // $CATEGORY lines set the category of the questions after them (and may head a question's block).
            var first = 0;
            while (first < lines.Count && lines[first].Text.TrimStart().StartsWith("$CATEGORY:", StringComparison.OrdinalIgnoreCase))
                category = lines[first++].Text.TrimStart()["$CATEGORY:".Length..].Trim();
            if (first == lines.Count) continue;
            var line = lines[first].Line;
            var block = string.Join('\n', lines.Skip(first).Select(l => l.Text)).Trim();
            try
            {
                var (question, warnings) = ParseQuestion(block, line, category);
                result.Questions.Add(question);
                result.Warnings.AddRange(warnings);
            }
            catch (GiftException ex)
            {
                result.Errors.Add(new GiftProblem(line, ex.Message, ex.Field));
            }
        }
        return result;
    }

    /// <summary>Runs of non-blank lines with comment lines left out, each line with its number in the file.</summary>
    private static IEnumerable<List<(int Line, string Text)>> Blocks(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').TrimStart('\uFEFF').Split('\n');
        var current = new List<(int, string)>();
        for (var i = 0; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i] : "";
            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count > 0) yield return current;
                current = [];
                continue;
            }
            if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            current.Add((i + 1, line));
        }
    }

    private static (GiftQuestion, List<GiftProblem>) ParseQuestion(string block, int line, string? category)
    {
        var warnings = new List<GiftProblem>();
        var rest = block;
        string? title = null;
        if (rest.StartsWith("::", StringComparison.Ordinal))
        {
            var end = FindUnescaped(rest, "::", 2);
            if (end < 0) throw new GiftException("the title opened with '::' is not closed with '::'", "title");
            title = Unescape(rest[2..end]).Trim();
            rest = rest[(end + 2)..];
        }
        rest = FormatTag().Replace(rest.TrimStart(), "", 1);

        var open = FindUnescaped(rest, "{", 0);
        if (open < 0) throw new GiftException("no answer block {…}: a text without answers is not a question (use \\{ for a literal brace)", "answers");
        var close = FindUnescaped(rest, "}", open + 1);
        if (close < 0) throw new GiftException("the answer block opened with '{' is not closed with '}'", "answers");
        var before = rest[..open];
        var answers = rest[(open + 1)..close];
        var after = rest[(close + 1)..];
        if (FindUnescaped(after, "{", 0) >= 0) throw new GiftException("more than one answer block {…} in one question", "answers");
        if (after.Trim().Length > 0)
            throw new GiftException("missing-word questions (text after the answer block) are not supported: put the answer block at the end", "answers");

        var stem = Unescape(FormatTag().Replace(before.Trim(), "", 1)).Trim();
        if (stem.Length == 0) throw new GiftException("the question text is empty", "stem");
        var culture = Cjk().IsMatch(stem) ? "zh-CN" : "en";
        var chinese = culture == "zh-CN";

        var general = FindUnescaped(answers, "####", 0);
        var explanation = general < 0 ? "" : Unescape(FormatTag().Replace(answers[(general + 4)..].Trim(), "", 1)).Trim();
        if (general >= 0) answers = answers[..general];
        var body = answers.Trim();

        var part = new QuestionPart();
        if (body.Length == 0)
            throw new GiftException(general >= 0 ? "no answers before the general feedback (####)" : "essay questions ({}) are not supported", "answers");
        if (body.StartsWith('#')) throw new GiftException("numerical questions ({#…}) are not supported", "answers");

        if (TrueFalse().Match(body) is { Success: true } tf)
        {
            part.Kind = QuestionKinds.TrueFalse;
            part.Answer = tf.Groups[1].Value.StartsWith('T') || tf.Groups[1].Value.StartsWith('t');
            if (explanation.Length == 0)
            {
                explanation = chinese ? $"正确答案：{(part.Answer.Value ? "对" : "错")}" : $"Right answer: {(part.Answer.Value ? "true" : "false")}";
                warnings.Add(NoGeneralFeedback(line));
            }
        }
        else
        {
            var options = SplitAnswers(body);
            if (options.Any(o => o.Marker == '=' && Unescape(o.Text).Contains("->", StringComparison.Ordinal)))
                throw new GiftException("matching questions (=a -> b) are not supported", "answers");
            if (options.Any(o => o.Text.Length == 0)) throw new GiftException("an answer after = or ~ is empty", "answers");
            if (options.All(o => o.Marker == '='))
            {
                part.Kind = QuestionKinds.Short;
                foreach (var option in options)
                {
                    if (option.Weight is null or >= 100) part.Accepted.Add(option.Text);
                    else warnings.Add(GiftProblem.Of(line, "accepted", "the answer “{0}” gives partial credit ({1}%), which short answers here do not; it was left out", option.Text, option.Weight!));
                }
                if (part.Accepted.Count == 0) throw new GiftException("no full-credit answer: a short answer needs at least one =answer without a weight", "answers");
                if (explanation.Length == 0)
                {
                    explanation = (chinese ? "正确答案：" : "Right answer: ") + string.Join(chinese ? "；" : "; ", part.Accepted);
                    warnings.Add(NoGeneralFeedback(line));
                }
            }
            else
            {
                var right = options.Where(o => o.Marker == '=' || o.Weight > 0).ToList();
                if (right.Count == 0) throw new GiftException("no right answer: mark one with = or give right options a positive weight (~%50%…)", "choices");
                var weighted = options.Any(o => o.Marker == '~' && o.Weight > 0);
                part.Kind = right.Count > 1 || weighted ? QuestionKinds.Multiple : QuestionKinds.Single;
                if (part.Kind == QuestionKinds.Multiple && right.Select(o => o.Weight ?? 100).Distinct().Count() > 1)
                    warnings.Add(GiftProblem.Of(line, "choices", "the weights of the right options differ; here every right option counts the same (see how answers are graded)"));
                part.Choices = options.Select(o => new QuestionChoice { Text = o.Text, Correct = right.Contains(o), Feedback = o.Feedback }).ToList();
                if (explanation.Length == 0)
                {
                    explanation = (chinese ? "正确答案：" : "Right answer: ") + string.Join(chinese ? "；" : "; ", right.Select(o => o.Text));
                    warnings.Add(NoGeneralFeedback(line));
                }
            }
        }
        part.Explanation = explanation;
        title = string.IsNullOrWhiteSpace(title) ? TitleFrom(stem) : title.Length > 200 ? title[..200] : title;
        return (new GiftQuestion(line, title, stem, culture, part, category), warnings);
    }

    private static GiftProblem NoGeneralFeedback(int line) =>
        GiftProblem.Of(line, "explanation", "no general feedback (####…): the explanation only names the right answer; say why in the studio");

    private sealed record Answer(char Marker, string Text, double? Weight, string? Feedback);

    /// <summary>Splits <c>=a#fb ~%50%b</c> at the unescaped markers and reads each answer's weight and feedback.</summary>
    private static List<Answer> SplitAnswers(string body)
    {
        var raw = new List<(char Marker, string Text)>();
        var leading = new StringBuilder();
        StringBuilder? current = null;
        var marker = ' ';
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length)
            {
                (current ?? leading).Append(c).Append(body[i + 1]);
                i++;
                continue;
            }
            if (c is '=' or '~')
            {
                if (current is not null) raw.Add((marker, current.ToString()));
                current = new StringBuilder();
                marker = c;
                continue;
            }
            (current ?? leading).Append(c);
        }
        if (current is not null) raw.Add((marker, current.ToString()));
        if (leading.ToString().Trim().Length > 0)
            throw new GiftException($"'{Unescape(leading.ToString().Trim())}' is not an answer: start every answer with = (right) or ~ (wrong)", "answers");

        var answers = new List<Answer>();
        foreach (var (m, text) in raw)
        {
            var value = text.Trim();
            double? weight = null;
            if (value.StartsWith('%'))
            {
                var end = value.IndexOf('%', 1);
                if (end < 0 || !double.TryParse(value[1..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || w is < -100 or > 100)
                    throw new GiftException($"'{value}' has a bad weight: write ~%50%answer, with a percentage from -100 to 100", "answers");
                weight = w;
                value = value[(end + 1)..];
            }
            string? feedback = null;
            var hash = FindUnescaped(value, "#", 0);
            if (hash >= 0)
            {
                feedback = Unescape(value[(hash + 1)..]).Trim();
                if (feedback.Length == 0) feedback = null;
                value = value[..hash];
            }
            answers.Add(new Answer(m, Unescape(value).Trim(), weight, feedback));
        }
        return answers;
    }

    /// <summary>The position of <paramref name="token"/> at or after <paramref name="from"/> that is not escaped by a backslash, or −1.</summary>
    private static int FindUnescaped(string text, string token, int from)
    {
        for (var i = from; i <= text.Length - token.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (string.CompareOrdinal(text, i, token, 0, token.Length) == 0) return i;
        }
        return -1;
    }

    /// <summary><c>\: \# \= \~ \{ \} \\</c> become the character; <c>\n</c> a line break; any other backslash stays (Markdown uses them).</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('\\')) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next is ':' or '#' or '=' or '~' or '{' or '}' or '\\') { builder.Append(next); i++; continue; }
                if (next == 'n') { builder.Append('\n'); i++; continue; }
            }
            builder.Append(text[i]);
        }
        return builder.ToString();
    }

    private static string TitleFrom(string stem)
    {
        var plain = Whitespace().Replace(MarkdownMarks().Replace(stem, ""), " ").Trim();
        return plain.Length <= 60 ? plain : plain[..60].TrimEnd() + "…";
    }

    [GeneratedRegex(@"^\[(?:markdown|html|plain|moodle)\]", RegexOptions.IgnoreCase)]
    private static partial Regex FormatTag();

    [GeneratedRegex(@"^(TRUE|FALSE|T|F)\s*(?:#[^#]*)?(?:#[^#]*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TrueFalse();

    [GeneratedRegex(@"[\u3400-\u4dbf\u4e00-\u9fff]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[*_`#>\[\]]")]
    private static partial Regex MarkdownMarks();

    private sealed class GiftException(string message, string? field) : Exception(message)
    {
        public string? Field { get; } = field;
    }
}
