using Microsoft.AspNetCore.Identity;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// Identity's error texts without the user's input in them: the pages show an error by looking its text up in
/// the PO catalog, so the text must be one of a fixed set (never a typed name or address).
/// </summary>
public sealed class PortalIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "This user name is already taken.");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "This e-mail address is already in use.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Enter a valid user name.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Enter a valid e-mail address.");
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "This role already exists.");
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "Enter a valid role name.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
