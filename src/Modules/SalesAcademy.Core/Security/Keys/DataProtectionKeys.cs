using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Core.Security.Keys;

/// <summary>
/// The <c>DataProtection</c> section: the certificate (a PKCS#12 file and its password) that encrypts the keys at rest in the
/// database. Unset, the keys are stored unencrypted: anyone who can read the table can forge sign-in cookies.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A .pfx/.p12 file with the private key; every node needs the same one.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Earlier certificates (same file form, ';'-separated, password <see cref="CertificatePassword"/>), still able to decrypt keys they encrypted.</summary>
    public string? PreviousCertificatePaths { get; set; }
}

/// <summary>
/// The data-protection key ring (sign-in and antiforgery cookies, password-reset links) in the portal's database: every node
/// of a cluster reads the same keys, so a cookie or form token issued by one node is accepted by every other and after a
/// restart. One table, <c>DataProtectionKeys</c>, with its own migrations table.
/// </summary>
public abstract class DataProtectionKeysDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public const string MigrationsTable = "__DataProtectionMigrations";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model) =>
        model.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.FriendlyName).HasMaxLength(100);
        });
}

public sealed class SqliteDataProtectionKeysDbContext(DbContextOptions<SqliteDataProtectionKeysDbContext> options) : DataProtectionKeysDbContext(options);

public sealed class PostgresDataProtectionKeysDbContext(DbContextOptions<PostgresDataProtectionKeysDbContext> options) : DataProtectionKeysDbContext(options);

internal sealed class SqliteKeysDesignFactory() : DesignTimeFactory<SqliteDataProtectionKeysDbContext>(DatabaseProvider.Sqlite, DataProtectionKeysDbContext.MigrationsTable);

internal sealed class PostgresKeysDesignFactory() : DesignTimeFactory<PostgresDataProtectionKeysDbContext>(DatabaseProvider.Postgres, DataProtectionKeysDbContext.MigrationsTable);

public static class DataProtectionKeysRegistration
{
    public const string ApplicationName = "SalesAcademy";

    /// <summary>Data protection with its keys in the database, encrypted with the configured certificate when one is given.</summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, PortalOptions portal, DatabaseOptions database)
    {
        services.AddPortalDbContext<DataProtectionKeysDbContext, SqliteDataProtectionKeysDbContext, PostgresDataProtectionKeysDbContext>(database, DataProtectionKeysDbContext.MigrationsTable);
        services.AddStartupStep(new DataProtectionKeysStep(Path.Combine(portal.DataDir, "keys")));
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<DataProtectionKeysDbContext>()
            // AES-256-GCM for new keys (existing keys keep their own algorithm and still decrypt): every signed-in request
            // decrypts the sign-in cookie and the antiforgery cookie and encrypts a form token, and CBC + HMAC (the default
            // off Windows) spent about an eighth of a signed-in page's CPU in it.
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
        var options = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var current = Load(options.CertificatePath, options.CertificatePassword, "DataProtection:CertificatePath");
            var previous = (options.PreviousCertificatePaths ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => Load(p, options.CertificatePassword, "DataProtection:PreviousCertificatePaths"));
            builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        }
        return services;
    }

    private static X509Certificate2 Load(string path, string? password, string key)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password,
                X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException($"Setting {key}: '{path}' holds no private key; the keys could not be decrypted with it.");
            return certificate;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Setting {key}: '{path}' could not be read as a PKCS#12 certificate with DataProtection:CertificatePassword ({ex.Message}).", ex);
        }
    }
}

/// <summary>
/// After the migrations: brings in the keys a single node kept in <c>&lt;DataDir&gt;/keys</c> before they moved to the database
/// (signed-in users stay signed in across the upgrade), then makes sure the ring has a key — on PostgreSQL under an advisory lock,
/// so nodes starting together do not each make their own first key (a cookie from one would fail on the other until its ring
/// reloads).
/// </summary>
internal sealed class DataProtectionKeysStep(string legacyFolder) : IStartupStep
{
    private const long LockKey = 0x5341_4450_4B45_5953; // "SADPKEYS"

    public int Order => StartupStepOrder.Migrations + 1;
    public string Name => "data-protection keys";
    public bool NeedsOnlyMigrations => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DataProtectionKeysStep>();
        // A node starting while the database blips (restarting, under load) tries again rather than failing its start.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var db = services.GetRequiredService<DataProtectionKeysDbContext>();
                await using var held = await LockAsync(services.GetRequiredService<DatabaseOptions>(), cancellationToken);
                await ImportFolderAsync(db, logger, cancellationToken);
                // Resolves the key ring now (making the first key if there is none) while the lock is held.
                services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SalesAcademy.KeyCheck").Protect([1]);
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reading the data-protection keys failed (attempt {Attempt} of 5); trying again", attempt);
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), cancellationToken);
            }
        }
    }

    private static async Task<IAsyncDisposable?> LockAsync(DatabaseOptions database, CancellationToken ct)
    {
        if (database.Provider != DatabaseProvider.Postgres) return null;
        var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
            await command.ExecuteNonQueryAsync(ct);
        return connection; // closing the session releases the lock
    }

    private async Task ImportFolderAsync(DataProtectionKeysDbContext db, ILogger logger, CancellationToken ct)
    {
        if (!Directory.Exists(legacyFolder)) return;
        var known = (await db.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var file in Directory.EnumerateFiles(legacyFolder, "key-*.xml"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name)) continue;
            var xml = XElement.Load(file);
            if (xml.Name != "key") continue;
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = xml.ToString(SaveOptions.DisableFormatting) });
            added++;
        }
        if (added == 0) return;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Moved {Count} data-protection keys from {Folder} into the database", added, legacyFolder);
    }
}
