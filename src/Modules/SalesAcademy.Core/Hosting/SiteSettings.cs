namespace SalesAcademy.Core.Hosting;

/// <summary>What the site's administrators chose at setup; null until the site is set up.</summary>
public sealed record SiteInfo(string SiteName, string DefaultCulture, bool AnonymousReading);

/// <summary>The site settings, for the theme and other modules (the Accounts module stores them).</summary>
public interface ISiteSettings
{
    ValueTask<SiteInfo?> GetAsync();
}
