using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Data;
using SalesAcademy.Testing;

namespace SalesAcademy.Audit.Tests;

/// <summary>
/// A private portal (reading needs signing in) whose requests come from <see cref="RemoteAddress"/>:
/// the in-memory test server has no socket, so it sets no client address of its own.
/// </summary>
public abstract class AuditPortal(DatabaseProvider provider) : PortalFixture(provider)
{
    public const string RemoteAddress = "203.0.113.7";

    protected override PortalFactory CreateFactory(TestDatabase database) => new AddressedPortalFactory(database);

    private sealed class AddressedPortalFactory(TestDatabase database) : PortalFactory(database, importContent: false, overrides: new Dictionary<string, string?>
    {
        ["Portal:Setup:AnonymousReading"] = "false",
        ["Accounts:SessionCheckSeconds"] = "0",
    })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFilter>());
        }
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Parse(RemoteAddress);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class SqliteAuditPortal() : AuditPortal(DatabaseProvider.Sqlite);

public sealed class PostgresAuditPortal() : AuditPortal(DatabaseProvider.Postgres);
