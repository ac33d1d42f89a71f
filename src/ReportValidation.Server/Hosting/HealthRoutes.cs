using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReportValidation.Server.Hosting;

/// <summary>
/// Health for both kinds of prober: grpc.health.v1 for those that speak gRPC (Kubernetes gRPC probes), and
/// <c>/healthz</c> (liveness: the process answers) and <c>/readyz</c> (readiness: the same lifecycle check the
/// gRPC health status publishes; 503 while starting or stopping) for load balancers that only speak HTTP.
/// </summary>
public static class HealthRoutes
{
    public static IServiceCollection AddLifecycleHealth(this IServiceCollection services)
    {
        services.AddGrpcHealthChecks(health =>
            {
                health.Services.Map("", _ => true);
                health.Services.Map("reportvalidation.v1.ReportValidator", _ => true);
            })
            .AddCheck<LifecycleHealthCheck>("lifecycle");
        // Watch streams get results from the publisher: first soon after start, then every few seconds.
        // (Shutdown needs no publish: Watch calls end with NOT_SERVING as soon as stopping begins.)
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.FromMilliseconds(500);
            publisher.Period = TimeSpan.FromSeconds(5);
        });
        // The health check service logs every Unhealthy result as an error, but the only check is the
        // lifecycle: "starting" and "shutting down" are states, not failures, and the statuses say them.
        services.AddLogging(logging => logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical));
        return services;
    }

    public static WebApplication MapHealthRoutes(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz");
        return app;
    }
}
