using System.Globalization;
using System.Text;

namespace ReportValidation.LoadGenerator;

public static class Report
{
    public static string Table(IReadOnlyList<Measurement> results, LoadSettings settings)
    {
        var floor = results[0].PerSecond;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{settings.Concurrency} concurrent calls over one HTTP/2 channel, {settings.Duration.TotalSeconds:0.#} s each after {settings.Warmup.TotalSeconds:0.#} s warm-up; server on core {settings.ServerCore}, load generator on core {settings.ClientCore}.");
        text.AppendLine();
        text.AppendLine("| scenario | calls | failed | requests/s | % of echo floor | p50 ms | p99 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Calls} | {r.Failed} | {r.PerSecond:0} | {100 * r.PerSecond / floor:0}% | {r.P50Ms:0.00} | {r.P99Ms:0.00} |");
        }
        return text.ToString();
    }
}
