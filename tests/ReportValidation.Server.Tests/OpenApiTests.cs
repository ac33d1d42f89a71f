using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReportValidation.Server.Contract;
using ReportValidation.Server.Tests.Infrastructure;

namespace ReportValidation.Server.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_service_serves_the_generated_openapi_json()
    {
        using var host = new ServiceHost();
        using var http = host.Http();

        using var response = await http.GetAsync("/openapi.json");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OpenApiDocument.Text, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Every_message_is_typed_every_reference_resolves_and_enums_are_listed()
    {
        var document = JsonNode.Parse(OpenApiDocument.Text)!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var references = Descendants(document).OfType<JsonObject>().Where(o => o.ContainsKey("$ref"))
            .Select(o => o["$ref"]!.GetValue<string>()).Distinct().ToList();

        Assert.All(references.Where(r => r.StartsWith("#/components/schemas/", StringComparison.Ordinal)),
            r => Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..]), r));
        Assert.DoesNotContain(Descendants(document).OfType<JsonObject>(), o => o["additionalProperties"] is JsonValue { } v && v.GetValue<bool>());
        Assert.Equal(["PROFILE_UNSPECIFIED", "PROFILE_SUBMISSION", "PROFILE_AUDIT"],
            schemas["Profile"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var cell = schemas["Cell"]!["properties"]!.AsObject();
        Assert.Equal("int64", cell["integer"]!["allOf"]![0]!["format"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Report", schemas["ValidateReportRequest"]!["properties"]!["report"]!["$ref"]!.GetValue<string>());
        Assert.Contains("details", schemas["google.rpc.Status"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.True(schemas.ContainsKey("google.rpc.BadRequest.FieldViolation"));
    }

    [Fact]
    public void The_openapi_json_describes_exactly_the_mapped_json_routes()
    {
        using var host = new ServiceHost();
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m.ToUpperInvariant()} {e.RoutePattern.RawText}"))
            .Where(route => !route.StartsWith("OPTIONS ", StringComparison.Ordinal))
            .Order()
            .ToList();

        using var openApi = JsonDocument.Parse(OpenApiDocument.Text);
        var described = openApi.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order()
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.Equal(mapped, described);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
        {
            yield return child;
        }
    }
}
