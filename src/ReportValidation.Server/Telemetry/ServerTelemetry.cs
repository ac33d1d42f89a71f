using System.Diagnostics;
using System.Diagnostics.Metrics;
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
        _duration = meter.CreateHistogram<double>("reportvalidation.request.duration", "s", "Validation call latency",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _cacheHits = meter.CreateCounter<long>("reportvalidation.cache.hits", "{lookup}", "Responses served from the cache, by level");
        _cacheMisses = meter.CreateCounter<long>("reportvalidation.cache.misses", "{lookup}", "Responses the engine computed");
        _redisErrors = meter.CreateCounter<long>("reportvalidation.redis.errors", "{error}", "Redis operations that failed or returned garbage");
        _findings = meter.CreateCounter<long>("reportvalidation.findings", "{finding}", "Findings the engine found, by rule id and severity (counted once per validation, not per cached answer)");
    }

    public void CallCompleted(string method, string status, TimeSpan elapsed)
    {
        var tags = new TagList { { "rpc.method", method }, { "rpc.grpc.status_code", status } };
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

/// <summary>gRPC status names as metric tags, made once (an enum's ToString allocates every call).</summary>
public static class StatusNames
{
    private static readonly string[] Names = Enumerable.Range(0, 17).Select(code => ((Grpc.Core.StatusCode)code).ToString()).ToArray();

    public static string Of(Grpc.Core.StatusCode status) => (uint)status < Names.Length ? Names[(int)status] : status.ToString();
}
