using SalesAcademy.Core.Security;

namespace SalesAcademy.Content.Services;

/// <summary>What may be done with content. Administrators hold every permission.</summary>
public static class ContentPermissions
{
    /// <summary>See every draft (and the studio's list of all items).</summary>
    public const string ViewDrafts = "content.view.drafts";
    /// <summary>Create items and edit the ones you own.</summary>
    public const string EditOwn = "content.edit.own";
    /// <summary>Edit any item.</summary>
    public const string EditAny = "content.edit.any";
    public const string Publish = "content.publish";
    /// <summary>Soft delete: the item leaves the site, its history stays.</summary>
    public const string Delete = "content.delete";
    /// <summary>Bring back a deleted item (as a draft).</summary>
    public const string Restore = "content.restore";
    /// <summary>Write a case from your own deal and submit it for review.</summary>
    public const string Contribute = "content.contribute";
    /// <summary>Work the review queue: comment on, return and publish contributions.</summary>
    public const string Review = "content.review";
    /// <summary>Mark any item verified (owners may always verify their own).</summary>
    public const string VerifyAny = "content.verify";
    /// <summary>Be told when content stays overdue for verification past the grace period (the verification sweep's escalation).
    /// No role holds it by default: administrators hold every permission.</summary>
    public const string VerifyEscalations = "content.verify.escalations";
}

internal sealed class ContentPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(ContentPermissions.ViewDrafts, "See every draft and unpublished item"),
        new(ContentPermissions.EditOwn, "Create content and edit the items you own"),
        new(ContentPermissions.EditAny, "Edit any content item"),
        new(ContentPermissions.Publish, "Publish and unpublish content"),
        new(ContentPermissions.Delete, "Delete content (soft: restorable)"),
        new(ContentPermissions.Restore, "Restore deleted content"),
        new(ContentPermissions.Contribute, "Contribute a case from your own deal for review"),
        new(ContentPermissions.Review, "Review contributions: comment, return, publish"),
        new(ContentPermissions.VerifyAny, "Mark any content item as verified (owners always can for their own)"),
        new(ContentPermissions.VerifyEscalations, "Be told when content stays overdue for verification past the grace period"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Trainer, ContentPermissions.ViewDrafts),
        (PortalRoles.Trainer, ContentPermissions.EditOwn),
        (PortalRoles.Trainer, ContentPermissions.EditAny),
        (PortalRoles.Trainer, ContentPermissions.Publish),
        (PortalRoles.Trainer, ContentPermissions.Delete),
        (PortalRoles.Trainer, ContentPermissions.Review),
        (PortalRoles.Trainer, ContentPermissions.VerifyAny),
        (PortalRoles.Trainer, ContentPermissions.Contribute),
        (PortalRoles.TeamLead, ContentPermissions.Contribute),
        (PortalRoles.Rep, ContentPermissions.Contribute),
    ];
}
