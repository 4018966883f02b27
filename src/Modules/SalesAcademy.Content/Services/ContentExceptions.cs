using SalesAcademy.Content.Models;

namespace SalesAcademy.Content.Services;

public sealed class ContentValidationException(string contentItemId, IReadOnlyList<ContentFieldError> errors)
    : Exception($"Content item '{contentItemId}' is not valid: {string.Join("; ", errors.Select(e => $"field '{e.Field}': {e.Message}"))}")
{
    public IReadOnlyList<ContentFieldError> Errors { get; } = errors;
}

/// <summary>A save based on a version that is no longer the latest: nothing was written.</summary>
public sealed class ContentConflictException(string contentItemId, string basedOnVersionId, ContentItem current)
    : Exception($"Content item '{contentItemId}' was changed by {current.Author ?? "someone"} at {current.ModifiedUtc:yyyy-MM-dd HH:mm:ss} UTC " +
                $"(version {current.Number}); this save was based on an older version ({basedOnVersionId}) and was not applied.")
{
    public string BasedOnVersionId { get; } = basedOnVersionId;
    public ContentItem Current { get; } = current;
}

public sealed class ContentNotFoundException(string contentItemId)
    : Exception($"Content item '{contentItemId}' does not exist or was deleted.");

/// <summary>A workflow step that is not possible now (e.g. returning a contribution nobody submitted); nothing was written.</summary>
public sealed class ContentWorkflowException(string message) : Exception(message);
