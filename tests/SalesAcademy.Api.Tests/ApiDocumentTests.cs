using System.Net;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace SalesAcademy.Api.Tests;

/// <summary>The OpenAPI document: public, valid, and describing every /api/v1 route with the token scheme.</summary>
public abstract partial class ApiAccessTests
{
    private static readonly string[] BodylessActions = ["/unpublish", "/submit", "/pause", "/resume", "/run-now", "/retry", "/refresh"];

    [Fact]
    public async Task The_OpenAPI_document_is_public_parses_and_describes_every_route_with_the_bearer_scheme()
    {
        var response = await portal.Factory.CreateClient().GetAsync("/openapi/v1.json"); // no token, no cookie
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var read = OpenApiDocument.Parse(text, "json");
        Assert.True(read.Diagnostic!.Errors.Count == 0, string.Join("\n", read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal("SalesAcademy API", read.Document!.Info.Title);

        var document = JsonNode.Parse(text)!;
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", (string)scheme["type"]!);
        Assert.Equal("bearer", (string)scheme["scheme"]!);
        Assert.Contains("/account/profile", (string)scheme["description"]!);
        Assert.Contains(document["security"]!.AsArray(), r => r!.AsObject().ContainsKey("Bearer"));

        var paths = document["paths"]!.AsObject();
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p.Key)); // pages, assets and /health are not API
        var routes = ApiRoutes();
        foreach (var (method, sample) in routes)
        {
            var path = sample.Replace("case-huawei-iron-triangle", "{id}").TrimEnd('/'); // a group's "" route reads "/api/v1/users/"
            var operation = paths[path]?[method.Method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {path} is not in the OpenAPI document: {string.Join(", ", paths.Select(p => p.Key))}");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{method} {path} has no summary");
            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("401"), $"{method} {path} does not document 401");
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            // Actions on a resource (unpublish, submit; a cycle's pause, resume, run-now, retry) take no body.
            if (method == HttpMethod.Post && !BodylessActions.Any(a => path.EndsWith(a, StringComparison.Ordinal)) || method == HttpMethod.Put)
                Assert.True(operation["requestBody"]?["content"]?["application/json"]?["schema"] is not null
                    || operation["requestBody"]?["content"]?["multipart/form-data"]?["schema"] is not null, $"{method} {path} has no JSON (or, for an upload, multipart) request body");
        }
        // Search follows the pages' reading rule (no 401 when anonymous reading is on); it is documented too.
        var tokenPaths = paths.Where(p => !p.Key.StartsWith("/api/v1/search", StringComparison.Ordinal)).ToList();
        Assert.Equal(routes.Count, tokenPaths.Sum(p => p.Value!.AsObject().Count(o => o.Key is "get" or "post" or "put" or "delete")));
        Assert.True(paths.ContainsKey("/api/v1/search") && paths.ContainsKey("/api/v1/search/suggest"), string.Join(", ", paths.Select(p => p.Key)));

        // Request and response schemas name their fields.
        var schemas = document["components"]!["schemas"]!;
        var create = paths["/api/v1/content"]!["post"]!;
        Assert.Equal("#/components/schemas/ContentCreateRequest", (string)create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal(["body", "fields", "id", "type"], schemas["ContentCreateRequest"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(["fields", "type"], schemas["ContentCreateRequest"]!["required"]!.AsArray().Select(r => (string)r!).Order());
        Assert.Contains("content/README.md", (string)schemas["JsonObject"]!["description"]!);
        foreach (var field in new[] { "id", "versionId", "number", "published", "latest", "author", "owner", "url", "fields", "body" })
            Assert.True(schemas["ContentDetail"]!["properties"]!.AsObject().ContainsKey(field), $"ContentDetail has no '{field}'");
        Assert.Contains("basedOnVersionId", schemas["ContentUpdateRequest"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("current", schemas["ContentConflictProblem"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("errors", schemas["HttpValidationProblemDetails"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.True(create["responses"]!.AsObject().ContainsKey("422"));
        Assert.True(paths["/api/v1/content/{id}"]!["put"]!["responses"]!.AsObject().ContainsKey("409"));
        Assert.Contains(paths["/api/v1/content"]!["get"]!["parameters"]!.AsArray(), p => (string)p!["name"]! == "pageSize");
        // GIFT import: the duplicates choice and the 409 that lists the questions already in the bank.
        var gift = paths["/api/v1/questions/import/gift"]!["post"]!;
        Assert.True(gift["responses"]!.AsObject().ContainsKey("409"));
        Assert.Contains("duplicates=skip", (string)gift["description"]!);
        Assert.Contains("duplicates", schemas["GiftImportRequest"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("duplicates", schemas["GiftDuplicatesProblem"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("existingId", schemas["GiftDuplicateQuestion"]!["properties"]!.AsObject().Select(p => p.Key));
    }
}
