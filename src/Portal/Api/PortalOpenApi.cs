using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SalesAcademy.Core.Api;

namespace SalesAcademy.Portal.Api;

/// <summary>The OpenAPI document of every module's <c>/api/v1</c> endpoints, served at <c>/openapi/v1.json</c>.</summary>
public static class PortalOpenApi
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    private const string SchemeId = PortalApi.Scheme;

    public static IServiceCollection AddPortalOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        // Pages, assets and /health are not part of the API.
        options.ShouldInclude = description => description.RelativePath?.StartsWith(PortalApi.Prefix.TrimStart('/') + "/", StringComparison.Ordinal) == true;
        // JsonObject would read as an empty object: say what the fields are.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(System.Text.Json.Nodes.JsonObject))
            {
                schema.Description = "The item's front-matter fields as in content/README.md (slug, culture, title, summary, tags, owner, "
                    + "verifyEveryDays and the type's own fields such as company or stages), as JSON.";
                schema.AdditionalProperties = new OpenApiSchema();
            }
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SalesAcademy API",
                Version = "v1",
                Description = "Content (in the content-as-code format), users and teams. Authenticate every call with a personal access "
                    + "token from your profile page (/account/profile): `Authorization: Bearer sa_…`. The same permission checks as in the "
                    + "portal apply; anything the token's user may not see answers 404.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "sa_… personal access token",
                Description = "A personal access token created on /account/profile, sent as `Authorization: Bearer sa_…`.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, document)] = [] });
            return Task.CompletedTask;
        });
    });

    public static IEndpointConventionBuilder MapPortalOpenApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi(DocumentPath).AllowAnonymous();
}
