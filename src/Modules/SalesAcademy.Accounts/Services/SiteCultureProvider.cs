using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace SalesAcademy.Accounts.Services;

/// <summary>The language chosen at setup, for readers with no language cookie and no matching Accept-Language.</summary>
internal sealed class SiteCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        await httpContext.RequestServices.GetRequiredService<SiteSettingsStore>().GetAsync() is { } settings
            ? new ProviderCultureResult(settings.DefaultCulture)
            : null;
}
