using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ReportValidation.Server.Telemetry;
using ReportValidation.V1;

namespace ReportValidation.Server.Caching;

/// <summary>Where a response came from.</summary>
public enum CacheSource
{
    /// <summary>This call ran the engine.</summary>
    Computed,
    /// <summary>Another call in this process was computing the same key; this one waited for it.</summary>
    Coalesced,
    Memory,
    Redis,
}

/// <summary>
/// Validation results by content hash, in two levels: this process's memory, then Redis (shared by
/// replicas). A key is computed at most once at a time per process: concurrent calls for the same new
/// key wait for the first one instead of all running the engine (no stampede).
/// </summary>
public sealed class ResponseCache : IDisposable
{
    // The value format (StoredResult) is part of the Redis key, so replicas of two versions sharing one Redis during a
    // rollout each keep their own entries instead of taking each other's for garbage.
    private const string StorageFormat = "v2";

    private readonly CacheOptions _options;
    private readonly SharedCache _shared;
    private readonly ServerTelemetry _telemetry;
    private readonly MemoryCache? _memory;
    private readonly ConcurrentDictionary<ContentHash, Task<EncodedResult>> _inFlight = new();

    public ResponseCache(IOptions<CacheOptions> options, SharedCache shared, ServerTelemetry telemetry)
    {
        _options = options.Value;
        _shared = shared;
        _telemetry = telemetry;
        if (_options.Enabled && _options.MemoryLimitBytes > 0)
        {
            _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MemoryLimitBytes });
        }
    }

    private TimeSpan TimeToLive => TimeSpan.FromSeconds(_options.TimeToLiveSeconds);

    /// <summary>The in-process level alone, answered at once: a hit needs no budget, no task and no engine.</summary>
    public bool TryRemembered(ContentHash key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EncodedResult? result)
    {
        result = null;
        if (_memory is null || !_memory.TryGetValue(key, out result) || result is null)
        {
            return false;
        }
        _telemetry.CacheHit("memory");
        return true;
    }

    public async ValueTask<(EncodedResult Result, CacheSource Source)> GetOrComputeAsync(ContentHash key,
        Func<CancellationToken, ValueTask<EncodedResult>> compute, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            _telemetry.CacheMiss();
            return (await compute(cancellationToken).ConfigureAwait(false), CacheSource.Computed);
        }
        if (TryRemembered(key, out var remembered))
        {
            return (remembered, CacheSource.Memory);
        }
        while (true)
        {
            var mine = new TaskCompletionSource<EncodedResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = _inFlight.GetOrAdd(key, mine.Task);
            if (running != mine.Task)
            {
                try
                {
                    var shared = await running.WaitAsync(cancellationToken).ConfigureAwait(false);
                    return (shared, CacheSource.Coalesced);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The call that was computing ran out of time; this one still has some: go again.
                    continue;
                }
            }
            try
            {
                // The call that computed it may have finished between the first look and GetOrAdd: it
                // remembers the result before it leaves _inFlight, so a second look finds it.
                if (TryRemembered(key, out remembered))
                {
                    mine.SetResult(remembered);
                    return (remembered, CacheSource.Memory);
                }
                var (result, source) = await LoadOrComputeAsync(key, compute, cancellationToken).ConfigureAwait(false);
                mine.SetResult(result);
                return (result, source);
            }
            catch (Exception exception)
            {
                mine.SetException(exception);
                _ = mine.Task.Exception; // observed: waiters may all have gone
                throw;
            }
            finally
            {
                _inFlight.TryRemove(new KeyValuePair<ContentHash, Task<EncodedResult>>(key, mine.Task));
            }
        }
    }

    private async Task<(EncodedResult, CacheSource)> LoadOrComputeAsync(ContentHash key,
        Func<CancellationToken, ValueTask<EncodedResult>> compute, CancellationToken cancellationToken)
    {
        var redisKey = StorageKey(key.Hex);
        if (_shared.IsEnabled)
        {
            using var lookup = ServerTelemetry.Source.StartActivity("cache.redis.get");
            var stored = await _shared.GetAsync(redisKey, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                if (StoredResult.TryRead(stored, key, out var encoding))
                {
                    lookup?.SetTag("cache.hit", true);
                    _telemetry.CacheHit("redis");
                    var encoded = EncodedResult.FromEncoding(encoding);
                    Remember(key, encoded, stored.Length);
                    return (encoded, CacheSource.Redis);
                }
                await _shared.GarbageAsync(redisKey, "not a cached result", cancellationToken).ConfigureAwait(false);
            }
            lookup?.SetTag("cache.hit", false);
        }
        _telemetry.CacheMiss();
        var computed = await compute(cancellationToken).ConfigureAwait(false);
        var value = Sealed(key, computed);
        if (value.Length <= _options.MaxEntryBytes)
        {
            Remember(key, computed, value.Length);
            if (_shared.IsEnabled)
            {
                using var store = ServerTelemetry.Source.StartActivity("cache.redis.set");
                await _shared.SetAsync(redisKey, value, TimeToLive).ConfigureAwait(false);
            }
        }
        return (computed, CacheSource.Computed);
    }

    /// <summary>Where the value for a content hash lives in Redis (after the configured instance prefix).</summary>
    public static string StorageKey(string contentHash) => $"{contentHash}:{StorageFormat}";

    private void Remember(ContentHash key, EncodedResult result, int size)
    {
        if (_memory is null || size > _options.MaxEntryBytes)
        {
            return;
        }
        // The entry holds the stored value; responses are written from its encoding.
        _memory.Set(key, result.WithoutMessage(), new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = TimeToLive });
    }

    // The stored value: the array the engine thread encoded into, its header written in place.
    private static byte[] Sealed(ContentHash key, EncodedResult computed) =>
        StoredResult.Seal(key, computed.Stored ?? throw new InvalidOperationException("A computed result is encoded with EncodedResult.Encode."));

    public void Dispose() => _memory?.Dispose();
}

/// <summary>SHA-256 of a canonical request and the rule-catalog version; the cache key and the response's content_hash.</summary>
public readonly record struct ContentHash(UInt128 High, UInt128 Low)
{
    public const int Length = 32;

    public static ContentHash FromBytes(ReadOnlySpan<byte> hash) =>
        new(BinaryPrimitives.ReadUInt128BigEndian(hash), BinaryPrimitives.ReadUInt128BigEndian(hash[16..]));

    public string Hex
    {
        get
        {
            Span<byte> bytes = stackalloc byte[Length];
            CopyTo(bytes);
            return Convert.ToHexStringLower(bytes);
        }
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt128BigEndian(destination, High);
        BinaryPrimitives.WriteUInt128BigEndian(destination[16..], Low);
    }

    public bool Matches(ReadOnlySpan<byte> bytes) => bytes.Length == Length && FromBytes(bytes) == this;

    public override string ToString() => Hex;
}
