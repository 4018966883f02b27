using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SalesAcademy.Core.Hosting;

/// <summary>Resolves the portal's folders once, at start.</summary>
public static class PortalPaths
{
    public static PortalOptions Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = new PortalOptions();
        configuration.GetSection(PortalOptions.Section).Bind(options);
        options.DataDir = Path.GetFullPath(options.DataDir, environment.ContentRootPath);
        options.ContentDir = ResolveContentDir(options.ContentDir, environment.ContentRootPath);
        Directory.CreateDirectory(options.DataDir);
        return options;
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
