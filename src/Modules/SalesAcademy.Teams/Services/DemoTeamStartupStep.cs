using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Teams.Services;

/// <summary>
/// With <c>Portal:Setup:DemoData=true</c>: one cross-functional demo team and its six users, so a new site
/// can be tried out. Idempotent: what exists already is left alone. Runs after Accounts created the roles.
/// </summary>
internal sealed class DemoTeamStartupStep : IStartupStep
{
    public const string DemoTeamName = "铁三角示范团队 / Iron triangle demo team";
    public const string PasswordKey = "Portal:Setup:DemoPassword";
    private const string Actor = "demo-data";

    public static readonly (string Email, string DisplayName, string TeamRole, string PortalRole)[] People =
    [
        ("am@demo.local", "Demo account manager", "AccountManager", PortalRoles.Rep),
        ("sm@demo.local", "Demo solution manager", "SolutionManager", PortalRoles.Rep),
        ("dm@demo.local", "Demo delivery manager", "DeliveryManager", PortalRoles.Rep),
        ("lead@demo.local", "Demo team lead", "Lead", PortalRoles.TeamLead),
        ("rep1@demo.local", "Demo rep 1", "Rep", PortalRoles.Rep),
        ("rep2@demo.local", "Demo rep 2", "Rep", PortalRoles.Rep),
    ];

    public int Order => StartupStepOrder.Seed - 5;
    public string Name => "teams demo data";

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("Portal:Setup:DemoData", false)) return;
        // Never a built-in password: demo users could otherwise sign in on any site that turned demo data on.
        var password = configuration[PasswordKey];
        if (string.IsNullOrWhiteSpace(password))
            throw new InvalidOperationException($"Portal:Setup:DemoData is true but {PasswordKey} is not set; set it to the password the demo users should have.");

        var users = services.GetRequiredService<IUserDirectory>();
        var roster = services.GetRequiredService<TeamRoster>();
        var team = await roster.FindByNameAsync(DemoTeamName, cancellationToken)
            ?? Check((await roster.CreateAsync(DemoTeamName, "Account, solution and delivery manager with their lead and two reps.", Actor, cancellationToken)));
        var members = (await roster.MembersAsync([team.Id], cancellationToken))[team.Id].Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var created = 0;
        foreach (var (email, displayName, teamRole, portalRole) in People)
        {
            var user = await users.FindByEmailAsync(email, cancellationToken);
            if (user is null)
            {
                var (added, errors) = await users.CreateAsync(email, displayName, password, portalRole, cancellationToken);
                user = added ?? throw new InvalidOperationException($"Demo data: could not create {email} ({PasswordKey} may be too weak or common): "
                    + string.Join("; ", errors));
                created++;
            }
            if (members.Contains(user.Id)) continue;
            if (await roster.AddMemberAsync(team.Id, email, teamRole, Actor, cancellationToken) is { } error)
                throw new InvalidOperationException($"Demo data: could not add {email} to the demo team: {error}");
        }
        if (created > 0) services.GetRequiredService<ILogger<DemoTeamStartupStep>>().LogInformation("Demo data: created {Count} demo users", created);
    }

    private static Models.Team Check((Models.Team? Team, string? Error) result) =>
        result.Team ?? throw new InvalidOperationException($"Demo data: could not create the demo team: {result.Error}");

}
