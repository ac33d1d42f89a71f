using System.Collections.Concurrent;
using System.Diagnostics;
using ReportValidation.Server.Telemetry;
using ReportValidation.Server.Tests.Infrastructure;

namespace ReportValidation.Server.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task SpansAndLogsCarryNoReportText()
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
}
