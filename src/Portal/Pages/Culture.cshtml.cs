using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Localization;

namespace SalesAcademy.Portal.Pages;

/// <summary>POST /culture: remembers the reader's language in a cookie and goes back (antiforgery-checked).</summary>
public sealed class CultureModel : PageModel
{
    public IActionResult OnPost(string culture, string? returnUrl)
    {
        if (!PortalCultures.IsSupported(culture)) return BadRequest($"Unsupported culture '{culture}'; use zh-CN or en.");
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public IActionResult OnGet() => LocalRedirect("/");
}
