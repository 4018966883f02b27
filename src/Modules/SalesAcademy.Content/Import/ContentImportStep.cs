using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Content.Import;

/// <summary>Imports the content folder at start; problems are logged, never fatal.</summary>
internal sealed class ContentImportStep : IStartupStep
{
    public int Order => StartupStepOrder.Seed;
    public string Name => "import content folder";
    public bool NeedsOnlyMigrations => true;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<PortalOptions>().ContentDir;
        var logger = services.GetRequiredService<ILogger<ContentImportStep>>();
        if (!Directory.Exists(directory))
        {
            logger.LogInformation("No content folder at {Directory}; nothing imported", directory);
            return;
        }
        var report = await services.GetRequiredService<ContentImporter>().ImportAsync(directory, ct: cancellationToken);
        foreach (var line in report.Lines().Where(l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("conflict", StringComparison.Ordinal)))
            logger.LogWarning("Content import: {Line}", line);
        logger.LogInformation("Content import from {Directory}: {Summary}", directory, report.Summary);
    }
}
