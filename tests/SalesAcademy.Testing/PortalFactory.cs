using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Data;
using Xunit;

namespace SalesAcademy.Testing;

/// <summary>The whole portal in-process on a throwaway database, with the seed content imported at start.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;
    private readonly Dictionary<string, string?> settings;

    /// <param name="overrides">Settings that differ from <see cref="Settings"/> for this portal.</param>
    public PortalFactory(TestDatabase database, bool importContent = true, bool realSocket = false, IDictionary<string, string?>? overrides = null)
    {
        this.database = database;
        settings = Settings(database, importContent);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        // A real loopback socket, for the browser tests (TestServer has none).
        if (realSocket) UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public TestDatabase Database => database;

    /// <summary>PBKDF2 rounds of test portals' password hashes (see <see cref="ConfigureWebHost"/>).</summary>
    public const int TestPasswordRounds = 1000;

    /// <summary>The configuration a test portal runs with (the same keys an operator sets).</summary>
    public static Dictionary<string, string?> Settings(TestDatabase database, bool importContent, bool anonymousReading = true) => new()
    {
        ["Database:Provider"] = database.Provider.ToString(),
        ["ConnectionStrings:Portal"] = database.ConnectionString,
        ["Portal:DataDir"] = database.DataDirectory,
        ["Portal:ContentDir"] = TestPaths.SeedContent,
        ["Portal:ImportContentOnStart"] = importContent ? "true" : "false",
        ["Content:ChangePollSeconds"] = "0.2",
        ["Quizzes:StatisticsDelaySeconds"] = "0.1",
        // The site is set up from configuration (no /setup page); readers need not sign in unless a test says so.
        ["Portal:Setup:AdminEmail"] = TestUsers.AdminEmail,
        ["Portal:Setup:AdminPassword"] = TestUsers.AdminPassword,
        ["Portal:Setup:AdminApiToken"] = TestUsers.AdminApiToken,
        ["Portal:Setup:AnonymousReading"] = anonymousReading ? "true" : "false",
        ["Health:DetailsToken"] = TestUsers.HealthToken,

        // Tests sign in as administrators and trainers without a second factor; MFA tests turn enforcement on.
        ["Accounts:Mfa:RequiredForRoles:0"] = "",
        ["RateLimits:SignIn:PerAddress"] = "1000", ["RateLimits:SignIn:PerAccount"] = "1000",
        ["RateLimits:PasswordReset:PerAddress"] = "1000", ["RateLimits:PasswordReset:PerAccount"] = "1000",
        ["RateLimits:Search:PerAddress"] = "100000", ["RateLimits:Search:PerAccount"] = "100000",
        ["RateLimits:Token:PerAddress"] = "100000", ["RateLimits:Token:PerAccount"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        // Passwords are hashed with 1,000 PBKDF2 rounds here, not Identity's 100,000: every new user and every sign-in of the
        // suite hashes, and at 100,000 (60-300 ms each on a busy 2-core machine) that was minutes of the suite's CPU. The
        // format and the checks are the same; the portal outside tests keeps Identity's default.
        builder.ConfigureTestServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordRounds));
    }

    /// <summary>The base address of the real loopback socket (when created with realSocket).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }
}

/// <summary>An xunit class fixture: one portal (with seed content) per test class and provider.</summary>
public abstract class PortalFixture(DatabaseProvider provider, bool realSocket = false, IDictionary<string, string?>? overrides = null) : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = null!;
    public DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        // A portal with the default settings starts from a copy of one that already started once in this test process
        // (migrated, set up, seed content imported and indexed): the same state, without the seconds that a first start
        // spends. Fixtures with settings or services of their own start from an empty database.
        var seeded = overrides is null && !BuildsOwnFactory ? await SeededPortal.TemplateAsync(provider) : null;
        var database = await TestDatabase.CreateAsync(provider, seeded);
        Factory = CreateFactory(database);
        Factory.StartServer();
    }

    private bool BuildsOwnFactory =>
        GetType().GetMethod(nameof(CreateFactory), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .DeclaringType != typeof(PortalFixture);

    /// <summary>The portal on the fixture's database; a fixture overrides it for a portal with settings or services of its own.</summary>
    protected virtual PortalFactory CreateFactory(TestDatabase database) => new(database, importContent: true, realSocket, overrides);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Factory.Database.DisposeAsync();
    }
}

