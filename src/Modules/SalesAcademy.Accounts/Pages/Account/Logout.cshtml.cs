using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Core.Audit;

namespace SalesAcademy.Accounts.Pages.Account;

[Authorize]
public sealed class LogoutModel(SignInManager<PortalUser> signIn, IAuditLog audit) : PageModel
{
    public IActionResult OnGet() => Page(); // a confirmation button: signing out is a POST with antiforgery

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.RecordAsync("account.signout", User.Identity?.Name);
        await signIn.SignOutAsync();
        // The browser drops what it cached or stored for the signed-in user (ASVS 14.3.1).
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return Redirect("/");
    }
}
