using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Accounts.Services;

/// <summary>The site settings row, cached; null until setup has run.</summary>
public sealed class SiteSettingsStore(IServiceScopeFactory scopes) : ISiteSettings
{
    async ValueTask<SiteInfo?> ISiteSettings.GetAsync() =>
        await GetAsync() is { } s ? new SiteInfo(s.SiteName, s.DefaultCulture, s.AnonymousReading) : null;

    private volatile SiteSettings? _settings;

    public async ValueTask<SiteSettings?> GetAsync()
    {
        if (_settings is { } cached) return cached;
        await using var scope = scopes.CreateAsyncScope();
        var settings = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().SiteSettings.AsNoTracking().SingleOrDefaultAsync();
        if (settings is not null) _settings = settings; // stays uncached until setup is done
        return settings;
    }

    public async ValueTask<bool> IsSetUpAsync() => await GetAsync() is not null;

    public void Invalidate() => _settings = null;
}
