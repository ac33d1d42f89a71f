using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using ReportValidation.Server.Telemetry;
using StackExchange.Redis;

namespace ReportValidation.Server.Caching;

/// <summary>
/// The Redis level, shared by every replica. A fault here never fails a call: a failed command (any
/// error, including one Redis answers with, such as OOM or READONLY on a write) opens a breaker that
/// bypasses Redis for <see cref="RedisOptions.RetryAfterMilliseconds"/>, then calls try again. The
/// outage is logged when it starts and when it ends, not per call; each failure is counted in the
/// reportvalidation.redis.errors metric. Only a value that is not ours is "garbage".
/// </summary>
public sealed partial class SharedCache : IDisposable
{
    private readonly IDistributedCache? _redis;
    private readonly RedisOptions _options;
    private readonly ServerTelemetry _telemetry;
    private readonly ILogger<SharedCache> _logger;
    private long _bypassUntil;   // Stopwatch timestamp; 0 when closed
    private int _failing;        // the Operation whose failure began the current outage; 0 when Redis is up

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
        if (!string.IsNullOrEmpty(options.Password))
        {
            configuration.Password = options.Password;
        }
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
            Succeeded(Operation.Read);
            return value;
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            // Redis is fine, but our key holds a value of another type (something else wrote it).
            Succeeded(Operation.Read);
            await GarbageAsync(key, "a value of another Redis type", cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (IsFault(exception, cancellationToken))
        {
            Failed(Operation.Read, "get", exception);
            return null;
        }
    }

    /// <summary>
    /// Stores a value. Any error is a fault of Redis, not of the value: an OOM under <c>noeviction</c>, a
    /// READONLY replica after a failover, a lost connection all open the breaker. Never fails the call.
    /// </summary>
    public async Task SetAsync(string key, byte[] value, TimeSpan timeToLive)
    {
        if (!Admits())
        {
            return;
        }
        try
        {
            // Not the call's token: the result is computed, and a write cut short by the caller's deadline
            // would only lose it for the next caller. The operation timeout bounds the wait.
            await _redis!.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive },
                CancellationToken.None).ConfigureAwait(false);
            Succeeded(Operation.Write);
        }
        catch (Exception exception)
        {
            Failed(Operation.Write, "set", exception);
        }
    }

    /// <summary>
    /// A value under our key that is not ours (its checksum or header fails, or it is of another type)
    /// counts as an error and is removed, so the fresh result can take its place; it does not open the
    /// breaker, since Redis itself is fine.
    /// </summary>
    public async Task GarbageAsync(string key, string what, CancellationToken cancellationToken)
    {
        _telemetry.RedisError("garbage");
        GarbageValue(_logger, key, what);
        try
        {
            await _redis!.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsFault(exception, cancellationToken))
        {
            Failed(Operation.Write, "remove", exception);
        }
    }

    // Everything but the caller's own cancellation is Redis failing us.
    private static bool IsFault(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private bool Admits()
    {
        if (_redis is null)
        {
            return false;
        }
        var until = Volatile.Read(ref _bypassUntil);
        return until == 0 || Stopwatch.GetTimestamp() >= until;
    }

    private enum Operation { Read = 1, Write = 2 }

    // An outage ends with a success of the kind that failed: reads that work while writes are refused
    // (a full Redis under noeviction, a read-only replica) do not end it, so it is logged once, not
    // once per call that hits and then fails to store.
    private void Succeeded(Operation operation)
    {
        var failing = Volatile.Read(ref _failing);
        if (failing != 0 && (operation == Operation.Write || failing == (int)Operation.Read)
            && Interlocked.CompareExchange(ref _failing, 0, failing) == failing)
        {
            Volatile.Write(ref _bypassUntil, 0);
            RedisBack(_logger);
        }
    }

    private void Failed(Operation operation, string command, Exception exception)
    {
        _telemetry.RedisError(command);
        Volatile.Write(ref _bypassUntil, Stopwatch.GetTimestamp() + Stopwatch.Frequency * _options.RetryAfterMilliseconds / 1000);
        if (Interlocked.CompareExchange(ref _failing, (int)operation, 0) == 0)
        {
            RedisDown(_logger, command, _options.RetryAfterMilliseconds, exception.GetType().Name, exception.Message);
        }
    }

    public void Dispose() => (_redis as IDisposable)?.Dispose();

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "Redis failed a {Command}; validating without the shared cache and retrying every {RetryAfterMs} ms until it works again ({ErrorType}: {ErrorMessage})")]
    private static partial void RedisDown(ILogger logger, string command, int retryAfterMs, string errorType, string errorMessage);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Redis is available again; the shared cache is back in use")]
    private static partial void RedisBack(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Redis held something other than a cached result under {CacheKey} ({What}); treated as a miss and replaced")]
    private static partial void GarbageValue(ILogger logger, string cacheKey, string what);
}
