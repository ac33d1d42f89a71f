using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Grpc.Core;

namespace ReportValidation.ClusterLoad;

/// <summary>What the calls started in one phase came to.</summary>
public sealed class PhaseTally(string name)
{
    private readonly List<double> _latenciesMs = [];

    public string Name { get; } = name;
    public long Calls { get; private set; }
    public long Failed { get; private set; }
    public long Retried { get; private set; }
    public long Cached { get; private set; }
    public Dictionary<string, long> FailedByStatus { get; } = [];
    public List<string> FailureDetails { get; } = [];

    public void Record(bool ok, string status, bool cached, bool retried, double latencyMs, string? detail = null)
    {
        lock (_latenciesMs)
        {
            Calls++;
            Retried += retried ? 1 : 0;
            if (!ok)
            {
                Failed++;
                FailedByStatus[status] = FailedByStatus.GetValueOrDefault(status) + 1;
                if (detail is not null && FailureDetails.Count < 3 && !FailureDetails.Contains(detail))
                {
                    FailureDetails.Add(detail);
                }
                return;
            }
            Cached += cached ? 1 : 0;
            _latenciesMs.Add(latencyMs);
        }
    }

    public object Summary(double seconds)
    {
        lock (_latenciesMs)
        {
            var sorted = _latenciesMs.Order().ToArray();
            double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
            var succeeded = Calls - Failed;
            return new
            {
                phase = Name,
                calls = Calls,
                failed = Failed,
                retried = Retried,
                cached = Cached,
                hit_rate = succeeded == 0 ? 0 : Math.Round((double)Cached / succeeded, 4),
                seconds = Math.Round(seconds, 2),
                calls_per_second = seconds <= 0 ? 0 : Math.Round(Calls / seconds, 1),
                p50_ms = Math.Round(Percentile(0.50), 2),
                p99_ms = Math.Round(Percentile(0.99), 2),
                failed_by_status = FailedByStatus,
                failure_details = FailureDetails,
            };
        }
    }
}

/// <summary>
/// A closed loop of concurrent calls over one channel, cycling through a fixed set of distinct
/// documents (the seeds with a numbered line appended), so after the first pass every call can be a
/// cache hit. The phase file is read every 50 ms; the run ends when it says "end".
/// </summary>
public static class LoadRun
{
    public static async Task<int> RunAsync(ClusterLoadOptions options)
    {
        var phaseFile = options.PhaseFile ?? throw new ArgumentException("--phase-file is required for load");
        var seeds = Channels.Seeds();
        var run = Guid.NewGuid().ToString("N")[..8];
        var documents = Enumerable.Range(0, options.Documents)
            .Select(i => Channels.Request($"{seeds[i % seeds.Length]}\nload {run} {i}\n")).ToArray();

        using var channel = Channels.Open(options.Targets[0]);
        var client = new V1.ReportValidator.ReportValidatorClient(channel);

        var tallies = new List<PhaseTally>();
        var phaseStarted = new Dictionary<string, long>();
        var phaseEnded = new Dictionary<string, long>();
        PhaseTally? current = null;
        var hardStop = Stopwatch.GetTimestamp() + (long)(options.MaxSeconds * Stopwatch.Frequency);
        using var stop = new CancellationTokenSource();

        void ReadPhase()
        {
            string name;
            try
            {
                name = File.ReadAllText(phaseFile).Trim();
            }
            catch (IOException)
            {
                return;
            }
            if (name.Length == 0 || name == current?.Name)
            {
                return;
            }
            var now = Stopwatch.GetTimestamp();
            if (current is not null)
            {
                phaseEnded[current.Name] = now;
            }
            if (name == "end" || now >= hardStop)
            {
                stop.Cancel();
                return;
            }
            var next = tallies.FirstOrDefault(t => t.Name == name);
            if (next is null)
            {
                next = new PhaseTally(name);
                tallies.Add(next);
                phaseStarted[name] = now;
            }
            Volatile.Write(ref current, next);
        }

        ReadPhase();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                ReadPhase();
                if (Stopwatch.GetTimestamp() >= hardStop)
                {
                    stop.Cancel();
                }
                await Task.Delay(50, CancellationToken.None);
            }
        });

        long sequence = 0;
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var tally = Volatile.Read(ref current);
                if (tally is null)
                {
                    await Task.Delay(20, CancellationToken.None);
                    continue;
                }
                var request = documents[Interlocked.Increment(ref sequence) % documents.Length];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var call = client.ValidateDocumentAsync(request, deadline: DateTime.UtcNow.AddSeconds(10));
                    var headers = await call.ResponseHeadersAsync;
                    var response = await call;
                    // grpc-dotnet reports earlier attempts of a retried call in this header.
                    var retried = headers.Get("grpc-previous-rpc-attempts") is not null;
                    tally.Record(true, "OK", response.Cached, retried, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (RpcException e)
                {
                    var retried = e.Trailers.Get("grpc-previous-rpc-attempts") is not null;
                    tally.Record(false, e.StatusCode.ToString(), false, retried, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        $"{e.StatusCode}: {e.Status.Detail} {e.Status.DebugException?.Message}");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        await watcher;

        var end = Stopwatch.GetTimestamp();
        var lines = new StringBuilder();
        foreach (var tally in tallies)
        {
            var seconds = (phaseEnded.GetValueOrDefault(tally.Name, end) - phaseStarted[tally.Name]) / (double)Stopwatch.Frequency;
            var json = JsonSerializer.Serialize(tally.Summary(seconds));
            lines.AppendLine(json);
            Console.WriteLine(json);
        }
        if (options.OutputPath is not null)
        {
            await File.WriteAllTextAsync(options.OutputPath, lines.ToString());
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {tallies.Sum(t => t.Calls)} calls in {tallies.Count} phases"));
        return 0;
    }
}
