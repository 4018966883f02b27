using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Content;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Pulses.Api;
using SalesAcademy.Pulses.Cycles;
using SalesAcademy.Pulses.Data;
using SalesAcademy.Pulses.Models;
using SalesAcademy.Pulses.Services;

namespace SalesAcademy.Pulses;

/// <summary>
/// Team-health pulses: question packs as content, a "pulse" cycle kind, anonymous answers, results per dimension once
/// enough people answered, and each team's trend (/pulses, /api/v1/pulses).
/// </summary>
public sealed class PulsesModule : PortalModule
{
    public const string PackType = "PulsePack";
    public const string OpenNotice = "pulse.open";
    public const string ReminderNotice = "pulse.remind";

    public override ModuleManifest Manifest { get; } = new("pulses", "Pulses",
        "Team-health pulses: Likert packs as content, anonymous answers, results from three respondents, trends per dimension.",
        "accounts", "teams", "content");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<PulsesDbContext, SqlitePulsesDbContext, PostgresPulsesDbContext>(settings.Database, PulsesDbContext.MigrationsTable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PulseOptions>().BindConfiguration("Pulses")
            .Validate(o => o.MinRespondents >= PulseOptions.Floor, PulseOptions.MinRespondentsMessage)
            .Validate(o => o.DefaultOpenDays is >= 1 and <= 60, PulseOptions.OpenDaysMessage)
            .ValidateOnStart();
        services.AddScoped<PulseBook>();
        services.AddPeriodicTask<PulseCloser>(PulseCloser.Key, "Close pulses whose window has passed", PulseCloser.Interval);
        services.AddCycleKind<PulseKind>();
        services.AddInsightSource<Insights.PulseInsightSource>(); // pulse dimensions and answers for the insights run
        services.AddNotificationKind(OpenNotice, "A team-health pulse opens", needsAction: true);
        services.AddNotificationKind(ReminderNotice, "A reminder to answer a team-health pulse", needsAction: true);
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Team pulses", "/pulses", 6));
        services.AddSingleton(new ContentFieldLabels(PackType, new Dictionary<string, string>
        {
            ["dimensions"] = "Dimensions", ["key"] = "Key", ["zh"] = "Chinese text", ["en"] = "English text", ["statements"] = "Statements",
        }));
        // Packs are survey instruments, not knowledge: out of search, the libraries and "what's new" (only those who edit
        // any content read them there); teams meet them in their pulses, which read the pinned version themselves.
        services.AddContentType(new ContentTypeDefinition(PackType, "Pulse pack", "Pulse packs", "/pulses/packs", "pulse-packs", typeof(PulsePackPart))
            { ReadPermission = ContentPermissions.EditAny, Searchable = false });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPulsesApiV1();
}
