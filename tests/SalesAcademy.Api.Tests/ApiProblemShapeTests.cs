using System.Net;
using System.Text.Json;
using SalesAcademy.Testing;

namespace SalesAcademy.Api.Tests;

/// <summary>One error shape for every API: a bad query parameter gets the same problem from Search as from Content.</summary>
public sealed class ApiProblemShapeTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task A_bad_query_parameter_gets_the_same_problem_shape_from_the_search_and_the_content_api()
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var search = await client.GetAsync("/api/v1/search?q=CRM&page=0");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/content?page=0");
        request.Headers.Authorization = new("Bearer", TestUsers.AdminApiToken);
        var content = await client.SendAsync(request);

        var (searchBody, contentBody) = (await ShapeAsync(search), await ShapeAsync(content));
        Assert.Equal(contentBody.Properties, searchBody.Properties);
        Assert.Equal(["field", "message"], searchBody.ErrorProperties);
        Assert.Equal(contentBody.ErrorProperties, searchBody.ErrorProperties);
        Assert.Equal(contentBody.Title, searchBody.Title);
        Assert.Equal(("page", 400), (searchBody.FirstField, searchBody.Status));
    }

    private sealed record Shape(string[] Properties, string[] ErrorProperties, string? Title, int Status, string? FirstField);

    private static async Task<Shape> ShapeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var root = JsonDocument.Parse(text).RootElement;
        var errors = root.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        var first = errors.EnumerateArray().First();
        return new Shape(root.EnumerateObject().Select(p => p.Name).Order().ToArray(), first.EnumerateObject().Select(p => p.Name).Order().ToArray(),
            root.GetProperty("title").GetString(), root.GetProperty("status").GetInt32(), first.GetProperty("field").GetString());
    }
}
