using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReportValidation.Server.Hosting;

/// <summary>
/// Ready between "started" and "stopping": load balancers and Kubernetes probes stop sending calls as
/// soon as shutdown begins, while in-flight calls finish. Redis is deliberately not part of readiness:
/// the service works without it, and one Redis outage must not take every replica out of rotation.
/// </summary>
public sealed class LifecycleHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("shutting down"));
        }
        return Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("starting"));
    }
}
