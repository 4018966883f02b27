using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Localization;

namespace SalesAcademy.Accounts.Pages.Admin;

/// <summary>Site name, default language, anonymous reading; and where e-mail goes when no SMTP server is set.</summary>
[Authorize(Policy = "perm:" + AccountsPermissions.ManageSettings)]
public sealed class SettingsModel(AccountsDbContext db, SiteSettingsStore store, PortalMailer mailer, IAuditLog audit) : PageModel
{
    [BindProperty] public string SiteName { get; set; } = "";
    [BindProperty] public string DefaultCulture { get; set; } = PortalCultures.Chinese;
    [BindProperty] public bool AnonymousReading { get; set; }
    public Dictionary<string, string> Errors { get; } = [];
    public string? Message { get; private set; }
    public bool UsesPickupFolder => mailer.UsesPickupFolder;
    public string PickupDirectory => mailer.PickupDirectory;
    /// <summary>The newest messages in the pickup folder (name, size, time).</summary>
    public IReadOnlyList<FileInfo> RecentMail { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var settings = await db.SiteSettings.AsNoTracking().SingleAsync();
        (SiteName, DefaultCulture, AnonymousReading) = (settings.SiteName, settings.DefaultCulture, settings.AnonymousReading);
        LoadMail();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(SiteName) || SiteName.Length > 100) Errors[nameof(SiteName)] = "Enter a site name of at most 100 characters.";
        if (!PortalCultures.IsSupported(DefaultCulture)) Errors[nameof(DefaultCulture)] = "Choose zh-CN or en.";
        if (Errors.Count == 0)
        {
            var settings = await db.SiteSettings.SingleAsync();
            var before = $"{settings.SiteName}|{settings.DefaultCulture}|anonymous={settings.AnonymousReading}";
            (settings.SiteName, settings.DefaultCulture, settings.AnonymousReading) = (SiteName.Trim(), DefaultCulture, AnonymousReading);
            await db.SaveChangesAsync();
            store.Invalidate();
            await audit.RecordAsync("site.settings.changed", settings.SiteName, $"{before} -> {settings.SiteName}|{settings.DefaultCulture}|anonymous={settings.AnonymousReading}");
            Message = "The settings were saved.";
        }
        LoadMail();
        return Page();
    }

    private void LoadMail() => RecentMail = Directory.Exists(PickupDirectory)
        ? new DirectoryInfo(PickupDirectory).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(20).ToList()
        : [];
}
