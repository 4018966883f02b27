using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Core.Localization;

namespace SalesAcademy.Portal.Pages;

/// <summary>
/// GET /culture?culture=en&amp;returnUrl=/cases: remembers the reader's language in a cookie and goes back.
/// A preference, not a change of data: a link (no form, no antiforgery token on every page).
/// </summary>
[AllowAnonymous]
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        if (culture is null) return LocalRedirect("/");
        if (!PortalCultures.IsSupported(culture)) return BadRequest("Unsupported culture; use zh-CN or en."); // the input is not echoed back
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

}
