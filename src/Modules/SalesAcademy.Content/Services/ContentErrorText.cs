using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Services;

/// <summary>
/// The labels a content type's editor shows for its fields (English PO msgids, as on the form) and, for fields with a
/// fixed set of values, each value's label in the current language. Modules register one per type; <c>ContentType</c>
/// null holds the fields every type has.
/// </summary>
public sealed record ContentFieldLabels(string? ContentType, IReadOnlyDictionary<string, string> Fields, Func<string, string, string?>? Values = null);

/// <summary>A field problem as a reader sees it: the field's label and the message in their language; the path stays for links and tests.</summary>
public sealed record ContentErrorView(string Field, string Label, string Message)
{
    public string Text(IStringLocalizer t) => t["{0}: {1}", Label, Message].Value;
}

/// <summary>
/// Says field problems in the reader's language for the studio and the contribution form: "Deal size: choose one of
/// 小型、中型、大型、战略级" instead of "dealSize '' must be one of small, medium, large, strategic". The API and the
/// importer keep reporting the English message by field path.
/// </summary>
public sealed partial class ContentErrorText(IEnumerable<ContentFieldLabels> labels, IStringLocalizer<ContentErrorText> t)
{
    private readonly IReadOnlyList<ContentFieldLabels> _labels = labels.ToList();

    public IReadOnlyList<ContentErrorView> Describe(string contentType, IEnumerable<ContentFieldError> errors) =>
        errors.Select(e => Describe(contentType, e)).ToList();

    public ContentErrorView Describe(string contentType, ContentFieldError error) =>
        new(error.Field, Label(contentType, error.Field), Message(contentType, error));

    /// <summary>"Rubric 1 › Score descriptions" for <c>rubric[0].anchors</c>; unknown names are shown as they are.</summary>
    public string Label(string contentType, string field)
    {
        if (field.Length == 0) return t["This item"].Value;
        var parts = new List<string>();
        foreach (var segment in field.Split('.'))
        {
            var match = Segment().Match(segment);
            if (!match.Success) { parts.Add(segment); continue; }
            var name = FieldLabel(contentType, match.Groups[1].Value) ?? match.Groups[1].Value;
            var indexes = match.Groups[2].Captures.Select(c => (int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.CurrentCulture));
            parts.Add(string.Join(" ", [name, .. indexes]));
        }
        return string.Join(" › ", parts);
    }

    private string Message(string contentType, ContentFieldError error)
    {
        if (error.Text is not { } text) return t[error.Message].Value; // fixed messages ("is required") are their own template
        if (text.Options is { } options)
        {
            var field = LastName(error.Field);
            var choices = string.Join(PortalListSeparator, options.Select(o => ValueLabel(contentType, field, o) ?? o));
            var value = text.Args.Count > 0 ? text.Args[0] : "";
            return value.Length == 0 ? t["choose one of {0}", choices].Value : t["“{0}” is not one of {1}", value, choices].Value;
        }
        return t[text.Template, [.. text.Args]].Value;
    }

    private string? FieldLabel(string contentType, string name)
    {
        var key = _labels.Where(l => l.ContentType == contentType).Concat(_labels.Where(l => l.ContentType is null))
            .Select(l => l.Fields.GetValueOrDefault(name)).FirstOrDefault(k => k is not null);
        return key is null ? null : t[key].Value;
    }

    private string? ValueLabel(string contentType, string field, string value) =>
        _labels.Where(l => l.ContentType == contentType || l.ContentType is null).Select(l => l.Values?.Invoke(field, value)).FirstOrDefault(v => v is not null);

    private static string LastName(string field) => Segment().Match(field.Split('.')[^1]) is { Success: true } m ? m.Groups[1].Value : field;

    private static string PortalListSeparator => Core.Localization.PortalCultures.ListSeparator;

    [GeneratedRegex(@"^([A-Za-z0-9_-]+)(?:\[(\d{1,3})\])*$")]
    private static partial Regex Segment();
}
