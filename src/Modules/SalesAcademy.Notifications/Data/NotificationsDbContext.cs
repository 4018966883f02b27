using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Notifications.Models;

namespace SalesAcademy.Notifications.Data;

/// <summary>The notifications' one table.</summary>
public abstract class NotificationsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsTable = "__NotificationsMigrations";

    public DbSet<UserNotification> Notifications => Set<UserNotification>();

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
        });
    }
}

public sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider).
internal sealed class SqliteNotificationsDesignFactory() : DesignTimeFactory<SqliteNotificationsDbContext>(DatabaseProvider.Sqlite, NotificationsDbContext.MigrationsTable);

internal sealed class PostgresNotificationsDesignFactory() : DesignTimeFactory<PostgresNotificationsDbContext>(DatabaseProvider.Postgres, NotificationsDbContext.MigrationsTable);
