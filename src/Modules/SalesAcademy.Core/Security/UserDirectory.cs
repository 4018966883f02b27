namespace SalesAcademy.Core.Security;

/// <summary>A user as other modules may know them.</summary>
public sealed record DirectoryUser(string Id, string UserName, string Email, string DisplayName);

/// <summary>
/// What other modules may know about users, and the one way they may add one (demo data): display names by user
/// name, users by id or e-mail. The Accounts module implements it; without it no user is known.
/// </summary>
public interface IUserDirectory
{
    /// <summary>Display names of the users that exist among <paramref name="userNames"/> (one query); unknown names are left out.
    /// Keys compare case-insensitively, as user names do.</summary>
    Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default);

    /// <summary>The users among <paramref name="userIds"/> that exist, by id (one query).</summary>
    Task<IReadOnlyDictionary<string, DirectoryUser>> ByIdsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);

    Task<DirectoryUser?> FindByEmailAsync(string email, CancellationToken ct = default);

    /// <summary>
    /// Creates a confirmed user with a password and a portal role (the password rules apply); the errors say why not.
    /// </summary>
    Task<(DirectoryUser? User, IReadOnlyList<string> Errors)> CreateAsync(string email, string displayName, string password, string portalRole,
        CancellationToken ct = default);

    /// <summary>User names of the enabled users who hold <paramref name="permission"/> through a role (administrators hold every
    /// one), e.g. to tell the reviewers that something waits for them. None without an Accounts module.</summary>
    Task<IReadOnlyList<string>> UsersWithPermissionAsync(string permission, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

internal sealed class EmptyUserDirectory : IUserDirectory
{
    public Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    public Task<IReadOnlyDictionary<string, DirectoryUser>> ByIdsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, DirectoryUser>>(new Dictionary<string, DirectoryUser>(StringComparer.Ordinal));

    public Task<DirectoryUser?> FindByEmailAsync(string email, CancellationToken ct = default) => Task.FromResult<DirectoryUser?>(null);

    public Task<(DirectoryUser? User, IReadOnlyList<string> Errors)> CreateAsync(string email, string displayName, string password, string portalRole,
        CancellationToken ct = default) =>
        Task.FromResult<(DirectoryUser?, IReadOnlyList<string>)>((null, ["no Accounts module: users cannot be created"]));
}
