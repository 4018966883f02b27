using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
        var request = services.GetRequiredService<IOptions<SetupRequest>>().Value; // checked at start (ConfiguredSetupValidation)
        if (string.IsNullOrWhiteSpace(request.AdminEmail) || await services.GetRequiredService<SiteSettingsStore>().IsSetUpAsync()) return;

        var errors = await setup.CompleteAsync(request, cancellationToken);
        if (errors.Count > 0)
            throw new InvalidOperationException("Portal:Setup in configuration is not valid: " +
                string.Join("; ", errors.Select(e => $"Portal:Setup:{e.Key}: {e.Value}")));
        services.GetRequiredService<ILogger<AccountsStartupStep>>().LogInformation("Site set up from configuration; administrator {Email}", request.AdminEmail);
    }
}

/// <summary>
/// <c>Portal:Setup</c> as options: bound at start (the site name falls back to <c>Portal:SiteName</c>) and, when an
/// administrator is configured, checked before anything runs; a bad value stops start-up naming its key.
/// </summary>
public static class ConfiguredSetup
{
    public static IServiceCollection AddConfiguredSetup(this IServiceCollection services)
    {
        services.AddOptions<SetupRequest>().BindConfiguration(SetupRequest.Section)
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                if (configuration[$"{SetupRequest.Section}:{nameof(SetupRequest.SiteName)}"] is null && configuration["Portal:SiteName"] is { } name) o.SiteName = name;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SetupRequest>, ConfiguredSetupValidation>();
        return services;
    }
}

internal sealed class ConfiguredSetupValidation(IOptions<IdentityOptions> identity) : IValidateOptions<SetupRequest>
{
    public ValidateOptionsResult Validate(string? name, SetupRequest setup)
    {
        if (string.IsNullOrWhiteSpace(setup.AdminEmail)) return ValidateOptionsResult.Success; // set up on /setup instead
        var problems = setup.Problems().Select(p => $"Setting {SetupRequest.Section}:{p.Key}: {p.Value}").ToList();
        if (!MailAddress.TryCreate(setup.AdminEmail.Trim(), out _))
            problems.Add($"Setting {SetupRequest.Section}:AdminEmail is '{setup.AdminEmail}', which is not an e-mail address.");
        var least = identity.Value.Password.RequiredLength;
        if (setup.AdminPassword.Length < least)
            problems.Add($"Setting {SetupRequest.Section}:AdminPassword must have at least {least} characters; it has {setup.AdminPassword.Length}.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
