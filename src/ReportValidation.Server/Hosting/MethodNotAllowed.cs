using Microsoft.Net.Http.Headers;

namespace ReportValidation.Server.Hosting;

/// <summary>
/// 405 with an <c>Allow</c> header for a known path asked with another verb (GET on /v1/reports:validate).
/// Routing would answer that itself, but gRPC's catch-all for unimplemented services also matches such a
/// path and then declines it, which leaves an empty 404. Only fixed paths (no route parameters) are known here,
/// which is every route this service maps.
/// </summary>
public sealed class MethodNotAllowed(RequestDelegate next, EndpointDataSource endpoints)
{
    private Dictionary<string, string[]>? _allowed;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not null)
        {
            return next(context);
        }
        _allowed ??= AllowedMethods(endpoints);
        if (!_allowed.TryGetValue(context.Request.Path.Value ?? "", out var methods))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers[HeaderNames.Allow] = string.Join(", ", methods);
        return Task.CompletedTask;
    }

    private static Dictionary<string, string[]> AllowedMethods(EndpointDataSource endpoints) => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.RoutePattern.Parameters.Count == 0 && endpoint.RoutePattern.RawText is not null)
        .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            // OPTIONS is answered for CORS preflights only, not a verb of the resource.
            .Where(method => method != HttpMethods.Options)
            .Select(method => (Path: "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), Method: method)))
        .GroupBy(route => route.Path, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(group => group.Key, group => group.Select(route => route.Method).Distinct().Order().ToArray(), StringComparer.OrdinalIgnoreCase);
}
