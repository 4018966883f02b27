using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// The site settings row, cached (read again after <see cref="SharedStateCache.MaxAge"/> on PostgreSQL, where another node
/// may have changed it); null until setup has run.
/// </summary>
public sealed class SiteSettingsStore(IServiceScopeFactory scopes, SharedStateCache freshness) : ISiteSettings
{
    async ValueTask<SiteInfo?> ISiteSettings.GetAsync() =>
        await GetAsync() is { } s ? new SiteInfo(s.SiteName, s.DefaultCulture, s.AnonymousReading) : null;

    private volatile Loaded? _settings;

    private sealed record Loaded(SiteSettings Settings, long At);

    /// <summary>How old the settings this node holds are (null: none held), for /health.</summary>
    public TimeSpan? Age => _settings is { } loaded ? freshness.Age(loaded.At) : null;

    public async ValueTask<SiteSettings?> GetAsync()
    {
        if (_settings is { } cached && freshness.IsFresh(cached.At)) return cached.Settings;
        var at = freshness.Now;
        await using var scope = scopes.CreateAsyncScope();
        var settings = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().SiteSettings.AsNoTracking().SingleOrDefaultAsync();
        if (settings is not null) _settings = new Loaded(settings, at); // stays uncached until setup is done
        return settings;
    }

    public async ValueTask<bool> IsSetUpAsync() => await GetAsync() is not null;

    public void Invalidate() => _settings = null;
}
