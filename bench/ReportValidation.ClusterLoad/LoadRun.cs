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

/// <summary>The phase the phase file names (read every 50 ms), and when each phase began and ended.</summary>
internal sealed class Phases(string phaseFile, double maxSeconds) : IDisposable
{
    private readonly long _hardStop = Stopwatch.GetTimestamp() + (long)(maxSeconds * Stopwatch.Frequency);
    private readonly Dictionary<string, long> _started = [];
    private readonly Dictionary<string, long> _ended = [];
    private readonly CancellationTokenSource _stop = new();
    private PhaseTally? _current;

    public List<PhaseTally> Tallies { get; } = [];

    public PhaseTally? Current => Volatile.Read(ref _current);

    public bool Stopped => _stop.IsCancellationRequested;

    /// <summary>Follows the phase file until it says "end" or the run's time is up.</summary>
    public async Task WatchAsync()
    {
        Read();
        while (!_stop.IsCancellationRequested)
        {
            Read();
            if (Stopwatch.GetTimestamp() >= _hardStop)
            {
                _stop.Cancel();
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private void Read()
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
        if (name.Length == 0 || name == _current?.Name)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        if (_current is not null)
        {
            _ended[_current.Name] = now;
        }
        if (name == "end" || now >= _hardStop)
        {
            _stop.Cancel();
            return;
        }
        var next = Tallies.FirstOrDefault(t => t.Name == name);
        if (next is null)
        {
            next = new PhaseTally(name);
            Tallies.Add(next);
            _started[name] = now;
        }
        Volatile.Write(ref _current, next);
    }

    /// <summary>How long a phase ran, up to <paramref name="end"/> when it is still the current one.</summary>
    public double SecondsOf(PhaseTally tally, long end) =>
        (_ended.GetValueOrDefault(tally.Name, end) - _started[tally.Name]) / (double)Stopwatch.Frequency;

    public void Dispose() => _stop.Dispose();
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
        using var phases = new Phases(phaseFile, options.MaxSeconds);
        var watcher = phases.WatchAsync();
        long sequence = 0;
        var workers = Enumerable.Range(0, options.Concurrency)
            .Select(_ => Task.Run(() => CallUntilStoppedAsync(client, phases, () => documents[Interlocked.Increment(ref sequence) % documents.Length])))
            .ToArray();
        await Task.WhenAll(workers);
        await watcher;
        await WriteSummaryAsync(phases, options.OutputPath);
        return 0;
    }

    /// <summary>One worker: a call at a time, each counted in the phase it started in.</summary>
    private static async Task CallUntilStoppedAsync(V1.ReportValidator.ReportValidatorClient client, Phases phases,
        Func<V1.ValidateDocumentRequest> nextDocument)
    {
        while (!phases.Stopped)
        {
            var tally = phases.Current;
            if (tally is null)
            {
                await Task.Delay(20, CancellationToken.None);
                continue;
            }
            var request = nextDocument();
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
    }

    /// <summary>One JSON line per phase, on stdout and in the output file.</summary>
    private static async Task WriteSummaryAsync(Phases phases, string? outputPath)
    {
        var end = Stopwatch.GetTimestamp();
        var lines = new StringBuilder();
        foreach (var tally in phases.Tallies)
        {
            var json = JsonSerializer.Serialize(tally.Summary(phases.SecondsOf(tally, end)));
            lines.AppendLine(json);
            Console.WriteLine(json);
        }
        if (outputPath is not null)
        {
            await File.WriteAllTextAsync(outputPath, lines.ToString());
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {phases.Tallies.Sum(t => t.Calls)} calls in {phases.Tallies.Count} phases"));
    }
}
