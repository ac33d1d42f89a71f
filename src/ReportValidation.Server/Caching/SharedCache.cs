using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using ReportValidation.Server.Telemetry;
using StackExchange.Redis;

namespace ReportValidation.Server.Caching;

/// <summary>
/// The Redis level, shared by every replica. A fault here never fails a call: a failed command opens a
/// breaker that bypasses Redis for <see cref="RedisOptions.RetryAfterMilliseconds"/>, then one call
/// tries again. The outage is logged when it starts and when it ends, not per call; each failure is
/// counted in the reportvalidation.redis.errors metric.
/// </summary>
public sealed partial class SharedCache : IDisposable
{
    private readonly IDistributedCache? _redis;
    private readonly RedisOptions _options;
    private readonly ServerTelemetry _telemetry;
    private readonly ILogger<SharedCache> _logger;
    private long _bypassUntil;   // Stopwatch timestamp; 0 when closed
    private int _down;           // 1 between the first failure of an outage and the next success

    public SharedCache(IOptions<RedisOptions> options, ServerTelemetry telemetry, ILogger<SharedCache> logger)
    {
        _options = options.Value;
        _telemetry = telemetry;
        _logger = logger;
        if (_options.IsConfigured)
        {
            _redis = new RedisCache(Options.Create(new RedisCacheOptions
            {
                ConfigurationOptions = FailFast(_options),
                InstanceName = _options.InstanceName,
            }));
        }
    }

    public bool IsEnabled => _redis is not null;

    /// <summary>The underlying cache, for tests that plant values under a key.</summary>
    internal IDistributedCache? Redis => _redis;

    /// <summary>
    /// StackExchange.Redis by default queues commands for seconds while disconnected and aborts when the
    /// first connect fails; here a disconnected Redis answers at once with an error instead.
    /// </summary>
    private static ConfigurationOptions FailFast(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = options.ConnectTimeoutMilliseconds;
        configuration.SyncTimeout = options.OperationTimeoutMilliseconds;
        configuration.AsyncTimeout = options.OperationTimeoutMilliseconds;
        configuration.ConnectRetry = 1;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(options.RetryAfterMilliseconds);
        return configuration;
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!Admits())
        {
            return null;
        }
        try
        {
            var value = await _redis!.GetAsync(key, cancellationToken).ConfigureAwait(false);
            Succeeded();
            return value;
        }
        catch (Exception exception) when (IsOutage(exception, cancellationToken))
        {
            Failed("get", exception);
            return null;
        }
        catch (RedisException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Redis answered, but not with our entry (e.g. WRONGTYPE: something else wrote the key).
            Succeeded();
            await GarbageAsync(key, exception.GetType().Name, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    public async Task SetAsync(string key, byte[] value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        if (!Admits())
        {
            return;
        }
        try
        {
            await _redis!.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive },
                cancellationToken).ConfigureAwait(false);
            Succeeded();
        }
        catch (Exception exception) when (IsOutage(exception, cancellationToken))
        {
            Failed("set", exception);
        }
        catch (RedisException exception) when (!cancellationToken.IsCancellationRequested)
        {
            _telemetry.RedisError("set");
            GarbageValue(_logger, key, exception.GetType().Name);
        }
    }

    /// <summary>
    /// A value under our key that is not ours counts as an error and is removed, so the fresh result can
    /// take its place; it does not open the breaker, since Redis itself is fine.
    /// </summary>
    public async Task GarbageAsync(string key, string what, CancellationToken cancellationToken)
    {
        _telemetry.RedisError("garbage");
        GarbageValue(_logger, key, what);
        try
        {
            await _redis!.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsOutage(exception, cancellationToken))
        {
            Failed("remove", exception);
        }
    }

    private static bool IsOutage(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        System.Net.Sockets.SocketException or IOException or ObjectDisposedException => true,
        RedisException => false,
        _ => true,
    };

    private bool Admits()
    {
        if (_redis is null)
        {
            return false;
        }
        var until = Volatile.Read(ref _bypassUntil);
        return until == 0 || Stopwatch.GetTimestamp() >= until;
    }

    private void Succeeded()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            Volatile.Write(ref _bypassUntil, 0);
            RedisBack(_logger);
        }
    }

    private void Failed(string operation, Exception exception)
    {
        _telemetry.RedisError(operation);
        Volatile.Write(ref _bypassUntil, Stopwatch.GetTimestamp() + Stopwatch.Frequency * _options.RetryAfterMilliseconds / 1000);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            RedisDown(_logger, _options.RetryAfterMilliseconds, exception.GetType().Name, exception.Message);
        }
    }

    public void Dispose() => (_redis as IDisposable)?.Dispose();

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "Redis is unavailable; validating without the shared cache and retrying every {RetryAfterMs} ms ({ErrorType}: {ErrorMessage})")]
    private static partial void RedisDown(ILogger logger, int retryAfterMs, string errorType, string errorMessage);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Redis is available again; the shared cache is back in use")]
    private static partial void RedisBack(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Redis held something other than a cached result under {CacheKey} ({What}); treated as a miss and replaced")]
    private static partial void GarbageValue(ILogger logger, string cacheKey, string what);
}
