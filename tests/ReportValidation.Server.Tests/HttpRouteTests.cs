using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReportValidation.Server.Tests.Infrastructure;

namespace ReportValidation.Server.Tests;

/// <summary>What HTTP-only callers (curl, load balancers) see besides the JSON API itself.</summary>
public sealed class HttpRouteTests
{
    [Theory]
    [InlineData("GET", "/v1/reports:validate", "POST")]
    [InlineData("PUT", "/v1/reports:validateStructured", "POST")]
    [InlineData("DELETE", "/v1/rules", "GET")]
    [InlineData("POST", "/openapi.json", "GET")]
    public async Task A_wrong_verb_is_405_with_the_allowed_ones_in_Allow(string verb, string path, string allowed)
    {
        using var host = new ServiceHost();
        using var http = host.Http();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(verb), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains(allowed, response.Content.Headers.Allow);
    }

    [Fact]
    public async Task An_unknown_path_stays_404()
    {
        using var host = new ServiceHost();
        using var http = host.Http();

        using var response = await http.GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_and_readyz_answer_200_while_serving_and_readyz_503_once_shutdown_begins_without_an_error_logged()
    {
        var host = new ServiceHost();
        using var http = host.Http();

        using var live = await http.GetAsync("/healthz");
        using var ready = await http.GetAsync("/readyz");
        // A stream in flight keeps the server draining; Kestrel refuses new connections once stopping
        // begins, so the routes are asked in-process then.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(host.GrpcAddress);
        using var batch = new V1.ReportValidator.ReportValidatorClient(channel).ValidateBatch();
        await batch.RequestStream.WriteAsync(Documents.BatchRequest(Documents.Unique()));
        Assert.True(await batch.ResponseStream.MoveNext(CancellationToken.None));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var disposing = Task.Run(host.Dispose);
        await Task.Run(() => lifetime.ApplicationStopping.WaitHandle.WaitOne());
        var readyWhileStopping = await Invoke(host, "/readyz");
        var liveWhileStopping = await Invoke(host, "/healthz");
        await batch.RequestStream.CompleteAsync();
        await disposing;

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, readyWhileStopping);
        Assert.Equal(StatusCodes.Status200OK, liveWhileStopping);
        // Not ready while stopping is a state, not a failure: no error is logged for it.
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private static async Task<int> Invoke(ServiceHost host, string path)
    {
        var endpoint = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == path);
        var context = new DefaultHttpContext { RequestServices = host.Services };
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        await endpoint.RequestDelegate!(context);
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task A_normal_start_and_stop_log_no_error()
    {
        var host = new ServiceHost();
        // Past the health publisher's first run (0.5 s after start), which used to log the lifecycle check.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using (var http = host.Http())
        {
            await http.GetAsync("/readyz");
        }
        host.Dispose();

        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
