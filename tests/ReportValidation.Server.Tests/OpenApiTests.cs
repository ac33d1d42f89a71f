using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReportValidation.Server.Tests.Infrastructure;

namespace ReportValidation.Server.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public void Checked_in_openapi_describes_exactly_the_mapped_json_routes()
    {
        using var host = new ServiceHost();
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m.ToUpperInvariant()} {e.RoutePattern.RawText}"))
            .Where(route => !route.StartsWith("OPTIONS ", StringComparison.Ordinal))
            .Order()
            .ToList();

        using var openApi = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.json")));
        var described = openApi.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order()
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.Equal(mapped, described);
    }
}
