namespace SalesAcademy.Content.Models;

/// <summary>A part validates itself; field names are the camelCase paths used in front matter.</summary>
public interface IContentPart
{
    IEnumerable<ContentFieldError> Validate();
}

/// <summary>
/// A part with named places other modules may point at (a playbook's stages): a retro action or a follow-up links to
/// "this stage of that playbook" by its key, and shows its title, without knowing the type's fields.
/// </summary>
public interface IContentAnchors
{
    IEnumerable<ContentAnchor> Anchors();
}

/// <param name="Key">Stable within the item (a stage key); what links store.</param>
/// <param name="Title">What readers see, in the item's language (a stage's name).</param>
public readonly record struct ContentAnchor(string Key, string Title);

/// <summary>A part that links to other items (by ContentItemId), so links can be followed both ways.</summary>
public interface IContentReferences
{
    IEnumerable<ContentReference> References();
}

/// <summary>
/// A part whose field holds a key of a taxonomy group other than tags (a case's industry): the value is checked against
/// the taxonomy like a tag, and readers see the term's label in their language.
/// </summary>
public interface IContentTerms
{
    IEnumerable<ContentTerm> Terms();
}

/// <param name="Field">The field path (e.g. <c>industry</c>).</param>
/// <param name="Group">The taxonomy group the key must belong to; the type declares it in <see cref="ContentTypeDefinition.TermGroups"/>.</param>
public sealed record ContentTerm(string Field, string Key, string Group);

/// <param name="ContentType">The type the target must have; several types are separated by <c>|</c> (e.g. <c>CaseStudy|Playbook|Drill</c>).</param>
public sealed record ContentReference(string Field, string ContentItemId, string ContentType)
{
    public bool Accepts(string type) => ContentType.Split('|').Contains(type, StringComparer.Ordinal);

    /// <summary>The accepted types for messages: "a CaseStudy" or "a CaseStudy, Playbook or Drill".</summary>
    public string Expected => ContentType.Split('|') is var types && types.Length > 1
        ? $"a {string.Join(", ", types[..^1])} or {types[^1]}" : $"a {ContentType}";
}

/// <summary>
/// A problem with one field. <see cref="Message"/> is the English text the API and the importer report; <see cref="Text"/>
/// keeps its template, arguments and (for a choice) the allowed values, so pages can say it in the reader's language
/// with the field's label (<c>ContentErrorText</c>).
/// </summary>
public sealed record ContentFieldError(string Field, string Message)
{
    public ContentMessage? Text { get; init; }

    /// <summary>An error whose message is <paramref name="template"/> filled with <paramref name="args"/> (invariant culture).</summary>
    public static ContentFieldError Of(string field, string template, params object[] args) =>
        new(field, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, args)) { Text = new(template, Strings(args)) };

    /// <summary>A value that is not one of <paramref name="options"/>: "'x' must be one of a, b, c".</summary>
    public static ContentFieldError Choice(string field, string? value, IReadOnlyList<string> options) =>
        Of(field, "'{0}' must be one of {1}", value ?? "", string.Join(", ", options)) with { Text = new("'{0}' must be one of {1}", [value ?? "", string.Join(", ", options)], options) };

    private static IReadOnlyList<string> Strings(object[] args) =>
        args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList();
}

/// <summary>An English message template ({0}, {1}… placeholders, a PO msgid), its arguments, and the allowed values of a choice.</summary>
public sealed record ContentMessage(string Template, IReadOnlyList<string> Args, IReadOnlyList<string>? Options = null);

public sealed class TitlePart : IContentPart
{
    public string Title { get; set; } = "";
    /// <summary>One or two sentences for lists, in the item's language.</summary>
    public string? Summary { get; set; }

    public IEnumerable<ContentFieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Title)) yield return new("title", "is required");
        else if (Title.Length > 200) yield return ContentFieldError.Of("title", "must be at most {0} characters", 200);
        if (Summary is { Length: > 1000 }) yield return ContentFieldError.Of("summary", "must be at most {0} characters", 1000);
    }
}

public sealed class MarkdownBodyPart : IContentPart
{
    /// <summary>The most characters a Markdown text of an item may have (the body, a drill's scenario, an explanation).</summary>
    public const int MaxLength = 100_000;
    public const string TooLongMessage = "must be at most 100,000 characters";

    public string Markdown { get; set; } = "";

    public IEnumerable<ContentFieldError> Validate() => Check("body", Markdown);

    /// <summary>The length check for any Markdown field of an item, named as in front matter.</summary>
    public static IEnumerable<ContentFieldError> Check(string field, string? markdown) =>
        markdown is { Length: > MaxLength } ? [ContentFieldError.Of(field, "must be at most {0} characters", "100,000")] : [];
}

public sealed class TagsPart : IContentPart
{
    public List<string> Tags { get; set; } = [];

    public IEnumerable<ContentFieldError> Validate() =>
        Tags.Select((t, i) => (t, i)).Where(x => !ContentIds.IsValid(x.t))
            .Select(x => new ContentFieldError($"tags[{x.i}]", "is not a valid tag key (a-z, 0-9 and '-')"));
}

public sealed class RoutePart : IContentPart
{
    public string Slug { get; set; } = "";

    public IEnumerable<ContentFieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Slug)) yield return new("slug", "is required");
        else if (!ContentIds.IsValid(Slug)) yield return new("slug", "must be 3-64 characters of a-z, 0-9 and '-'");
    }
}

/// <summary>Who keeps the item true and how often it must be re-verified.</summary>
public sealed class OwnershipPart : IContentPart
{
    public const int DefaultVerifyEveryDays = 90;
    public string? Owner { get; set; }
    /// <summary>The display name of the rep whose deal this is, credited on the page (contributions).</summary>
    public string? ContributedBy { get; set; }
    public int VerifyEveryDays { get; set; } = DefaultVerifyEveryDays;
    public DateTime? LastVerifiedUtc { get; set; }

    public DateTime? DueUtc => LastVerifiedUtc?.AddDays(VerifyEveryDays);
    public bool IsDue(DateTime nowUtc) => LastVerifiedUtc is null || DueUtc <= nowUtc;

    public IEnumerable<ContentFieldError> Validate()
    {
        if (VerifyEveryDays is < 1 or > 3650) yield return ContentFieldError.Of("verifyEveryDays", "must be between {0} and {1}", 1, 3650);
        if (Owner is { Length: > 256 }) yield return ContentFieldError.Of("owner", "must be at most {0} characters", 256);
        if (ContributedBy is { Length: > 100 }) yield return ContentFieldError.Of("contributedBy", "must be at most {0} characters", 100);
    }
}

public static class ContentIds
{
    public static bool IsValid(string? value) =>
        value is { Length: >= 3 and <= 64 } && value.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && value[0] != '-' && value[^1] != '-';

    /// <summary>A new random id for items created in the portal (26 chars, sortable by time).</summary>
    public static string New() => Guid.CreateVersion7().ToString("N")[..26];
}
