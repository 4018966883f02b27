using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Accounts.Api;
using SalesAcademy.Accounts.Data;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security;

namespace SalesAcademy.Accounts;

/// <summary>Accounts, roles and permissions, sign-in, setup, access tokens and e-mail.</summary>
public sealed class AccountsModule : PortalModule
{
    public const string PortalScheme = "Portal";

    public override ModuleManifest Manifest { get; } = new("accounts", "Accounts", "Users, roles and named permissions, sign-in with lockout and throttling, first-run setup, personal access tokens, e-mail.");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<AccountsDbContext, SqliteAccountsDbContext, PostgresAccountsDbContext>(settings.Database, AccountsDbContext.MigrationsTable);
        services.AddIdentity<PortalUser, IdentityRole>(o =>
            {
                // NIST SP 800-63B: length and a common-password check instead of composition rules.
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.Stores.SchemaVersion = AccountsDbContext.IdentitySchema;
                o.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorProvider.ProviderName;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<PortalIdentityErrors>()
            .AddTokenProvider<OneTimeAuthenticatorProvider>(OneTimeAuthenticatorProvider.ProviderName)
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddConfiguredSetup();
        // In place of the store AddEntityFrameworkStores registered: recovery codes are stored hashed.
        services.AddScoped<IUserStore<PortalUser>, PortalUserStore>();
        services.TryAddSingleton(TimeProvider.System);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "SalesAcademy.Auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api")) context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            // Something the user may not see is "not found", so ids cannot be probed.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
            // Every request: the cookie's server-side session must still be open (sign-out, disabling and a new
            // password end it at once, on every node); then Identity's periodic security-stamp check.
            var checkStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
                var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                if (!await sessions.ValidateAsync(userId, UserSessions.IdOf(context.Principal), context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                // Identity's check builds a SignInManager and a UserManager for every request before it looks at the
                // interval (a tenth of a signed-in page's time): ask it only when the interval has passed.
                var stamps = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                var now = (stamps.TimeProvider ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>()).GetUtcNow();
                if (context.Properties.IssuedUtc is not { } issued || now - issued > stamps.ValidationInterval) await checkStamp(context);
            };
        });
        services.AddOptions<SignInSessionOptions>().BindConfiguration(SignInSessionOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.IdleTimeout <= o.AbsoluteTimeout, "Accounts:Sessions:IdleTimeout must not be longer than AbsoluteTimeout.")
            .ValidateOnStart();
        // The cookie lives no longer than the session it names.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SignInSessionOptions>>((o, sessions) => o.ExpireTimeSpan = sessions.Value.AbsoluteTimeout);
        // After the cookie handler's own post-configuration (registered with Identity, above) has made the cookie's format.
        services.AddSingleton<SignInTicketCache>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<SignInTicketCache>((o, tickets) => o.TicketDataFormat = tickets.Wrap(o.TicketDataFormat
                ?? throw new InvalidOperationException("The sign-in cookie has no format yet: Identity's cookie must be configured first.")));
        // Role changes reach open sessions at the next security-stamp check (Accounts:SessionCheckSeconds, 60);
        // the re-issued cookie keeps its session id and how the user signed in.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(settings.Configuration.GetValue("Accounts:SessionCheckSeconds", 60.0));
            o.OnRefreshingPrincipal = context =>
            {
                var identity = context.NewPrincipal?.Identities.FirstOrDefault();
                if (identity is null || context.CurrentPrincipal is null) return Task.CompletedTask;
                foreach (var claim in context.CurrentPrincipal.Claims.Where(c => c.Type is UserSessions.ClaimType or "amr" or ClaimTypes.AuthenticationMethod))
                {
                    if (!identity.HasClaim(claim.Type, claim.Value)) identity.AddClaim(new Claim(claim.Type, claim.Value));
                }
                return Task.CompletedTask;
            };
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = o.DefaultAuthenticateScheme = o.DefaultChallengeScheme = o.DefaultForbidScheme = PortalScheme;
            })
            .AddPolicyScheme(PortalScheme, "Cookie or access token", o => o.ForwardDefaultSelector = context =>
                IsBearer(context) ? AccessTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, null);

        // Anything without its own policy (including unknown addresses) is as open as published content:
        // signed-in users, or everyone when the site allows anonymous reading.
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new ReadContentRequirement()).Build());
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationHandler, ReadContentHandler>();
        services.AddSingleton<IPermissionProvider, AccountsPermissionProvider>();
        services.AddSingleton<PermissionCatalog>();
        services.AddSingleton<PermissionGrants>();
        services.AddSingleton<SiteSettingsStore>();
        services.AddHealthChecks().AddCheck<SharedStateHealthCheck>("caches");
        services.AddSingleton<ISiteSettings>(sp => sp.GetRequiredService<SiteSettingsStore>());
        // After the cookie and Accept-Language: the site's own default language.
        services.Configure<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>(o => o.RequestCultureProviders.Add(new SiteCultureProvider()));
        // Mail that leaves the machine carries links: they need the public address, not the request's Host header.
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .Validate<PortalLinks>((mail, links) => string.IsNullOrWhiteSpace(mail.Host) || links.IsConfigured,
                "Mail:Host is set, so e-mail leaves this machine: set Portal:PublicUrl (e.g. https://academy.example.com) for the links in it.")
            .ValidateOnStart();
        services.AddSingleton<PortalMailer>();
        services.AddSingleton<SalesAcademy.Core.Notifications.IPortalMail>(sp => sp.GetRequiredService<PortalMailer>());
        services.AddOptions<MfaOptions>().BindConfiguration(MfaOptions.Section)
            .Validate(o => o.Roles.All(PortalRoles.All.Contains), $"{MfaOptions.Section}:RequiredForRoles names a role that does not exist (known: {string.Join(", ", PortalRoles.All)}).")
            .ValidateOnStart();
        services.AddSingleton<MultiFactorPolicy>();
        services.AddScoped<AccessTokens>();
        services.AddOptions<AccessTokenOptions>().BindConfiguration(AccessTokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenCheckCache>();
        services.AddScoped<UserSessions>();
        services.AddSingleton<OpenSessionCache>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<SetupService>();
        services.AddStartupStep(new AccountsStartupStep());
        services.AddSingleton(new NavigationItem(NavigationArea.Anonymous, "Sign in", "/account/login"));
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Your profile", "/account/profile", 10));
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Sign-in security", "/account/security", 20));
        services.AddSingleton(new NavigationItem(NavigationArea.Account, "Sign out", "/account/logout", 100));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Users", "/admin/users", 10, PortalPolicies.For(AccountsPermissions.ManageUsers)));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Permissions", "/admin/permissions", 20, PortalPolicies.For(AccountsPermissions.ManagePermissions)));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Site settings", "/admin/settings", 90, PortalPolicies.For(AccountsPermissions.ManageSettings)));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapUsersApiV1();

    public override void Configure(IApplicationBuilder app)
    {
        app.UseAuthentication();
        // Until the site is set up, every page leads to /setup.
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (!SetupExempt(path) && !await context.RequestServices.GetRequiredService<SiteSettingsStore>().IsSetUpAsync())
            {
                context.Response.Redirect("/setup");
                return;
            }
            await next(context);
        });
        // A user whose role requires a second factor and who has none can only enrol (or sign out) until they do.
        // Only the sign-in cookie is gated: API access tokens are created by a user who was already let in.
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true && !IsBearer(context)
                && !user.HasClaim(c => c.Type == MultiFactorPolicy.EnrolledClaim)
                && !MultiFactorPolicy.EnrolmentExempt(context.Request.Path)
                && context.RequestServices.GetRequiredService<MultiFactorPolicy>().IsRequiredFor(user))
            {
                if (context.Request.Path.StartsWithSegments("/api")) context.Response.StatusCode = StatusCodes.Status403Forbidden;
                // htmx fragments (header counters) stay empty instead of swapping the enrolment page in.
                else if (context.Request.IsHtmx()) context.Response.StatusCode = StatusCodes.Status204NoContent;
                else context.Response.Redirect(MultiFactorPolicy.EnrolmentPath);
                return;
            }
            await next(context);
        });
        app.UseAuthorization();
    }

    private static bool IsBearer(HttpContext context) => PortalApi.HasBearerToken(context.Request);

    private static bool SetupExempt(PathString path) =>
        path.StartsWithSegments("/setup") || path.StartsWithSegments("/health") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/culture") || path.StartsWithSegments("/not-found") || path.StartsWithSegments("/error")
        || path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");
}
