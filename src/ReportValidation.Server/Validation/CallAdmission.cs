using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReportValidation.Server.Hosting;

namespace ReportValidation.Server.Validation;

/// <summary>
/// Concurrency and rate limits on validation calls. A call over a limit gets RESOURCE_EXHAUSTED (the
/// ASP.NET rate limiter's 503 would reach gRPC clients as UNAVAILABLE, which they retry at once).
/// Decided by <see cref="CallGate"/> before a message is read, so calls waiting in the queue hold no
/// bodies. Health and reflection are not limited.
/// </summary>
public sealed class CallAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _concurrency;
    private readonly TokenBucketRateLimiter? _rate;

    public CallAdmission(IOptions<LimitOptions> options)
    {
        var limits = options.Value;
        _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, limits.MaxConcurrentCalls),
            QueueLimit = Math.Max(0, limits.QueuedCalls),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        if (limits.CallsPerSecond > 0)
        {
            _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.CallsPerSecond,
                TokensPerPeriod = limits.CallsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }

    public async ValueTask<RateLimitLease> AdmitAsync(CancellationToken cancellationToken)
    {
        if (_rate is not null)
        {
            using var rate = _rate.AttemptAcquire();
            if (!rate.IsAcquired)
            {
                throw RequestErrors.Exhausted("rate_limit", "Too many calls per second; try again shortly.");
            }
        }
        var lease = await _concurrency.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw RequestErrors.Exhausted("concurrency_limit", "Too many calls at once; try again shortly.");
        }
        return lease;
    }

    public void Dispose()
    {
        _concurrency.Dispose();
        _rate?.Dispose();
    }
}
