using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Data;

/// <summary>In-app notifications, the delivery outbox, each user's routes and the teams' webhooks.</summary>
public abstract class NotificationsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__NotificationsMigrations";

    public DbSet<UserNotification> Notifications => Set<UserNotification>();
    public DbSet<Models.Delivery> Deliveries => Set<Models.Delivery>();
    public DbSet<NotificationRoute> Routes => Set<NotificationRoute>();
    public DbSet<RecipientSettings> RecipientSettings => Set<RecipientSettings>();
    public DbSet<TeamWebhook> Webhooks => Set<TeamWebhook>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<UserNotification>(e =>
        {
            e.ToTable("UserNotifications");
            e.HasKey(n => n.Id);
            e.Property(n => n.Recipient).HasMaxLength(256).IsRequired();
            e.Property(n => n.Template).HasMaxLength(500).IsRequired();
            e.Property(n => n.Arguments).IsRequired();
            e.Property(n => n.Url).HasMaxLength(1000);
            // The list (newest first) and the header's unread count.
            e.HasIndex(n => new { n.Recipient, n.Id });
            e.HasIndex(n => new { n.Recipient, n.ReadUtc });
            e.Property(n => n.Kind).HasMaxLength(100).IsRequired();
            e.Property(n => n.Key).HasMaxLength(200);
            // A keyed notice is shown once per recipient however often it is sent (NULL keys never collide).
            e.HasIndex(n => new { n.Key, n.Recipient }).IsUnique();
        });
        model.Entity<Models.Delivery>(e =>
        {
            e.ToTable("NotificationDeliveries");
            e.HasKey(d => d.Id);
            e.Property(d => d.Key).HasMaxLength(200);
            e.Property(d => d.Recipient).HasMaxLength(256).IsRequired();
            e.Property(d => d.Channel).HasMaxLength(20).IsRequired();
            e.Property(d => d.Kind).HasMaxLength(100).IsRequired();
            e.Property(d => d.Template).HasMaxLength(500).IsRequired();
            e.Property(d => d.Arguments).IsRequired();
            e.Property(d => d.Url).HasMaxLength(1000);
            e.Property(d => d.TeamId).HasMaxLength(64);
            e.Property(d => d.Status).HasMaxLength(20).IsRequired();
            e.Property(d => d.LastError).HasMaxLength(1000);
            e.Property(d => d.ClaimedBy).HasMaxLength(100);
            // Delivered once per key, recipient and channel.
            e.HasIndex(d => new { d.Key, d.Recipient, d.Channel }).IsUnique();
            // The sender's "what is due" and the digest's "what waits".
            e.HasIndex(d => new { d.Status, d.NextAttemptUtc });
            e.HasIndex(d => d.DigestId);
        });
        model.Entity<NotificationRoute>(e =>
        {
            e.ToTable("NotificationRoutes");
            e.HasKey(r => new { r.Recipient, r.Kind });
            e.Property(r => r.Recipient).HasMaxLength(256);
            e.Property(r => r.Kind).HasMaxLength(100);
            e.Property(r => r.Route).HasMaxLength(20).IsRequired();
            e.HasIndex(r => new { r.Kind, r.Recipient });
        });
        model.Entity<RecipientSettings>(e =>
        {
            e.ToTable("NotificationRecipients");
            e.HasKey(r => r.Recipient);
            e.Property(r => r.Recipient).HasMaxLength(256);
            e.Property(r => r.Culture).HasMaxLength(10).IsRequired();
        });
        model.Entity<TeamWebhook>(e =>
        {
            e.ToTable("TeamWebhooks");
            e.HasKey(w => w.Id);
            e.Property(w => w.TeamId).HasMaxLength(64).IsRequired();
            e.Property(w => w.Name).HasMaxLength(100).IsRequired();
            e.Property(w => w.Url).HasMaxLength(2000).IsRequired();
            e.Property(w => w.Format).HasMaxLength(20).IsRequired();
            e.Property(w => w.Secret).HasMaxLength(200);
            e.Property(w => w.CreatedBy).HasMaxLength(256).IsRequired();
            e.HasIndex(w => w.TeamId);
        });
    }
}

public sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteNotificationsDesignFactory() : DesignTimeFactory<SqliteNotificationsDbContext>(DatabaseProvider.Sqlite, NotificationsDbContext.MigrationsTable);

internal sealed class PostgresNotificationsDesignFactory() : DesignTimeFactory<PostgresNotificationsDbContext>(DatabaseProvider.Postgres, NotificationsDbContext.MigrationsTable);
