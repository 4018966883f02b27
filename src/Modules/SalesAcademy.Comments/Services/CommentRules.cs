namespace SalesAcademy.Comments.Services;

/// <summary>What a comment may be. The messages are PO msgids (English), translated where they are shown.</summary>
public static class CommentRules
{
    public const int MaxLength = 4000;

    public const string EmptyMessage = "Write something before posting.";
    public const string TooLongMessage = "A comment can be at most {0} characters long; this one has {1}.";

    /// <summary>
    /// Line breaks as LF (browsers send CRLF; each counts as one character), without blank lines around the text.
    /// The first line keeps its indentation: in Markdown four spaces start a code block.
    /// </summary>
    public static string Normalize(string? text)
    {
        var normalized = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd();
        var firstContent = normalized.AsSpan().IndexOfAnyExcept(" \t\n");
        return firstContent < 0 ? "" : normalized[(normalized.LastIndexOf('\n', firstContent) + 1)..];
    }

    /// <summary>Null when the (normalized) text may be posted, else the problem: a msgid and its arguments.</summary>
    public static CommentProblem? Check(string text) =>
        text.Length == 0 ? new(EmptyMessage, [])
        : text.Length > MaxLength ? new(TooLongMessage, [MaxLength, text.Length])
        : null;
}

public sealed record CommentProblem(string Message, object[] Arguments);
