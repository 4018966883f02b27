using SalesAcademy.Core.Security;

namespace SalesAcademy.Comments.Services;

public static class CommentsPermissions
{
    public const string Post = "comments.post";
    public const string Moderate = "comments.moderate";
}

internal sealed class CommentsPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions { get; } =
    [
        new(CommentsPermissions.Post, "Comment on published content (and edit or delete one's own comments)"),
        new(CommentsPermissions.Moderate, "Hide or delete anyone's comment (recorded in the audit log)"),
    ];

    public IEnumerable<(string Role, string Permission)> DefaultGrants { get; } =
    [
        (PortalRoles.Trainer, CommentsPermissions.Post),
        (PortalRoles.TeamLead, CommentsPermissions.Post),
        (PortalRoles.Rep, CommentsPermissions.Post),
        (PortalRoles.Trainer, CommentsPermissions.Moderate),
    ];
}
