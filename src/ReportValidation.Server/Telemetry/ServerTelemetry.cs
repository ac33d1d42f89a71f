using System.Diagnostics;
using System.Globalization;
using System.Diagnostics.Metrics;
using Grpc.Core;
using ReportValidation.V1;

namespace ReportValidation.Server.Telemetry;

/// <summary>
/// The service's own spans and instruments. Attributes carry hashes, sizes and counts only: a report
/// is an official document in draft, so its text never goes into telemetry.
/// </summary>
public sealed class ServerTelemetry
{
    public const string Name = "ReportValidation.Server";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _redisErrors;
    private readonly Counter<long> _findings;

    public ServerTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _requests = meter.CreateCounter<long>("reportvalidation.requests", "{call}", "Validation calls by method and gRPC status");
        // OpenTelemetry's RPC semantic conventions: duration of a call as the server saw it.
        _duration = meter.CreateHistogram<double>("rpc.server.call.duration", "s", "Measures the duration of inbound remote procedure calls",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _cacheHits = meter.CreateCounter<long>("reportvalidation.cache.hits", "{lookup}", "Responses served from the cache, by level");
        _cacheMisses = meter.CreateCounter<long>("reportvalidation.cache.misses", "{lookup}", "Responses the engine computed");
        _redisErrors = meter.CreateCounter<long>("reportvalidation.redis.errors", "{error}", "Redis operations that failed or returned garbage");
        _findings = meter.CreateCounter<long>("reportvalidation.findings", "{finding}", "Findings the engine found, by rule id and severity (counted once per validation, not per cached answer)");
    }

    /// <summary>A finished call: <paramref name="method"/> is fully qualified (<c>package.Service/Method</c>).</summary>
    public void CallCompleted(string method, StatusCode status, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { RpcConventions.SystemName, "grpc" },
            { RpcConventions.Method, method },
            { RpcConventions.StatusCode, RpcConventions.Name(status) },
        };
        if (status != StatusCode.OK)
        {
            tags.Add(RpcConventions.ErrorType, RpcConventions.Name(status));
        }
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void CacheHit(string level) => _cacheHits.Add(1, new KeyValuePair<string, object?>("cache.level", level));

    public void CacheMiss() => _cacheMisses.Add(1);

    public void RedisError(string operation) => _redisErrors.Add(1, new KeyValuePair<string, object?>("redis.operation", operation));

    public void Findings(ValidationResult result)
    {
        foreach (var finding in result.Findings)
        {
            _findings.Add(1, new KeyValuePair<string, object?>("rule.id", finding.RuleId),
                new KeyValuePair<string, object?>("severity", finding.Severity.ToString()));
        }
    }
}

/// <summary>Attribute names and values of OpenTelemetry's semantic conventions for gRPC.</summary>
public static class RpcConventions
{
    public const string SystemName = "rpc.system.name";
    public const string Method = "rpc.method";
    public const string StatusCode = "rpc.response.status_code";
    public const string ErrorType = "error.type";

    // The status names of the gRPC specification, by code.
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    public static string Name(Grpc.Core.StatusCode status) =>
        (int)status >= 0 && (int)status < Names.Length ? Names[(int)status] : ((int)status).ToString(CultureInfo.InvariantCulture);
}
