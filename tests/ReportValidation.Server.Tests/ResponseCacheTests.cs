using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ReportValidation.Server.Caching;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class ResponseCacheTests
{
    [Fact]
    public async Task Same_document_twice_is_a_miss_then_a_hit()
    {
        using var host = ServiceHost.WithRedis(SharedRedis.Address);
        var client = host.Client();
        var text = Documents.Unique();

        var first = await client.ValidateDocumentAsync(Documents.Request(text, "a"));
        var second = await client.ValidateDocumentAsync(Documents.Request(text, "b"));

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(64, first.ContentHash.Length);
        Assert.Equal(first.Result, second.Result);
        Assert.Equal("b", second.RequestId);
    }

    [Fact]
    public async Task Any_change_of_content_or_options_changes_the_hash()
    {
        using var host = new ServiceHost();
        var client = host.Client();
        var text = Documents.Unique();
        ValidateDocumentRequest Base() => Documents.Request(text);
        var variants = new List<ValidateDocumentRequest>
        {
            Base(),
            Documents.Request(text + " "),
            Documents.Request(text.Replace('一', '二')),
            Documents.Bytes(System.Text.Encoding.UTF8.GetBytes(text)),
        };
        var withType = Base();
        withType.Document.ContentType = "text/markdown";
        variants.Add(withType);
        var withName = Base();
        withName.Document.FileName = "report.txt";
        variants.Add(withName);
        var withPrevious = Base();
        withPrevious.PreviousDocument = new Document { Text = Documents.Seed("003") };
        variants.Add(withPrevious);
        var submission = Base();
        submission.Options = new ValidationOptions { Profile = Profile.Submission };
        variants.Add(submission);
        var audit = Base();
        audit.Options = new ValidationOptions { Profile = Profile.Audit };
        variants.Add(audit);
        var acknowledged = Base();
        acknowledged.Options = new ValidationOptions { Acknowledgements = { new Acknowledgement { RuleId = "T3.total", Explanation = "说明" } } };
        variants.Add(acknowledged);
        var otherExplanation = Base();
        otherExplanation.Options = new ValidationOptions { Acknowledgements = { new Acknowledgement { RuleId = "T3.total", Explanation = "另一说明" } } };
        variants.Add(otherExplanation);
        var deadline = Base();
        deadline.Options = new ValidationOptions { LocalDeadline = "2022-01-28" };
        variants.Add(deadline);

        var hashes = new List<string>();
        foreach (var request in variants)
        {
            hashes.Add((await client.ValidateDocumentAsync(request)).ContentHash);
        }
        var again = await client.ValidateDocumentAsync(Base());
        // The same engine input sent as bytes declared UTF-8 is the same canonical request.
        var asBytes = await client.ValidateDocumentAsync(Documents.Bytes(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8"));

        Assert.Equal(variants.Count, hashes.Distinct().Count());
        Assert.Equal(hashes[0], again.ContentHash);
        Assert.True(again.Cached);
        Assert.Equal(hashes[0], asBytes.ContentHash);
    }

    [Fact]
    public async Task Two_instances_sharing_redis_see_each_others_entries()
    {
        var settings = new Dictionary<string, string?> { ["Redis:InstanceName"] = $"shared-{Guid.NewGuid():N}:" };
        using var one = new ServiceHost(new Dictionary<string, string?>(settings) { ["Redis:Configuration"] = SharedRedis.Address });
        using var two = new ServiceHost(new Dictionary<string, string?>(settings) { ["Redis:Configuration"] = SharedRedis.Address });
        var text = Documents.Unique();

        var computed = await one.Client().ValidateDocumentAsync(Documents.Request(text));
        var fromTwo = await two.Client().ValidateDocumentAsync(Documents.Request(text));

        Assert.False(computed.Cached);
        Assert.True(fromTwo.Cached);
        Assert.Equal(computed.ContentHash, fromTwo.ContentHash);
        Assert.Equal(computed.Result, fromTwo.Result);
    }

    [Fact]
    public async Task Garbage_under_a_key_is_a_miss_and_is_replaced()
    {
        using var host = ServiceHost.WithRedis(SharedRedis.Address, MemoryOff);
        var client = host.Client();
        var text = Documents.Unique();
        var first = await client.ValidateDocumentAsync(Documents.Request(text));
        var redis = host.Services.GetRequiredService<SharedCache>().Redis!;
        await redis.SetAsync(ResponseCache.StorageKey(first.ContentHash), "not a cached response"u8.ToArray(), new Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions());

        var afterGarbage = await client.ValidateDocumentAsync(Documents.Request(text));
        var afterRewrite = await client.ValidateDocumentAsync(Documents.Request(text));

        Assert.False(afterGarbage.Cached);
        Assert.Equal(first.Result, afterGarbage.Result);
        Assert.True(afterRewrite.Cached);
        Assert.Contains("reportvalidation_redis_errors_total{", await Metrics(host));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("one byte changed")]
    public async Task A_damaged_value_is_a_miss_and_is_replaced(string damage)
    {
        using var host = ServiceHost.WithRedis(SharedRedis.Address, MemoryOff);
        var client = host.Client();
        var text = Documents.Unique();
        var first = await client.ValidateDocumentAsync(Documents.Request(text));
        var redis = host.Services.GetRequiredService<SharedCache>().Redis!;
        var key = ResponseCache.StorageKey(first.ContentHash);
        var stored = (await redis.GetAsync(key))!;
        var damaged = damage == "truncated" ? stored[..^100] : stored.ToArray();
        if (damage != "truncated")
        {
            damaged[^100] ^= 0x01; // inside the encoding, where a decoder might not notice
        }
        await redis.SetAsync(key, damaged, new Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions());

        var afterDamage = await client.ValidateDocumentAsync(Documents.Request(text));
        var afterRewrite = await client.ValidateDocumentAsync(Documents.Request(text));

        Assert.False(afterDamage.Cached);
        Assert.Equal(first.Result, afterDamage.Result);
        Assert.True(afterRewrite.Cached);
        Assert.Equal(first.Result, afterRewrite.Result);
    }

    [Fact]
    public async Task A_redis_hit_answered_as_json_carries_the_whole_result()
    {
        using var one = ServiceHost.WithRedis(SharedRedis.Address, MemoryOff);
        var text = Documents.Unique();
        var computed = await one.Client().ValidateDocumentAsync(Documents.Request(text));
        using var http = one.Http();

        var json = await http.PostAsync("/v1/reports:validate", new StringContent(
            Google.Protobuf.JsonFormatter.Default.Format(Documents.Request(text)), System.Text.Encoding.UTF8, "application/json"));
        var response = ValidateDocumentResponse.Parser.WithDiscardUnknownFields(true).ParseJson(await json.Content.ReadAsStringAsync());

        Assert.True(response.Cached);
        Assert.Equal(computed.Result, response.Result);
    }

    [Fact]
    public async Task A_key_of_another_redis_type_is_a_miss_and_is_replaced()
    {
        var prefix = $"test-{Guid.NewGuid():N}:";
        using var host = new ServiceHost(new Dictionary<string, string?>(MemoryOff)
        {
            ["Redis:Configuration"] = SharedRedis.Address,
            ["Redis:InstanceName"] = prefix,
        });
        var client = host.Client();
        var text = Documents.Unique();
        var first = await client.ValidateDocumentAsync(Documents.Request(text));
        using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(SharedRedis.Address))
        {
            var database = redis.GetDatabase();
            await database.KeyDeleteAsync(prefix + ResponseCache.StorageKey(first.ContentHash));
            await database.StringSetAsync(prefix + ResponseCache.StorageKey(first.ContentHash), "a string where a hash belongs");
        }

        var afterGarbage = await client.ValidateDocumentAsync(Documents.Request(text));
        var afterRewrite = await client.ValidateDocumentAsync(Documents.Request(text));

        Assert.False(afterGarbage.Cached);
        Assert.True(afterRewrite.Cached);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 10); // not taken for an outage
    }

    [Fact]
    public async Task Redis_stopped_and_restarted_fails_no_call_and_keeps_calls_fast()
    {
        using var redis = new RedisServer();
        using var host = ServiceHost.WithRedis(redis.Configuration, MemoryOff);
        var client = host.Client();
        var before = Documents.Unique();
        await client.ValidateDocumentAsync(Documents.Request(before));
        Assert.True((await client.ValidateDocumentAsync(Documents.Request(before))).Cached);

        redis.Stop();
        var took = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.ValidateDocumentAsync(Documents.Request(i % 2 == 0 ? before : Documents.Unique()));
            took.Add(watch.Elapsed);
            Assert.False(response.Cached); // the only level was Redis, and it is gone
            await Task.Delay(25);
        }
        // StackExchange.Redis left at its defaults would hold a call for seconds here. The bounds leave
        // room for a busy test machine, not for Redis.
        took.Sort();
        Assert.True(took[^1] < TimeSpan.FromMilliseconds(1500), $"slowest call during the outage took {took[^1].TotalMilliseconds} ms");
        Assert.True(took[took.Count / 2] < TimeSpan.FromMilliseconds(300), $"median call during the outage took {took[took.Count / 2].TotalMilliseconds} ms");

        redis.Start();
        var after = Documents.Unique();
        var recovered = false;
        var watchRecovery = Stopwatch.StartNew();
        while (!recovered && watchRecovery.Elapsed < TimeSpan.FromSeconds(15))
        {
            await client.ValidateDocumentAsync(Documents.Request(after));
            recovered = (await client.ValidateDocumentAsync(Documents.Request(after))).Cached;
            await Task.Delay(100);
        }
        Assert.True(recovered, "the cache did not use Redis again after it came back");
        Assert.Contains("reportvalidation_redis_errors_total{", await Metrics(host));
        // One warning when the outage began and one line when it ended, not one per call.
        Assert.Single(host.Logs.Entries, e => e.EventId.Id == 10 && e.Category.EndsWith("SharedCache"));
        Assert.Single(host.Logs.Entries, e => e.EventId.Id == 11 && e.Category.EndsWith("SharedCache"));
    }

    [Fact]
    public async Task Concurrent_calls_for_one_new_document_run_the_engine_once()
    {
        using var host = new ServiceHost();
        var client = host.Client();
        var text = Documents.Unique();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24)
            .Select(_ => client.ValidateDocumentAsync(Documents.Request(text)).ResponseAsync));

        Assert.Single(responses, r => !r.Cached);
        Assert.Single(responses.Select(r => r.ContentHash).Distinct());
    }

    [Fact]
    public async Task Without_redis_the_in_memory_level_serves_hits()
    {
        using var host = new ServiceHost();
        var client = host.Client();
        var text = Documents.Unique();

        await client.ValidateDocumentAsync(Documents.Request(text));
        var second = await client.ValidateDocumentAsync(Documents.Request(text));

        Assert.True(second.Cached);
        Assert.False(host.Services.GetRequiredService<SharedCache>().IsEnabled);
    }

    [Fact]
    public async Task Structured_reports_are_cached_by_content_too()
    {
        using var host = new ServiceHost();
        var client = host.Client();
        var report = new Report { Title = $"测试县人民政府{Guid.NewGuid():N}2021年政府信息公开工作年度报告", Year = 2021 };

        var first = await client.ValidateReportAsync(new ValidateReportRequest { Report = report });
        var second = await client.ValidateReportAsync(new ValidateReportRequest { Report = report });
        var other = await client.ValidateReportAsync(new ValidateReportRequest { Report = report, Options = new ValidationOptions { Profile = Profile.Submission } });

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.NotEqual(first.ContentHash, other.ContentHash);
        Assert.Equal(report, first.Result.Report);
        Assert.Equal(first.Result, second.Result);
    }

    private static readonly Dictionary<string, string?> MemoryOff = new() { ["Cache:MemoryLimitBytes"] = "0" };

    private static async Task<string> Metrics(ServiceHost host)
    {
        using var http = host.Http();
        return await http.GetStringAsync("/metrics");
    }
}
