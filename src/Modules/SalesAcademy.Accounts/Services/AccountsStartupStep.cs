using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Accounts.Services;

/// <summary>
/// At start: roles and new permission grants; and, when <c>Portal:Setup:AdminEmail</c> is configured on a
/// site not yet set up, the setup itself (then no /setup page is shown).
/// </summary>
internal sealed class AccountsStartupStep : IStartupStep
{
    public int Order => StartupStepOrder.Seed - 10;
    public string Name => "roles, permission grants and configured setup";

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var setup = services.GetRequiredService<SetupService>();
        await setup.EnsureRolesAndGrantsAsync(cancellationToken);
        var section = services.GetRequiredService<IConfiguration>().GetSection("Portal:Setup");
        if (string.IsNullOrWhiteSpace(section["AdminEmail"]) || await services.GetRequiredService<SiteSettingsStore>().IsSetUpAsync()) return;

        var request = new SetupRequest();
        section.Bind(request);
        request.SiteName = section["SiteName"] ?? services.GetRequiredService<IConfiguration>()["Portal:SiteName"] ?? request.SiteName;
        var errors = await setup.CompleteAsync(request, cancellationToken);
        if (errors.Count > 0)
            throw new InvalidOperationException("Portal:Setup in configuration is not valid: " +
                string.Join("; ", errors.Select(e => $"Portal:Setup:{e.Key}: {e.Value}")));
        services.GetRequiredService<ILogger<AccountsStartupStep>>().LogInformation("Site set up from configuration; administrator {Email}", request.AdminEmail);
    }
}
