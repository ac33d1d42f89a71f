using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReportValidation.Server.Tests.Infrastructure;

namespace ReportValidation.Server.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_turns_not_serving_once_shutdown_begins()
    {
        var host = new ServiceHost();
        // A channel of the test's own: the host's channels are disposed with the host, mid-read here.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(host.GrpcAddress);
        var health = new Health.HealthClient(channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        using var watch = health.Watch(new HealthCheckRequest());
        var seen = new List<HealthCheckResponse.Types.ServingStatus>();
        while (!seen.Contains(HealthCheckResponse.Types.ServingStatus.Serving) && await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            seen.Add(watch.ResponseStream.Current.Status);
        }

        var stopping = Task.Run(host.Dispose);
        while (await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            seen.Add(watch.ResponseStream.Current.Status);
        }
        await stopping;

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, seen[^1]);
    }

    [Fact]
    public async Task Readiness_does_not_depend_on_redis()
    {
        // Nothing listens on this port: Redis is configured but down from the start.
        using var host = ServiceHost.WithRedis($"127.0.0.1:{FreePort.Next()}");
        var health = new Health.HealthClient(host.Channel());

        var response = await host.Client().ValidateDocumentAsync(Documents.Request(Documents.Unique()));
        var status = await health.CheckAsync(new HealthCheckRequest());

        Assert.False(response.Cached);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status.Status);
    }
}
