using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Services;

/// <summary>
/// Who may see and change an item, decided on the server for pages and API alike. Callers answer 404
/// (not 403) when a check fails, so ids cannot be probed.
/// </summary>
public sealed class ContentAccess(IAuthorizationService authorization)
{
    public async Task<bool> HasAsync(ClaimsPrincipal user, string permission) =>
        user.Identity?.IsAuthenticated == true && await authorization.HasPermissionAsync(user, permission);

    /// <summary>Whether the user may read a type's published items at all (see <see cref="ContentTypeDefinition.ReadPermission"/>).</summary>
    public async Task<bool> MayReadTypeAsync(ClaimsPrincipal user, ContentTypeDefinition type) =>
        type.ReadPermission is null || await HasAsync(user, type.ReadPermission);

    public async Task<IReadOnlySet<string>> ReadableTypesAsync(ClaimsPrincipal user, ContentDefinitions definitions)
    {
        var readable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in definitions.Types)
            if (await MayReadTypeAsync(user, type)) readable.Add(type.Name);
        return readable;
    }

    /// <summary>Authors, owners and the contributor of an item, by user name.</summary>
    public static bool IsOwnerOrAuthor(ClaimsPrincipal user, ContentItem item, ContentContribution? contribution = null)
    {
        var me = user.UserName();
        return me.Length > 0 && (Same(item.Owner, me) || Same(item.Author, me) || Same(contribution?.Contributor, me));
    }

    /// <summary>A version that is not published: its authors, its owner, the contributor, and holders of content.view.drafts.</summary>
    public async Task<bool> CanSeeDraftAsync(ClaimsPrincipal user, ContentItem item, ContentContribution? contribution = null) =>
        user.Identity?.IsAuthenticated == true
        && (IsOwnerOrAuthor(user, item, contribution) || await HasAsync(user, ContentPermissions.ViewDrafts));

    /// <summary>
    /// Editing: content.edit.any; content.edit.own for the item's owner; the contributor while a
    /// contribution is theirs to work on (draft or returned).
    /// </summary>
    public async Task<bool> CanEditAsync(ClaimsPrincipal user, ContentItem item, ContentContribution? contribution = null)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (await HasAsync(user, ContentPermissions.EditAny)) return true;
        var me = user.UserName();
        if (Same(item.Owner, me) && await HasAsync(user, ContentPermissions.EditOwn)) return true;
        return contribution is { EditableByContributor: true } && Same(contribution.Contributor, me) && await HasAsync(user, ContentPermissions.Contribute);
    }

    /// <summary>
    /// Whether the reader is told an item's verification state (due, overdue, not yet verified): its owner and holders of
    /// content.verify. Everyone else sees only "verified on …", and only while it is true.
    /// </summary>
    public async Task<bool> SeesVerificationStateAsync(ClaimsPrincipal user, ContentItem item) =>
        user.Identity?.IsAuthenticated == true && (Same(item.Owner, user.UserName()) || await HasAsync(user, ContentPermissions.VerifyAny));

    /// <summary>ViewData key an item page sets (and adds to its cache key) so the shared header shows the verification state.</summary>
    public const string SeesVerificationStateKey = "sa.sees-verification-state";

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
