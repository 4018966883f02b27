namespace SalesAcademy.Core.Security;

/// <summary>
/// What other modules may know about users: their display names, by user name (e-mail).
/// The Accounts module implements it; without it no user is known.
/// </summary>
public interface IUserDirectory
{
    /// <summary>Display names of the users that exist among <paramref name="userNames"/> (one query); unknown names are left out.
    /// Keys compare case-insensitively, as user names do.</summary>
    Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default);

    /// <summary>User names of the enabled users who hold <paramref name="permission"/> through a role (administrators hold every
    /// one), e.g. to tell the reviewers that something waits for them. None without an Accounts module.</summary>
    Task<IReadOnlyList<string>> UsersWithPermissionAsync(string permission, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

internal sealed class EmptyUserDirectory : IUserDirectory
{
    public Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
}
