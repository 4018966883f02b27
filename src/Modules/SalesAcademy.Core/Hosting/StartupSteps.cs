using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesAcademy.Core.Hosting;

/// <summary>Work that must finish before the portal serves: migrations, then seed imports.</summary>
public interface IStartupStep
{
    int Order { get; }
    string Name { get; }
    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}

public static class StartupStepOrder
{
    public const int Migrations = 100;
    public const int Seed = 1000;
}

public static class StartupStepExtensions
{
    public static IServiceCollection AddStartupStep(this IServiceCollection services, IStartupStep step) =>
        services.AddSingleton(step);

    /// <summary>Runs every module's steps up to <paramref name="maxOrder"/>, in order, each in its own scope.</summary>
    public static async Task RunStartupStepsAsync(this IServiceProvider services, int maxOrder = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SalesAcademy.Startup");
        foreach (var step in services.GetServices<IStartupStep>().Where(s => s.Order <= maxOrder).OrderBy(s => s.Order))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var scope = services.CreateAsyncScope();
            await step.RunAsync(scope.ServiceProvider, cancellationToken);
            logger.LogInformation("Startup step '{Step}' done in {Elapsed:0} ms", step.Name,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
