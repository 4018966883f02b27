using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Comments.Data;
using SalesAcademy.Comments.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Comments;

/// <summary>Comments under published content items: Markdown, edited or deleted by their authors, moderated by trainers.</summary>
public sealed class CommentsModule : PortalModule
{
    /// <summary>The notification kind of "someone commented on your item".</summary>
    public const string CommentKind = "comments.new";

    // Accounts signs users in and checks comments.post / comments.moderate; Content says which items are published.
    public override ModuleManifest Manifest { get; } = new("comments", "Comments", "Comments (Markdown) under every published case, playbook and drill; authors edit and delete their own, trainers hide or delete any (audited); the item's owner is notified.", "accounts", "content", "markdown");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<CommentsDbContext, SqliteCommentsDbContext, PostgresCommentsDbContext>(settings.Database, CommentsDbContext.MigrationsTable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<CommentThreads>();
        services.AddInsightSource<Insights.CommentInsightSource>(); // comments written, for the insights run
        services.AddNotificationKind(CommentKind, "Comments on what you wrote");
        services.AddSingleton<IPermissionProvider, CommentsPermissionProvider>();
    }
}
