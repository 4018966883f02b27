using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Accounts.Data;

/// <summary>Identity's tables plus permission grants, access tokens, sign-in sessions and site settings.</summary>
public abstract class AccountsDbContext(DbContextOptions options) : IdentityDbContext<PortalUser, IdentityRole, string>(options)
{
    public const string MigrationsTable = "__AccountsMigrations";

    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();
    public DbSet<KnownPermission> KnownPermissions => Set<KnownPermission>();
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<UserSession> Sessions => Set<UserSession>();

    /// <summary>Identity's table layout; version 3 adds AspNetUserPasskeys (WebAuthn). Identity reads it from its options.</summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.UsePortalConventions();

    // A saved user (disabled, new stamps, roles) or token may change what a token check answers: every node's remembered
    // checks are dropped after such a save (see TokenCheckCache), this node's at once, the others' when they hear it.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!TouchesTokenChecks()) return base.SaveChanges(acceptAllChangesOnSuccess);
        try { return ClusterSignal.WriteAndSend(this, Services.TokenCheckCache.Topic, () => base.SaveChanges(acceptAllChangesOnSuccess)); }
        finally { Services.TokenCheckCache.AccountsChanged(); }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!TouchesTokenChecks()) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        try
        {
            return await ClusterSignal.WriteAndSendAsync(this, Services.TokenCheckCache.Topic,
                () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
        }
        finally { Services.TokenCheckCache.AccountsChanged(); }
    }

    private bool TouchesTokenChecks() =>
        ChangeTracker.Entries().Any(e => e.State is EntityState.Modified or EntityState.Deleted && e.Entity is PortalUser or PersonalAccessToken);

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<PortalUser>(e => e.Property(u => u.DisplayName).HasMaxLength(100).IsRequired());
        model.Entity<RolePermission>(e =>
        {
            e.ToTable("RolePermissions");
            e.HasKey(p => new { p.Role, p.Permission });
            e.Property(p => p.Role).HasMaxLength(64);
            e.Property(p => p.Permission).HasMaxLength(64);
        });
        model.Entity<KnownPermission>(e =>
        {
            e.ToTable("KnownPermissions");
            e.HasKey(p => p.Name);
            e.Property(p => p.Name).HasMaxLength(64);
        });
        model.Entity<PersonalAccessToken>(e =>
        {
            e.ToTable("PersonalAccessTokens");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(32);
            e.Property(t => t.UserId).HasMaxLength(450).IsRequired();
            e.Property(t => t.Name).HasMaxLength(100).IsRequired();
            e.Property(t => t.Hash).HasMaxLength(64).IsRequired();
            e.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
        });
        model.Entity<UserSession>(e =>
        {
            e.ToTable("UserSessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(32);
            e.Property(s => s.UserId).HasMaxLength(450).IsRequired();
            e.Property(s => s.EndReason).HasMaxLength(32);
            e.Property(s => s.UserAgent).HasMaxLength(256).IsRequired();
            e.Property(s => s.IpAddress).HasMaxLength(64).IsRequired();
            e.HasIndex(s => new { s.UserId, s.EndedUtc });
        });
        model.Entity<SiteSettings>(e =>
        {
            e.ToTable("SiteSettings");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.SiteName).HasMaxLength(100).IsRequired();
            e.Property(s => s.DefaultCulture).HasMaxLength(16).IsRequired();
        });
    }
}

public sealed class SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options) : AccountsDbContext(options);

public sealed class PostgresAccountsDbContext(DbContextOptions<PostgresAccountsDbContext> options) : AccountsDbContext(options);

// `dotnet ef migrations add` creates these (one migration set per provider). Identity builds its tables from
// IdentityOptions found in the application's services, so the design-time context is given the same schema version.
internal sealed class SqliteAccountsDesignFactory : IDesignTimeDbContextFactory<SqliteAccountsDbContext>
{
    public SqliteAccountsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAccountsDbContext>();
        PortalDbContextRegistration.ConfigureSqlite(options, "Data Source=design.db", AccountsDbContext.MigrationsTable);
        return new SqliteAccountsDbContext(options.UseApplicationServiceProvider(AccountsDesignServices.Create()).Options);
    }
}

internal sealed class PostgresAccountsDesignFactory : IDesignTimeDbContextFactory<PostgresAccountsDbContext>
{
    public PostgresAccountsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresAccountsDbContext>();
        PortalDbContextRegistration.ConfigurePostgres(options, "Host=localhost;Database=design", AccountsDbContext.MigrationsTable);
        return new PostgresAccountsDbContext(options.UseApplicationServiceProvider(AccountsDesignServices.Create()).Options);
    }
}

internal static class AccountsDesignServices
{
    public static IServiceProvider Create() => new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = AccountsDbContext.IdentitySchema)
        .BuildServiceProvider();
}
