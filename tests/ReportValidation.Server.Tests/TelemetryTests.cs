using System.Collections.Concurrent;
using System.Diagnostics;
using ReportValidation.Server.Telemetry;
using ReportValidation.Server.Tests.Infrastructure;

namespace ReportValidation.Server.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Spans_and_logs_carry_no_report_text()
    {
        var marker = $"内部草稿标记{Guid.NewGuid():N}";
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ServerTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var host = new ServiceHost();

        var response = await host.Client().ValidateDocumentAsync(Documents.Request(Documents.Seed("004") + "\n" + marker + "\n"));

        var ours = spans.Where(s => s.Tags.Any(t => t.Key == "reportvalidation.content_hash" && t.Value == response.ContentHash)).ToList();
        Assert.NotEmpty(ours);
        Assert.Contains(spans, s => s.OperationName == "parse");
        Assert.Contains(spans, s => s.OperationName == "rules");
        Assert.DoesNotContain(spans, s => s.Tags.Any(t => t.Value?.Contains(marker) == true) || s.DisplayName.Contains(marker));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(marker));
    }

    [Fact]
    public async Task A_call_answered_from_memory_has_its_content_hash_and_source_on_its_span()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ServerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var host = new ServiceHost();
        var text = Documents.Unique();

        await host.Client().ValidateDocumentAsync(Documents.Request(text));
        var hit = await host.Client().ValidateDocumentAsync(Documents.Request(text));

        Assert.True(hit.Cached);
        Assert.Contains(spans, s => s.Tags.Contains(new KeyValuePair<string, string?>("reportvalidation.content_hash", hit.ContentHash))
            && s.Tags.Contains(new KeyValuePair<string, string?>("reportvalidation.cache.source", "Memory")));
    }

    [Fact]
    public async Task Otlp_export_carries_the_rpc_spans_and_no_report_text()
    {
        var marker = $"内部草稿标记{Guid.NewGuid():N}";
        using var collector = new OtlpCollector();
        var host = StartWithEnvironment(new()
        {
            ["Telemetry__OtlpEndpoint"] = collector.Endpoint,
            ["Telemetry__OtlpProtocol"] = "http/protobuf",
            ["Telemetry__ServiceName"] = "reportvalidation-otlp-test",
        });
        using (host)
        {
            var response = await host.Client().ValidateDocumentAsync(Documents.Request(Documents.Seed("004") + "\n" + marker + "\n"));
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(20)
                && (!collector.Exports.Any(e => e.Path == "/v1/traces" && System.Text.Encoding.UTF8.GetString(e.Body).Contains(response.ContentHash))
                    || !collector.Exports.Any(e => e.Path == "/v1/metrics")))
            {
                await Task.Delay(100);
            }
        } // stopping the host flushes the rest (metrics, logs)

        var traces = collector.Exports.Where(e => e.Path == "/v1/traces").Select(e => System.Text.Encoding.UTF8.GetString(e.Body)).ToList();
        Assert.NotEmpty(traces);
        var all = string.Concat(traces);
        Assert.Contains("reportvalidation-otlp-test", all);
        Assert.Contains("reportvalidation.v1.ReportValidator/ValidateDocument", all);
        Assert.Contains("parse", all);
        Assert.Contains("rules", all);
        Assert.DoesNotContain(marker, all);
        Assert.Contains(collector.Exports, e => e.Path == "/v1/metrics");
        Assert.DoesNotContain(collector.Exports, e => System.Text.Encoding.UTF8.GetString(e.Body).Contains(marker));
    }

    [Fact]
    public async Task The_standard_OTEL_variables_alone_send_rpc_spans_and_metrics_under_their_service_name()
    {
        using var collector = new OtlpCollector();
        var service = $"reportvalidation-otel-{Guid.NewGuid():N}";
        var host = StartWithEnvironment(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = service,
        });
        using (host)
        {
            var response = await host.Client().ValidateDocumentAsync(Documents.Request(Documents.Unique()));
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(20)
                && (!collector.Exports.Any(e => e.Path == "/v1/traces" && Text(e.Body).Contains(response.ContentHash))
                    || !collector.Exports.Any(e => e.Path == "/v1/metrics" && Text(e.Body).Contains("rpc.server.call.duration"))))
            {
                await Task.Delay(100);
            }
        }

        var traces = string.Concat(collector.Exports.Where(e => e.Path == "/v1/traces").Select(e => Text(e.Body)));
        var metrics = string.Concat(collector.Exports.Where(e => e.Path == "/v1/metrics").Select(e => Text(e.Body)));
        Assert.Contains(service, traces);
        Assert.Contains("reportvalidation.v1.ReportValidator/ValidateDocument", traces);
        Assert.Contains("rpc.system.name", traces);
        Assert.Contains("rpc.response.status_code", traces);
        Assert.Contains("rpc.server.call.duration", metrics);
        Assert.Contains(service, metrics);
    }

    // Telemetry is composed before the host is built, where the test host's settings do not reach yet:
    // these come in as environment variables, as a deployment would give them, and are gone once it is built.
    // (A server another test starts meanwhile may export too; each test looks only for its own call.)
    private static ServiceHost StartWithEnvironment(Dictionary<string, string> variables)
    {
        variables["OTEL_BSP_SCHEDULE_DELAY"] = "100"; // export spans within 0.1 s
        variables["OTEL_METRIC_EXPORT_INTERVAL"] = "200"; // and metrics every 0.2 s
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
        try
        {
            return new ServiceHost();
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    private static string Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body);
}
