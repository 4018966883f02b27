using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Scheduling.Data;
using SalesAcademy.Core.Security;
using SalesAcademy.Scheduling.Api;
using SalesAcademy.Scheduling.Jobs;
using SalesAcademy.Scheduling.Management;
using SalesAcademy.Scheduling.Services;

namespace SalesAcademy.Scheduling;

/// <summary>
/// Scheduled cycles (quiz rounds, verification sweeps, review reminders…) on Quartz.NET's persistent store: SQLite
/// (scheduler.db in the data folder) by default, the portal's PostgreSQL database, clustered, otherwise. Modules add
/// their cycle kinds with <see cref="CycleKindRegistration.AddCycleKind{T}"/>; this module runs them.
/// </summary>
public sealed class SchedulingModule : PortalModule
{
    public override ModuleManifest Manifest { get; } = new("scheduling", "Scheduling",
        "Cycles that open, remind and close on a cadence in each team's time zone, run once per fire time on Quartz.NET.", "teams");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<SchedulingDbContext, SqliteSchedulingDbContext, PostgresSchedulingDbContext>(settings.Database, SchedulingDbContext.MigrationsTable);
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<CycleZones>();
        services.AddScoped<CycleDispatcher>();
        services.AddScoped<Cycles>();
        services.AddSingleton<CycleDispatchTrigger>();
        services.AddScoped<ITeamCycles, TeamCycles>();
        services.AddScoped<IOneOffRuns, OneOffRuns>(); // a cycle run once for a team (assigning a recommendation)
        services.AddSingleton<IPermissionProvider, SchedulingPermissionProvider>();
        services.AddScoped<CycleAccess>();
        services.AddScoped<CycleBoard>();
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Scheduler", "/admin/scheduler", 60, PortalPolicies.For(SchedulingPermissions.Manage)));

        var configured = settings.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>();
        if (configured?.ClusterProbeHoldSeconds is not null)
        {
            services.AddCycleKind<Diagnostics.ClusterProbeKind>();
            services.AddNotificationKind(Diagnostics.ClusterProbeKind.NoticeKind, "Cluster probe");
        }
        var tick = TimeSpan.FromSeconds(configured?.TickSeconds ?? 30);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "SalesAcademy";
                // One id per node: the cluster tells nodes apart by it. Quartz's "AUTO" stayed the literal "AUTO" here (4.7.3
                // through AddQuartz), so two nodes shared one id and neither saw the other die; the id is made here instead.
                o.InstanceId = $"{Environment.MachineName}-{Environment.ProcessId}-{DateTime.UtcNow.Ticks}";
            });
            q.UsePersistentStore(store =>
            {
                if (settings.Database.Provider == DatabaseProvider.Sqlite)
                    store.UseSqlite(SqliteConnectionString(settings));
                else
                {
                    store.UsePostgres(settings.Database.ConnectionString);
                    var checkin = TimeSpan.FromSeconds(configured?.ClusterCheckinSeconds ?? 7.5);
                    store.UseClustering(c =>
                    {
                        c.Enabled = true;
                        c.CheckinInterval = checkin; // the grace before a silent node counts as dead stays Quartz's 7.5 s
                    });
                    store.ConfigureStore(o => o.AcquireTriggersWithinLock = true);
                }
                store.ProvisionSchema(); // an empty database gets Quartz's 4.x tables at start, no manual step
            });
            q.AddJob<CycleDispatchJob>(j => j.WithIdentity(CycleDispatchJob.Key).StoreDurably());
            // The tick's own misfires (downtime) are dropped: the next tick finds whatever is due, see CycleDispatcher.
            q.AddTrigger(t => t.ForJob(CycleDispatchJob.Key).WithIdentity(CycleDispatchJob.TickKey).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(tick).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddHostedService<PeriodicTaskScheduling>(); // every module's upkeep (IPeriodicTask) as a Quartz job
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCyclesApiV1();

    /// <summary>Quartz's SQLite file sits next to the portal's database (its own file: its lock rows never wait on the portal's writes).</summary>
    internal static string SqliteConnectionString(PortalSettings settings) =>
        $"Data Source={Path.Combine(settings.Portal.DataDir, "scheduler.db")};Pooling=true";
}

internal sealed class SchedulingOptionsValidation : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
