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
    public async Task Otlp_export_carries_the_rpc_spans_and_no_report_text()
    {
        var marker = $"内部草稿标记{Guid.NewGuid():N}";
        using var collector = new OtlpCollector();
        // Telemetry is composed before the host is built, where the test host's settings do not reach
        // yet: these come in as environment variables, as a deployment would give them.
        // (A server another test starts meanwhile may export here too; only this call's marker matters.)
        ServiceHost host;
        Environment.SetEnvironmentVariable("Telemetry__OtlpEndpoint", collector.Endpoint);
        Environment.SetEnvironmentVariable("Telemetry__OtlpProtocol", "http/protobuf");
        Environment.SetEnvironmentVariable("Telemetry__ServiceName", "reportvalidation-otlp-test");
        Environment.SetEnvironmentVariable("OTEL_BSP_SCHEDULE_DELAY", "100"); // export spans within 0.1 s
        Environment.SetEnvironmentVariable("OTEL_METRIC_EXPORT_INTERVAL", "200"); // and metrics every 0.2 s
        try
        {
            host = new ServiceHost();
        }
        finally
        {
            Environment.SetEnvironmentVariable("Telemetry__OtlpEndpoint", null);
            Environment.SetEnvironmentVariable("Telemetry__OtlpProtocol", null);
            Environment.SetEnvironmentVariable("Telemetry__ServiceName", null);
            Environment.SetEnvironmentVariable("OTEL_BSP_SCHEDULE_DELAY", null);
            Environment.SetEnvironmentVariable("OTEL_METRIC_EXPORT_INTERVAL", null);
        }
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
}
