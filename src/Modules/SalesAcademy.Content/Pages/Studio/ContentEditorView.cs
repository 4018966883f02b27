using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Content.Pages.Studio;

/// <summary>What a type's field editor partial (<c>_{Type}Fields</c>) renders: the item and the problems found, by field path.</summary>
public sealed class ContentEditorView(ContentItem item, IReadOnlyList<ContentErrorView> errors, TaxonomySnapshot taxonomy, IReadOnlyList<ContentItem> linkable)
{
    public ContentItem Item { get; } = item;
    /// <summary>The problems found, by field path, each with its label and message in the reader's language.</summary>
    public IReadOnlyList<ContentErrorView> Errors { get; } = errors;
    public TaxonomySnapshot Taxonomy { get; } = taxonomy;
    /// <summary>Items that may be referenced (latest versions of every type).</summary>
    public IReadOnlyList<ContentItem> Linkable { get; } = linkable;

    /// <summary>Whether the tag picker offers "add a new tag" (the studio: yes; a rep's contribution: no, the taxonomy is the trainers').</summary>
    public bool CanAddTags { get; init; } = true;

    public T Part<T>() where T : class, new() => Item.As<T>();

    /// <summary>The message for a field path (e.g. <c>stages[0].key</c>), or null.</summary>
    public string? Error(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>Errors for the field or anything under it (<c>rubric</c> covers <c>rubric[2].weight</c>).</summary>
    public bool HasErrorUnder(string field) => Errors.Any(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal) || e.Field.StartsWith(field + ".", StringComparison.Ordinal));

    public string Invalid(string field) => Error(field) is null ? "" : "is-invalid";

    /// <summary>"Label: message" for every problem under <paramref name="field"/>, for a group of inputs (a table, a list).</summary>
    public IEnumerable<string> MessagesUnder(string field) =>
        Errors.Where(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal) || e.Field.StartsWith(field + ".", StringComparison.Ordinal))
            .Select(e => $"{e.Label}: {e.Message}");

    public IEnumerable<ContentItem> OfType(string type) => Linkable.Where(i => i.ContentType == type);
}
