using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Accounts.Pages.Account;

/// <summary>Sends a reset link; the answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<PortalUser> users, PortalMailer mailer, PortalLinks links, SignInThrottle throttle, IAuditLog audit) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    public bool Sent { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!throttle.TryAttempt(HttpContext))
        {
            Errors[""] = "Too many attempts from your address. Wait a minute and try again.";
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is { Disabled: false, Email: not null })
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            // Never from the request: a forged Host header would send the victim's token to the forger.
            var link = links.Absolute($"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&token={token}");
            await mailer.SendAsync(user.Email, "SalesAcademy: reset your password / 重置密码",
                $"Open this link to choose a new password (valid for one day):\n打开以下链接设置新密码（一天内有效）：\n\n{link}\n\nIf you did not ask for this, ignore this message.\n如果不是您本人操作，请忽略此邮件。");
            await audit.RecordAsync("account.password.resetrequested", user.Email, actor: user.Email);
        }
        Sent = true;
        return Page();
    }
}
