using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Caching.Memory;
using SalesAcademy.Core.Security;
using SalesAcademy.Search.Models;

namespace SalesAcademy.Search.Services;

/// <summary>
/// Which documents a reader may find: public (published) items, plus their own teams' data; readers who may
/// see every team's data (<c>teams.viewall</c>) see everything. Applied inside the query, so hidden documents
/// count in no total and no facet.
/// </summary>
public sealed class SearchVisibility(IAuthorizationService authorization, ITeamDirectory teams, IMemoryCache cache)
{
    public const string ViewAllTeamsPermission = "teams.viewall";

    public async Task<SearchAudience> AudienceAsync(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return SearchAudience.PublicOnly;
        if (await authorization.HasPermissionAsync(user, ViewAllTeamsPermission)) return SearchAudience.Everything;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(userId)) return SearchAudience.PublicOnly;
        // Team membership changes rarely; a short cache keeps it off every keystroke of the type-ahead.
        return (await cache.GetOrCreateAsync(("search-audience", userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            var audiences = new HashSet<string>(StringComparer.Ordinal) { SearchAudience.Public };
            foreach (var team in await teams.TeamsOfAsync(userId)) audiences.Add(SearchAudience.Team(team.TeamId));
            return new SearchAudience(audiences);
        }))!;
    }
}
