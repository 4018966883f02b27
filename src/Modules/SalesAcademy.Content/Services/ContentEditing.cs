using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Content.Data;
using SalesAcademy.Content.Import;
using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Services;

/// <summary>An edited item read from a form or an API request, with every problem found (field paths as in front matter).</summary>
public sealed record ContentEdit(ContentItem? Item, IReadOnlyList<ContentFieldError> Errors)
{
    public bool IsValid => Item is not null && Errors.Count == 0;
}

/// <summary>
/// Reads edits in the content-as-code format (the studio, the contribution form and the API all use it) and
/// checks what a single file cannot: that tags are in the taxonomy and references name existing items.
/// </summary>
public sealed class ContentEditing(ContentFolderReader reader, ContentDbContext db, ContentDefinitions definitions, ContentManager manager)
{
    /// <param name="current">The latest version being edited (null for a new item): verification and credit carry over.</param>
    /// <param name="mayAssignOwner">
    /// True when the editor may name the owner (content.edit.any); otherwise an owner field is ignored and the
    /// item keeps its owner (a new item's owner is its author).
    /// </param>
    public async Task<ContentEdit> ReadAsync(string contentType, string contentItemId, JsonObject fields, string body, ContentItem? current,
        bool mayAssignOwner, CancellationToken ct = default)
    {
        fields["type"] = contentType;
        fields["id"] = contentItemId;
        var file = reader.FromFields(fields, body, "form");
        var errors = file.Errors.Select(e => new ContentFieldError(e.Field ?? "", e.Message) { Text = e.Text }).ToList();
        if (file.Item is not { } item) return new(null, errors);

        var ownership = item.As<OwnershipPart>();
        var before = current?.As<OwnershipPart>();
        if (before is not null) ownership.LastVerifiedUtc = before.LastVerifiedUtc;
        // The credit is the server's (Contributions records the contributor), never what a request says.
        ownership.ContributedBy = before?.ContributedBy;
        if (!mayAssignOwner) ownership.Owner = before?.Owner ?? current?.Owner;
        item.Apply(ownership);
        errors.AddRange(await CheckLinksAsync(item, ct));
        return new(item, errors);
    }

    /// <summary>Tags must be in the taxonomy; references must name a live item of the right type.</summary>
    public async Task<List<ContentFieldError>> CheckLinksAsync(ContentItem item, CancellationToken ct = default)
    {
        var errors = new List<ContentFieldError>();
        var tags = item.As<TagsPart>().Tags;
        if (tags.Count > 0)
        {
            var fieldGroups = definitions.TermGroups.ToList();
            var known = await db.TaxonomyTerms.AsNoTracking().Where(t => tags.Contains(t.Key) && !fieldGroups.Contains(t.Group)).Select(t => t.Key).ToListAsync(ct);
            for (var i = 0; i < tags.Count; i++)
                if (!known.Contains(tags[i])) errors.Add(ContentFieldError.Of($"tags[{i}]", "unknown tag '{0}'; pick one from the taxonomy or add it", tags[i]));
        }
        foreach (var term in definitions.Terms(item))
        {
            if (await db.TaxonomyTerms.AsNoTracking().AnyAsync(t => t.Key == term.Key && t.Group == term.Group, ct)) continue;
            var keys = await db.TaxonomyTerms.AsNoTracking().Where(t => t.Group == term.Group).OrderBy(t => t.SortOrder).Select(t => t.Key).ToListAsync(ct);
            // The API and the importer read the keys; the editor's reader is asked to choose from the list it shows.
            errors.Add(new ContentFieldError(term.Field, $"unknown {term.Field} '{term.Key}'; use one of {string.Join(", ", keys)}")
                { Text = new("“{0}” is not in the list; choose one", [term.Key]) });
        }
        var references = definitions.References(item).ToList();
        if (references.Count > 0)
        {
            var ids = references.Select(r => r.ContentItemId).Distinct().ToList();
            var types = await db.Items.AsNoTracking().Where(i => ids.Contains(i.ContentItemId) && (i.Latest || i.Published))
                .Select(i => new { i.ContentItemId, i.ContentType }).Distinct().ToDictionaryAsync(i => i.ContentItemId, i => i.ContentType, ct);
            foreach (var reference in references)
            {
                if (!types.TryGetValue(reference.ContentItemId, out var type)) errors.Add(ContentFieldError.Of(reference.Field, "refers to '{0}', which does not exist", reference.ContentItemId));
                else if (!reference.Accepts(type)) errors.Add(new(reference.Field, $"'{reference.ContentItemId}' is a {type}, not {reference.Expected}"));
            }
        }
        return errors;
    }

    /// <summary>Adds a tag to the taxonomy (from the editor's "new tag" row); errors name the field.</summary>
    public async Task<List<ContentFieldError>> AddTermAsync(string? key, string? group, string? nameZh, string? nameEn, CancellationToken ct = default)
    {
        var errors = new List<ContentFieldError>();
        key = key?.Trim().ToLowerInvariant();
        if (!ContentIds.IsValid(key)) errors.Add(ContentFieldError.Of("newTag.key", "'{0}' must be 3-64 characters of a-z, 0-9 and '-'", key ?? ""));
        if (string.IsNullOrWhiteSpace(nameZh) || nameZh.Length > 100) errors.Add(new("newTag.zh", "a Chinese label of at most 100 characters is required"));
        if (string.IsNullOrWhiteSpace(nameEn) || nameEn.Length > 100) errors.Add(new("newTag.en", "an English label of at most 100 characters is required"));
        var groups = await db.TaxonomyGroups.AsNoTracking().Select(g => g.Key).ToListAsync(ct);
        if ((groups.Count > 0 && !groups.Contains(group ?? "")) || definitions.TermGroups.Contains(group ?? "")) errors.Add(new("newTag.group", $"'{group}' is not a taxonomy group"));
        if (errors.Count > 0) return errors;
        if (await db.TaxonomyTerms.AnyAsync(t => t.Key == key, ct)) return errors; // already there: just use it
        var order = await db.TaxonomyTerms.Select(t => (int?)t.SortOrder).MaxAsync(ct) ?? 0;
        // Through the manager: the change log carries it to every node's snapshot and search index.
        await manager.SaveTaxonomyAsync([], [new TaxonomyTerm { Key = key!, Group = group ?? "", NameZh = nameZh!.Trim(), NameEn = nameEn!.Trim(), SortOrder = order + 1 }],
            relabel: false, ct);
        return errors;
    }
}