/// <summary>
/// The state a default test portal reaches at its first start, made once per provider: a portal starts on an empty
/// database, stops, and its database and data directory are the template later portals are copied from.
/// </summary>
/// <remarks>
/// Once per test process, or once per test run when <c>SALESACADEMY_TEST_TEMPLATES</c> names a folder (test.sh makes
/// one for the run and deletes it, with its PostgreSQL cluster, at the end): the first test process to need a template
/// makes it there under a file lock, and the others copy it. The suite's 16 test processes then start one template per
/// provider instead of 16; every process runs the same build, so the templates are the same.
/// </remarks>
internal static class SeededPortal
{
    public const string SharedVariable = "SALESACADEMY_TEST_TEMPLATES";

    private static readonly Dictionary<DatabaseProvider, Lazy<Task<TestDatabase>>> Templates = new()
    {
        [DatabaseProvider.Sqlite] = new(() => TemplateForAsync(DatabaseProvider.Sqlite)),
        [DatabaseProvider.Postgres] = new(() => TemplateForAsync(DatabaseProvider.Postgres)),
    };

    public static Task<TestDatabase> TemplateAsync(DatabaseProvider provider) => Templates[provider].Value;

    private static async Task<TestDatabase> TemplateForAsync(DatabaseProvider provider)
    {
        if (Environment.GetEnvironmentVariable(SharedVariable) is not { Length: > 0 } shared)
        {
            var own = await CreateAsync(provider);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => own.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return own;
        }

        Directory.CreateDirectory(shared);
        var folder = Path.Combine(shared, provider.ToString());
        var ready = Path.Combine(shared, provider + ".ready");
        // FileShare.None is an exclusive lock on the file (flock on Linux), released when the process ends however it ends.
        await using var held = await LockAsync(Path.Combine(shared, provider + ".lock"));
        if (File.Exists(ready)) return TestDatabase.Existing(provider, folder, await File.ReadAllTextAsync(ready) is { Length: > 0 } name ? name : null);

        // Made by this process: the folder and the database stay until the run's end (test.sh removes both).
        var database = await CreateAsync(provider);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); // left by a process that died making it
        Directory.Move(database.DataDirectory, folder);
        await File.WriteAllTextAsync(ready, database.PostgresName ?? "");
        return TestDatabase.Existing(provider, folder, database.PostgresName);
    }

    private static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var factory = new PortalFactory(database)) factory.StartServer();
        // Nothing may still hold the template open: SQLite checkpoints its WAL into the file on the last close, and
        // PostgreSQL copies a database only while nobody is connected to it.
        if (provider == DatabaseProvider.Sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        else Npgsql.NpgsqlConnection.ClearAllPools();
        return database;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(200); // another test process is making the template
            }
        }
    }
}

public sealed class SqlitePortal() : PortalFixture(DatabaseProvider.Sqlite);

public sealed class PostgresPortal() : PortalFixture(DatabaseProvider.Postgres);

/// <summary>A portal where reading needs signing in (the default for a new site) and sessions are re-checked on every request.</summary>
public abstract class PrivatePortal(DatabaseProvider provider) : PortalFixture(provider, overrides: new Dictionary<string, string?>
{
    ["Portal:Setup:AnonymousReading"] = "false",
    ["Accounts:SessionCheckSeconds"] = "0",
});

public sealed class SqlitePrivatePortal() : PrivatePortal(DatabaseProvider.Sqlite);

public sealed class PostgresPrivatePortal() : PrivatePortal(DatabaseProvider.Postgres);

/// <summary>A portal on a real loopback socket (SQLite), for Playwright.</summary>
public sealed class BrowserPortal() : PortalFixture(DatabaseProvider.Sqlite, realSocket: true);
