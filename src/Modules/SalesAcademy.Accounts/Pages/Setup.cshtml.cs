using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;

namespace SalesAcademy.Accounts.Pages;

/// <summary>First run: the site's name and language and the first administrator.</summary>
[AllowAnonymous]
public sealed class SetupModel(SetupService setup, SiteSettingsStore settings, SignInManager<PortalUser> signIn, UserManager<PortalUser> users) : PageModel
{
    [BindProperty] public SetupRequest Input { get; set; } = new();
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    public Dictionary<string, string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await settings.IsSetUpAsync() ? Redirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await settings.IsSetUpAsync()) return Redirect("/");
        Input.AdminApiToken = null; // tokens are created on the profile page; only configuration sets one at setup
        if (Input.AdminPassword != ConfirmPassword) Errors[nameof(ConfirmPassword)] = "The two passwords differ.";
        else Errors = await setup.CompleteAsync(Input, HttpContext.RequestAborted);
        if (Errors.Count > 0) return Page();
        await signIn.SignInAsync((await users.FindByEmailAsync(Input.AdminEmail.Trim()))!, isPersistent: false);
        return Redirect("/");
    }
}
