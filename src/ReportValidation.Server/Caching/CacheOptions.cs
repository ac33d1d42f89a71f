using System.ComponentModel.DataAnnotations;

namespace ReportValidation.Server.Caching;

/// <summary>The response cache (section <c>Cache</c>).</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Off: every call runs the engine (responses still carry the content hash).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long an entry lives, in both levels.</summary>
    [Range(1, int.MaxValue)]
    public int TimeToLiveSeconds { get; set; } = 3600;

    /// <summary>Responses larger than this (serialized) are not cached.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntryBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Total size of the in-process level; 0 leaves only Redis.</summary>
    [Range(0, long.MaxValue)]
    public long MemoryLimitBytes { get; set; } = 128L * 1024 * 1024;
}

/// <summary>The shared Redis level (section <c>Redis</c>); off when <see cref="Configuration"/> is empty.</summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. "redis:6379,password=...".</summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Redis's password (requirepass), kept apart from <see cref="Configuration"/> so it can come from a
    /// Secret while the rest stays in a ConfigMap; overrides a password in the configuration string.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Key prefix, so several services can share one Redis.</summary>
    public string InstanceName { get; set; } = "reportvalidation:";

    /// <summary>Connect timeout; short, since a call never waits for Redis longer than this.</summary>
    [Range(1, int.MaxValue)]
    public int ConnectTimeoutMilliseconds { get; set; } = 250;

    /// <summary>Timeout of one Redis command.</summary>
    [Range(1, int.MaxValue)]
    public int OperationTimeoutMilliseconds { get; set; } = 250;

    /// <summary>After a failure Redis is bypassed this long before one call tries it again.</summary>
    [Range(0, int.MaxValue)]
    public int RetryAfterMilliseconds { get; set; } = 1000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }
        string? problem = null;
        try
        {
            StackExchange.Redis.ConfigurationOptions.Parse(Configuration!);
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }
        if (problem is not null)
        {
            yield return new ValidationResult($"not a StackExchange.Redis configuration string: {problem}", [nameof(Configuration)]);
        }
    }
}
