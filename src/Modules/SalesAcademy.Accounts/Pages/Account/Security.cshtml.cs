using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Audit;

namespace SalesAcademy.Accounts.Pages.Account;

/// <summary>The user's second factors: the authenticator app, recovery codes and passkeys.</summary>
[Authorize]
public sealed class SecurityModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, MultiFactorPolicy policy, IAuditLog audit) : PageModel
{
    /// <summary>The fixed set of status messages (never text from the request).</summary>
    public enum Status { None, Disabled, CodesRenewed, PasskeyAdded, PasskeyRenamed, PasskeyRemoved }

    /// <summary>The fixed set of errors.</summary>
    public enum Problem { None, WrongCodeOrPassword, WrongCode, PasskeyFailed, NameInvalid }

    public PortalUser Me { get; private set; } = null!;
    public bool AuthenticatorEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public bool Required { get; private set; }
    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    [BindProperty(SupportsGet = true)] public Status Message { get; set; }
    public Problem Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>Turning the app off needs a current code or the password, so a left-open session cannot do it alone.</summary>
    public async Task<IActionResult> OnPostDisableAsync(string? code, string? password)
    {
        if (!await LoadAsync()) return NotFound();
        if (!AuthenticatorEnabled) return RedirectToPage();
        var proven = !string.IsNullOrWhiteSpace(code)
            ? await users.VerifyTwoFactorTokenAsync(Me, users.Options.Tokens.AuthenticatorTokenProvider, MultiFactorPolicy.NormalizeCode(code))
            : !string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(Me, password);
        if (!proven)
        {
            await audit.RecordAsync("account.mfa.failed", Me.Email, "disable: wrong code or password");
            Error = Problem.WrongCodeOrPassword;
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(Me, false);
        await users.ResetAuthenticatorKeyAsync(Me); // a later enrolment gets a new key
        await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, 0);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshSignInAsync(Me);
        await audit.RecordAsync("account.mfa.disabled", Me.Email, "authenticator app");
        return RedirectToPage(new { Message = Status.Disabled });
    }

    /// <summary>New recovery codes replace the old ones; they need a current code from the app.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync(string? code)
    {
        if (!await LoadAsync()) return NotFound();
        if (!AuthenticatorEnabled) return RedirectToPage();
        if (!await users.VerifyTwoFactorTokenAsync(Me, users.Options.Tokens.AuthenticatorTokenProvider, MultiFactorPolicy.NormalizeCode(code)))
        {
            Error = Problem.WrongCode;
            return Page();
        }
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, MultiFactorPolicy.RecoveryCodeCount))!.ToList();
        RecoveryCodesLeft = RecoveryCodes.Count;
        await audit.RecordAsync("account.mfa.recovery-codes.renewed", Me.Email);
        return Page();
    }

    /// <summary>WebAuthn creation options for navigator.credentials.create (fetched by passkeys.js with the antiforgery token).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var entity = new PasskeyUserEntity { Id = Me.Id, Name = Me.Email!, DisplayName = Me.DisplayName.Length > 0 ? Me.DisplayName : Me.Email! };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    public async Task<IActionResult> OnPostAddPasskeyAsync(string? credentialJson, string? name)
    {
        if (!await LoadAsync()) return NotFound();
        if (string.IsNullOrEmpty(credentialJson))
        {
            Error = Problem.PasskeyFailed;
            return Page();
        }
        var attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        if (!attestation.Succeeded || attestation.UserEntity.Id != Me.Id)
        {
            await audit.RecordAsync("account.passkey.failed", Me.Email, attestation.Failure?.Message);
            Error = Problem.PasskeyFailed;
            return Page();
        }
        var passkey = attestation.Passkey;
        passkey.Name = CleanName(name) ?? $"Passkey {DateTime.UtcNow:yyyy-MM-dd}";
        var result = await users.AddOrUpdatePasskeyAsync(Me, passkey);
        if (!result.Succeeded)
        {
            Error = Problem.PasskeyFailed;
            return Page();
        }
        await signIn.RefreshSignInAsync(Me); // the principal now says "has a second factor"
        await audit.RecordAsync("account.passkey.added", Me.Email, passkey.Name);
        return RedirectToPage(new { Message = Status.PasskeyAdded });
    }

    public async Task<IActionResult> OnPostRenamePasskeyAsync(string? id, string? name)
    {
        if (!await LoadAsync()) return NotFound();
        if (Find(id) is not { } passkey) return NotFound();
        if (CleanName(name) is not { } clean)
        {
            Error = Problem.NameInvalid;
            return Page();
        }
        passkey.Name = clean;
        await users.AddOrUpdatePasskeyAsync(Me, passkey);
        await audit.RecordAsync("account.passkey.renamed", Me.Email, clean);
        return RedirectToPage(new { Message = Status.PasskeyRenamed });
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string? id)
    {
        if (!await LoadAsync()) return NotFound();
        if (Find(id) is not { } passkey) return NotFound(); // not one of this user's passkeys
        await users.RemovePasskeyAsync(Me, passkey.CredentialId);
        await signIn.RefreshSignInAsync(Me);
        await audit.RecordAsync("account.passkey.removed", Me.Email, passkey.Name);
        return RedirectToPage(new { Message = Status.PasskeyRemoved });
    }

    public static string PasskeyId(UserPasskeyInfo passkey) => Convert.ToBase64String(passkey.CredentialId).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private UserPasskeyInfo? Find(string? id) => id is null ? null : Passkeys.FirstOrDefault(p => PasskeyId(p) == id);

    private static string? CleanName(string? name)
    {
        var clean = name?.Trim();
        return string.IsNullOrEmpty(clean) || clean.Length > 100 ? null : clean;
    }

    private async Task<bool> LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (await users.GetUserAsync(User) is not { } me) return false;
        Me = me;
        AuthenticatorEnabled = await users.GetTwoFactorEnabledAsync(me);
        RecoveryCodesLeft = AuthenticatorEnabled ? await users.CountRecoveryCodesAsync(me) : 0;
        Passkeys = users.SupportsUserPasskey ? (await users.GetPasskeysAsync(me)).OrderBy(p => p.CreatedAt).ToList() : [];
        Required = await policy.IsRequiredForAsync(users, me);
        return true;
    }
}
