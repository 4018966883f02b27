using Microsoft.AspNetCore.Http;
using SalesAcademy.Core.Hosting;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;

namespace SalesAcademy.Accounts.Pages.Account;

/// <summary>Sends a reset link; the answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<PortalUser> users, PortalMailer mailer, PortalLinks links, PortalRateLimits limits, IAuditLog audit) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    public bool Sent { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if ((limits.TryAddress(PortalRateLimits.PasswordReset, HttpContext) ?? limits.TryAccount(PortalRateLimits.PasswordReset, Email)) is { } wait)
        {
            Errors[""] = "Too many attempts. Wait a few minutes and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is { Disabled: false, Email: not null })
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            // Never from the request: a forged Host header would send the victim's token to the forger.
            var link = links.Absolute($"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&token={token}");
            await mailer.SendAsync(user.Email, "SalesAcademy: reset your password / 重置密码",
                $"Open this link to choose a new password (valid for one day):\n打开以下链接设置新密码（一天内有效）：\n\n{link}\n\nIf you did not ask for this, ignore this message.\n如果不是你本人操作，请忽略此邮件。");
            await audit.RecordAsync("account.password.resetrequested", user.Email, actor: user.Email);
        }
        Sent = true;
        return Page();
    }
}
