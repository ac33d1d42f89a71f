using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReportValidation.Server.Hosting;
using ReportValidation.Server.Tests.Infrastructure;
using StackExchange.Redis;

namespace ReportValidation.Server.Tests;

/// <summary>The settings k8s/ relies on: a metrics port of its own, a Redis password from a Secret.</summary>
public sealed class DeploymentSettingsTests
{
    [Fact]
    public async Task Metrics_on_their_own_port_are_served_there_and_not_on_the_public_port()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Server:MetricsPort"] = FreePort.Next().ToString() });
        await host.Client().ValidateDocumentAsync(Documents.Request(Documents.Unique()));
        var metricsAddress = host.Services.GetRequiredService<ServerEndpoints>().MetricsAddress!;
        using var http = new HttpClient();

        var metrics = await http.GetStringAsync(new Uri(metricsAddress, "/metrics"));
        using var onPublicPort = await http.GetAsync(new Uri(host.HttpAddress, "/metrics"));

        Assert.Contains("reportvalidation_requests_total{", metrics);
        Assert.Equal(HttpStatusCode.NotFound, onPublicPort.StatusCode);
    }

    [Fact]
    public async Task A_redis_that_requires_a_password_is_used_with_the_password_setting()
    {
        using var redis = new RedisServer();
        const string password = "a-password-from-a-secret";
        using (var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},allowAdmin=true"))
        {
            await admin.GetServer(redis.Configuration).ExecuteAsync("CONFIG", "SET", "requirepass", password);
        }
        using var host = ServiceHost.WithRedis(redis.Configuration, new Dictionary<string, string?>
        {
            ["Redis:Password"] = password,
            ["Cache:MemoryLimitBytes"] = "0",
        });
        var text = Documents.Unique();

        await host.Client().ValidateDocumentAsync(Documents.Request(text));
        var second = await host.Client().ValidateDocumentAsync(Documents.Request(text));

        Assert.True(second.Cached);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 10);
    }
}
