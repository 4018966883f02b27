using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.DrillSessions.Services;

/// <summary>Scoring's part of the module: the writer of ratings and results, and the history panels on profiles and team pages.</summary>
public static class DrillScoringSetup
{
    public static IServiceCollection AddDrillScoring(this IServiceCollection services)
    {
        services.AddScoped<DrillScoreBook>();
        // Rendered by Accounts' profile page and Teams' team page through Core's extension points; the component decides who sees what.
        services.AddSingleton(new ProfilePanel("DrillHistory", 20));
        services.AddSingleton(new TeamPanel("DrillHistory", 20));
        return services;
    }
}
