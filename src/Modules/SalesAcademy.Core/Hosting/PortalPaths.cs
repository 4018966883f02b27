using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SalesAcademy.Core.Hosting;

/// <summary>
/// The <c>Portal</c> section as options (<see cref="PortalOptions"/>): bound, its folders made absolute, and checked at
/// start (<see cref="PortalOptionsValidation"/>: a data folder that cannot be written stops start-up, naming the key).
/// </summary>
public static class PortalPaths
{
    public static IServiceCollection AddPortalOptions(this IServiceCollection services)
    {
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section)
            .PostConfigure<IHostEnvironment, IConfiguration>((o, environment, configuration) =>
                ResolveIn(o, environment.ContentRootPath, configuration[Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey]))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PortalOptions>>().Value);
        return services;
    }

    /// <summary>
    /// The section as modules see it while they register their services (the database file and the key folder are
    /// decided then), bound and resolved as <see cref="AddPortalOptions"/> does; the services get the checked copy.
    /// </summary>
    public static PortalOptions Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        ResolveIn(options, environment.ContentRootPath, configuration[Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey]);
        return options;
    }

    private static void ResolveIn(PortalOptions options, string contentRoot, string? serverUrls)
    {
        options.DataDir = Path.GetFullPath(options.DataDir, contentRoot);
        options.SharedDir = string.IsNullOrWhiteSpace(options.SharedDir) ? options.DataDir : Path.GetFullPath(options.SharedDir, contentRoot);
        if (string.IsNullOrWhiteSpace(options.NodeName)) options.NodeName = DefaultNodeName(serverUrls);
        options.ContentDir = ResolveContentDir(options.ContentDir, contentRoot);
    }

    /// <summary>The machine name and the port of the first address the node listens on (<c>web1-5080</c>).</summary>
    internal static string DefaultNodeName(string? serverUrls)
    {
        var first = (serverUrls ?? PortalHostingExtensions.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? PortalHostingExtensions.DefaultUrl;
        var port = System.Text.RegularExpressions.Regex.Match(first, @":(\d+)/?$");
        return port.Success ? $"{Environment.MachineName}-{port.Groups[1].Value}" : Environment.MachineName;
    }

    // `dotnet run --project src/Portal` has src/Portal as its content root, while the seed content
    // lives at the repository root: a relative folder that is not under the content root is looked
    // for in the folders above it, up to the one holding SalesAcademy.sln.
    private static string ResolveContentDir(string configured, string contentRoot)
    {
        var direct = Path.GetFullPath(configured, contentRoot);
        if (Path.IsPathRooted(configured) || Directory.Exists(direct)) return direct;
        for (var dir = new DirectoryInfo(contentRoot).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (Directory.Exists(candidate)) return candidate;
            if (File.Exists(Path.Combine(dir.FullName, "SalesAcademy.sln"))) break;
        }
        return direct;
    }
}

/// <summary>Start-up stops on a data folder the portal cannot create or write, with a message naming <c>Portal:DataDir</c>.</summary>
internal sealed class PortalOptionsValidation : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
