using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Health;
using SalesAcademy.Core.Localization;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security.Keys;

namespace SalesAcademy.Core.Hosting;

public static class PortalHostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static readonly HashSet<string> AnsweredMethods = new(StringComparer.OrdinalIgnoreCase)
        { HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete };

    /// <summary>Registers the core services and every module, in dependency order.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder, params PortalModule[] modules)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.UseStaticWebAssets(); // theme and module assets outside Development too

        var catalog = new ModuleCatalog(modules);
        var portal = PortalPaths.Resolve(builder.Configuration, builder.Environment);
        var settings = new PortalSettings(builder.Configuration, builder.Environment, portal, DatabaseOptions.From(builder.Configuration, portal));

        var services = builder.Services;
        services.AddSingleton(catalog);
        services.AddPortalOptions();
        services.AddSingleton(settings.Database);
        services.AddSingleton<DatabaseWriteGate>();
        services.AddSingleton<SharedStateCache>();
        services.AddSingleton<ClusterSignal>(); // what other nodes change, heard at once (PostgreSQL LISTEN)
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSignal>());
        var links = new PortalLinks(portal, builder.Configuration[WebHostDefaults.ServerUrlsKey]);
        services.AddSingleton(links);
        // With a public address, requests for any other host are refused (400), so nothing can echo a forged Host.
        if (links.IsConfigured)
            services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts =
                [.. o.AllowedHosts.Where(h => h != "*"), links.BaseUrl.IdnHost, "localhost", "127.0.0.1", "[::1]"]);

        var assemblies = catalog.Modules.Select(m => m.GetType().Assembly).Prepend(typeof(PortalModule).Assembly).ToList();
        services.AddSingleton(new PoCatalog(assemblies));
        services.AddSingleton<PoStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(sp => sp.GetRequiredService<PoStringLocalizerFactory>());
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(PortalCultures.Chinese);
            o.SupportedCultures = o.SupportedUICultures = PortalCultures.Infos;
            o.FallBackToParentCultures = o.FallBackToParentUICultures = true;
        });

        services.AddPortalProblemDetails(); // every API error as one RFC 7807 problem shape
        var mvc = services.AddRazorPages().AddViewLocalization();
        // @T[...] encodes a key that has no translation (replaces the framework's factory, which writes it raw).
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Mvc.Localization.IHtmlLocalizerFactory, PoHtmlLocalizerFactory>());
        mvc.ConfigureApplicationPartManager(parts =>
        {
            foreach (var assembly in assemblies.Skip(1))
            {
                if (parts.ApplicationParts.All(p => p.Name != assembly.GetName().Name))
                    mvc.AddApplicationPart(assembly);
            }
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.DetailsToken) || o.DetailsToken.Length >= 32, "Health:DetailsToken must have at least 32 characters.")
            .ValidateOnStart();
        // Sign-in and antiforgery cookies and reset links are protected with keys every node reads from the database.
        services.AddPortalDataProtection(builder.Configuration, portal, settings.Database);
        services.AddMemoryCache();
        services.TryAddTransient(typeof(Data.OnDemand<>)); // a scoped service resolved when first used (a DbContext on a cache miss)
        services.AddAnonymousPageCache(); // library pages for anonymous readers, whole (a module names its policy)
        services.AddPortalSecurityHeaders();
        services.AddPortalRateLimits();
        // Chinese text is written as UTF-8, not as &#x...; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // The same for API JSON (served as application/json, never inside HTML).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        foreach (var module in catalog.Modules) module.ConfigureServices(services, settings);
        Security.ReusedFormTokens.Register(services); // a page's form token made once per antiforgery cookie and user
        services.TryAddScoped<Audit.IAuditLog, Audit.NullAuditLog>(); // no Audit module: nothing is recorded
        services.TryAddScoped<Notifications.IUserNotifications, Notifications.NullUserNotifications>(); // no Notifications module: none sent
        services.TryAddSingleton<Notifications.IPortalMail, Notifications.NullPortalMail>(); // no Accounts module: no e-mail
        services.TryAddScoped<Security.IUserDirectory, Security.EmptyUserDirectory>(); // no Accounts module: no users
        services.TryAddScoped<Learning.ITeamQuizProgress, Learning.NullTeamQuizProgress>(); // no Quizzes module: no quizzes
        services.TryAddScoped<Learning.ITeamContributions, Learning.NullTeamContributions>(); // no Content module: no contributions
        services.TryAddScoped<Scheduling.ITeamCycles, Scheduling.NoTeamCycles>(); // no Scheduling module: no cycles
        services.TryAddScoped<Improvement.IContentFollowUps, Improvement.ContentFollowUps>(); // no IContentFollowUpSource: no follow-ups
        services.TryAddScoped<Improvement.ICaseDrafts, Improvement.NoCaseDrafts>(); // no Case library: no case drafts
        services.TryAddScoped<Improvement.IWeakTopics, Improvement.NoWeakTopics>(); // no Insights module: no weak topics
        services.TryAddScoped<Insights.IRelatedContent, Insights.NoRelatedContent>(); // no Search module: nothing related
        services.TryAddScoped<Insights.IWeakQuestions, Insights.NoWeakQuestions>(); // no Quizzes module: no weak questions
        services.TryAddScoped<Scheduling.IOneOffRuns, Scheduling.NoOneOffRuns>(); // no Scheduling module: nothing runs once
        services.TryAddSingleton<Insights.IContentViews, Insights.NoContentViews>(); // no Insights module: views are not counted
        return builder;
    }

    /// <summary>
    /// Checks every setting bound with ValidateOnStart now, before start-up steps migrate or write anything (the host
    /// checks them only when it starts, after the steps): a bad value stops start-up with the message naming it.
    /// </summary>
    public static void ValidateSettings(this IServiceProvider services) =>
        services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();

    /// <summary>Runs startup steps (migrations, seed), then builds the request pipeline and endpoints.</summary>
    public static async Task<WebApplication> UsePortalAsync(this WebApplication app)
    {
        app.Services.ValidateSettings();
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        var portal = app.Services.GetRequiredService<PortalOptions>();
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        app.Logger.LogInformation("Modules, in load order: {Modules}", string.Join(", ", catalog.Modules.Select(m => m.Manifest.Id)));
        app.Logger.LogInformation("Database: {Provider}; data: {DataDir}; content: {ContentDir}", database.Provider, portal.DataDir, portal.ContentDir);

        // The steps run beside building the request pipeline and its endpoints (neither needs the other): on two cores a
        // warm start at 10,000 items waited for both, one after the other. The server starts only after the steps.
        var steps = Task.Run(() => app.Services.RunStartupStepsAsync(cancellationToken: app.Lifetime.ApplicationStopping));

        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error");
        app.UsePortalSecurityHeaders();
        // Only the methods the portal answers reach a page or an endpoint: TRACE, CONNECT and the like get 405 (ASVS 13.4.4).
        app.Use((context, next) =>
        {
            if (AnsweredMethods.Contains(context.Request.Method)) return next(context);
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        });
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UsePortalApiResponses(); // the API answers JSON, never a status page
        app.UseRequestLocalization();
        app.UseRouting();
        foreach (var module in catalog.Modules) module.Configure(app);
        app.UsePortalRateLimits(); // after authentication: limits count per account too
        app.UseOutputCache(); // after authorization: a stored page is served only to a request that may read it
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthJson.WriteAsync }).AllowAnonymous();
        foreach (var module in catalog.Modules) module.MapEndpoints(app);
        // Builds every endpoint now, beside the steps, instead of when the server starts: each data source of the app (the
        // pages' keep theirs). Not the global data source (what authorization and link generation read): read before the
        // server's start adds the app's sources to it, it rebuilt every endpoint at each one added (0.3 s at start).
        foreach (var source in ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)app).DataSources) _ = source.Endpoints;
        await steps;
        return app;
    }
}
