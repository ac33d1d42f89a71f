using System.Text.RegularExpressions;
using ReportValidation.Server.Tests.Infrastructure;
using StackExchange.Redis;

namespace ReportValidation.Server.Tests;

/// <summary>
/// Errors Redis answers with on a write are faults of Redis, like a lost connection: counted, logged
/// once per outage, the breaker opens, and the caller still gets the response. A real redis-server is
/// made full (maxmemory 1, noeviction) or read-only (a replica).
/// </summary>
public sealed partial class RedisFaultTests
{
    private const int RedisDown = 10;
    private const int RedisBack = 11;
    private const int Garbage = 12;

    [Fact]
    public async Task A_full_redis_under_noeviction_is_a_fault_counted_and_logged_once_and_every_call_is_answered()
    {
        using var redis = new RedisServer();
        using var host = ServiceHost.WithRedis(redis.Configuration, MemoryOff);
        var client = host.Client();
        await Admin(redis, "CONFIG", "SET", "maxmemory-policy", "noeviction");
        await Admin(redis, "CONFIG", "SET", "maxmemory", "1");

        for (var i = 0; i < 20; i++)
        {
            var response = await client.ValidateDocumentAsync(Documents.Request(Documents.Unique()));
            Assert.False(response.Cached);
            Assert.NotNull(response.Result.Report);
            await Task.Delay(i % 5 == 0 ? 250 : 0); // past the breaker's 200 ms now and then, so writes are tried again
        }

        Assert.Single(host.Logs.Entries, e => e.EventId.Id == RedisDown && e.Message.Contains("OOM"));
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == Garbage);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == RedisBack); // reads working is not the end of it
        var failedWrites = RedisErrors(await Metrics(host), "set");
        Assert.InRange(failedWrites, 2, 19); // tried again after the breaker, but not by every call

        await Admin(redis, "CONFIG", "SET", "maxmemory", "0");
        await Task.Delay(300);
        var text = Documents.Unique();
        await client.ValidateDocumentAsync(Documents.Request(text));
        Assert.True((await client.ValidateDocumentAsync(Documents.Request(text))).Cached);
        Assert.Single(host.Logs.Entries, e => e.EventId.Id == RedisBack);
    }

    [Fact]
    public async Task A_read_only_replica_after_a_failover_is_a_fault_and_every_call_is_answered()
    {
        using var redis = new RedisServer();
        using var host = ServiceHost.WithRedis(redis.Configuration, MemoryOff);
        var client = host.Client();
        var before = Documents.Unique();
        await client.ValidateDocumentAsync(Documents.Request(before));
        // A replica of a primary that is not there: it serves what it has and refuses every write.
        await Admin(redis, "REPLICAOF", "127.0.0.1", FreePort.Next().ToString());

        for (var i = 0; i < 10; i++)
        {
            var response = await client.ValidateDocumentAsync(Documents.Request(Documents.Unique()));
            Assert.NotNull(response.Result.Report);
        }

        Assert.Single(host.Logs.Entries, e => e.EventId.Id == RedisDown);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == Garbage);
        Assert.True(RedisErrors(await Metrics(host), "set") >= 1);
    }

    private static readonly Dictionary<string, string?> MemoryOff = new() { ["Cache:MemoryLimitBytes"] = "0" };

    private static async Task Admin(RedisServer redis, string command, params object[] arguments)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},allowAdmin=true");
        await connection.GetServer(redis.Configuration).ExecuteAsync(command, arguments);
    }

    private static async Task<string> Metrics(ServiceHost host)
    {
        using var http = host.Http();
        return await http.GetStringAsync("/metrics");
    }

    private static double RedisErrors(string metrics, string operation)
    {
        var sample = RedisErrorSample().Matches(metrics).FirstOrDefault(m => m.Groups["labels"].Value.Contains($"redis_operation=\"{operation}\""));
        return sample is null ? 0 : double.Parse(sample.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^reportvalidation_redis_errors_total\{(?<labels>[^}]*)\} (?<value>[0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex RedisErrorSample();
}
