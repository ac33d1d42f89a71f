using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using ReportValidation.V1;

namespace ReportValidation.LoadGenerator;

public sealed record FloorMeasurement(string Scenario, double PerSecond, long Succeeded, long Failed)
{
    public double RatioToFloor { get; init; } = double.NaN;
    public double[] RoundRatios { get; init; } = [];
    public double CoreMicrosecondsPerCall { get; init; } = double.NaN;

    /// <summary>The server's processor time per call during a timed round (after its warm-up).</summary>
    public double RoundCoreMicroseconds { get; init; } = double.NaN;

    /// <summary>Per round, the floor's core time per call over this scenario's.</summary>
    public double[] RoundCostRatios { get; init; } = [];

    /// <summary>The floor's processor time per call over this scenario's: the throughput ratio one core would allow.</summary>
    public double CostRatioToFloor { get; init; } = double.NaN;
}

/// <summary>
/// The floor scenario of issue 14: h2load, an independent client, sends the same ValidateDocument request
/// frame (seed 004 as `content`) to the bare echo server's Floor method, which answers a fixed message as
/// long as the service's answer, then to the service with its cache on (a hit every call) and off (the
/// engine every call). Each server runs alone, pinned to the server core; h2load to the client core.
/// </summary>
public sealed partial class FloorRun(LoadSettings settings, Func<IDictionary<string, string>, bool, (ServerProcess, int)> startServer,
    Func<int, (ServerProcess, int)> startFloor)
{
    private const string ValidatePath = "/reportvalidation.v1.ReportValidator/ValidateDocument";
    private const string FloorPath = "/reportvalidation.bench.Echo/Floor";

    public async Task<List<FloorMeasurement>> RunAsync()
    {
        var seed = File.ReadAllBytes(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "004_*.txt").Single());
        var request = new ValidateDocumentRequest { Document = new Document { Content = ByteString.CopyFrom(seed) } }.ToByteArray();
        var frame = Path.Combine(Path.GetTempPath(), $"reportvalidation-floor-{Environment.ProcessId}.bin");
        await File.WriteAllBytesAsync(frame, Framed(request));
        // All three servers stay up, idle but for the one being driven, so the rounds can alternate:
        // this machine's neighbours move throughput by a third within a minute, and a ratio is only
        // worth something between measurements taken close together.
        try
        {
            return await MeasureAsync(request, frame);
        }
        finally
        {
            File.Delete(frame);
        }
    }

    private async Task<List<FloorMeasurement>> MeasureAsync(byte[] request, string frame)
    {
        // The service's servers: A (and B when given), each with its cache on (hits) and off (misses), as asked.
        var variants = settings.HasB ? new[] { false, true } : [false];
        var services = new List<(string Name, ServerProcess Server, int Port, RawValidator Client, bool Cached)>();
        try
        {
            foreach (var scenario in settings.FloorScenarios)
            {
                foreach (var b in variants)
                {
                    var cached = scenario == "hit";
                    var (server, port) = startServer(cached ? new Dictionary<string, string>()
                        : new Dictionary<string, string> { ["Cache__Enabled"] = "false" }, b);
                    var label = settings.HasB ? (b ? " [B]" : " [A]") : "";
                    services.Add((cached ? $"ValidateDocument, hit (cache on, same document){label}" : $"ValidateDocument, miss (Cache:Enabled=false){label}",
                        server, port, null!, cached));
                }
            }
            for (var i = 0; i < services.Count; i++)
            {
                services[i] = services[i] with { Client = await Measurements.ConnectAsync(services[i].Port) };
            }
            var answerBytes = (await services[0].Client.CallAsync(request)).Length;
            foreach (var service in services.Where(s => !s.Cached))
            {
                await ExpectAsync(service.Client, request, cached: false);
            }
            var (floorServer, floorPort) = startFloor(answerBytes);
            using (floorServer)
            {
                await ServerProcess.WaitForPortAsync(floorPort);
                (string Name, ServerProcess Server, int Port, string Path)[] scenarios =
                [
                    ($"floor (bare gRPC server, {request.Length} B in, fixed {answerBytes} B out)", floorServer, floorPort, FloorPath),
                    .. services.Select(s => (s.Name, s.Server, s.Port, ValidatePath)),
                ];
                var rounds = new List<FloorMeasurement[]>();
                for (var round = -settings.FloorDiscardedRounds; round < settings.FloorRounds; round++)
                {
                    var measured = new FloorMeasurement[scenarios.Length];
                    foreach (var i in RoundOrder(scenarios.Length, round, settings.HasB))
                    {
                        measured[i] = await H2LoadAsync(scenarios[i].Name, scenarios[i].Port, scenarios[i].Path, frame, server: scenarios[i].Server);
                    }
                    if (round >= 0)
                    {
                        rounds.Add(measured);
                    }
                }
                // The server's processor time per call over a fixed number of calls: less moved by the
                // neighbours than throughput, since time the core spends elsewhere is not counted.
                var costs = new List<double>();
                for (var i = 0; i < scenarios.Length; i++)
                {
                    var calls = (int)Math.Clamp(rounds.Select(r => r[i].PerSecond).Order().ElementAt(rounds.Count / 2) * 3, 1000, 100_000);
                    var before = scenarios[i].Server.ProcessorTime;
                    await H2LoadAsync(scenarios[i].Name, scenarios[i].Port, scenarios[i].Path, frame, calls);
                    costs.Add((scenarios[i].Server.ProcessorTime - before).TotalMicroseconds / calls);
                }
                foreach (var service in services)
                {
                    await ExpectAsync(service.Client, request, service.Cached);
                }
                return Summarize(rounds, costs);
            }
        }
        finally
        {
            foreach (var service in services)
            {
                service.Server.Dispose();
            }
        }
    }

    // The floor first, then the service's scenarios; with a B, each A/B pair is measured A first in even
    // rounds and B first in odd ones, so neither always runs on a core just warmed by the other.
    private static IEnumerable<int> RoundOrder(int scenarios, int round, bool pairs)
    {
        yield return 0;
        for (var i = 1; i < scenarios; i += pairs ? 2 : 1)
        {
            if (pairs && Math.Abs(round) % 2 == 1)
            {
                yield return i + 1;
                yield return i;
            }
            else
            {
                yield return i;
                if (pairs)
                {
                    yield return i + 1;
                }
            }
        }
    }

    // Per scenario: the median round's rate, the calls of every round, and the median of its per-round ratio to the floor.
    private static List<FloorMeasurement> Summarize(List<FloorMeasurement[]> rounds, List<double> costs) =>
        Enumerable.Range(0, rounds[0].Length).Select(i => new FloorMeasurement(
            rounds[0][i].Scenario,
            Median(rounds.Select(r => r[i].PerSecond)),
            rounds.Sum(r => r[i].Succeeded),
            rounds.Sum(r => r[i].Failed))
        {
            RatioToFloor = Median(rounds.Select(r => r[i].PerSecond / r[0].PerSecond)),
            RoundRatios = rounds.Select(r => r[i].PerSecond / r[0].PerSecond).ToArray(),
            CoreMicrosecondsPerCall = costs[i],
            CostRatioToFloor = costs[0] / costs[i],
            RoundCoreMicroseconds = Median(rounds.Select(r => r[i].RoundCoreMicroseconds)),
            RoundCostRatios = rounds.Select(r => r[0].RoundCoreMicroseconds / r[i].RoundCoreMicroseconds).ToArray(),
        }).ToList();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Table(IReadOnlyList<FloorMeasurement> results, LoadSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"h2load, {settings.H2LoadConnections} connections x {settings.H2LoadStreams} streams, {settings.FloorRounds} rounds (after {settings.FloorDiscardedRounds} not counted) of the floor and {string.Join(", ", settings.FloorScenarios)}{(settings.HasB ? " (A and B)" : "")}, {settings.Duration.TotalSeconds:0.#} s each after {settings.Warmup.TotalSeconds:0.#} s warm-up; server on core {settings.ServerCore}, h2load on core {settings.ClientCore}; load average {LoadAverage()}.");
        text.AppendLine();
        text.AppendLine("| scenario | requests/s (median round) | succeeded | failed | × floor (median of rounds) | × floor by round | server core µs per call | × floor by core time | core µs per call in the rounds (median) | × floor by core time (median of rounds) | by round |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.PerSecond:0} | {r.Succeeded} | {r.Failed} | {r.RatioToFloor:0.00} | {string.Join(" ", r.RoundRatios.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))} | {r.CoreMicrosecondsPerCall:0} | {r.CostRatioToFloor:0.00} | {r.RoundCoreMicroseconds:0} | {Median(r.RoundCostRatios):0.00} | {string.Join(" ", r.RoundCostRatios.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))} |");
        }
        return text.ToString();
    }

    // The gRPC length-prefixed message: uncompressed flag, big-endian length, the message.
    private static byte[] Framed(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    // h2load sees HTTP statuses only; a gRPC error would still be a 200, so the service's answer is
    // checked by a real client before (miss) or after (hit) the run.
    private static async Task ExpectAsync(RawValidator client, byte[] request, bool cached)
    {
        var response = ValidateDocumentResponse.Parser.ParseFrom(await client.CallAsync(request));
        if (response.Result is null || response.Cached != cached)
        {
            throw new InvalidOperationException($"the service answered without a result or with cached={response.Cached}");
        }
    }

    // A timed run (warm-up, then the duration), or a fixed number of calls.
    // With a server, a timed run also reads the server's processor time from the end of the warm-up to the
    // end, per call at the rate h2load measured: time the core spent on the neighbours is not counted.
    private async Task<FloorMeasurement> H2LoadAsync(string scenario, int port, string path, string frame, int? calls = null,
        ServerProcess? server = null)
    {
        Console.Error.WriteLine($"measuring (h2load): {scenario}");
        string[] arguments =
        [
            "-c", settings.ClientCore.ToString(), "h2load",
            "-c", settings.H2LoadConnections.ToString(), "-m", settings.H2LoadStreams.ToString(), "-t", "1",
            .. (calls is { } n
                ? new[] { "-n", n.ToString(CultureInfo.InvariantCulture) }
                : ["-D", settings.Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                    "--warm-up-time", settings.Warmup.TotalSeconds.ToString(CultureInfo.InvariantCulture)]),
            "-d", frame, "-H", "content-type: application/grpc", "-H", "te: trailers",
            $"http://127.0.0.1:{port}{path}",
        ];
        var start = new System.Diagnostics.ProcessStartInfo("taskset", arguments) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("h2load did not start");
        var reading = process.StandardOutput.ReadToEndAsync();
        var sampled = server is not null && calls is null;
        if (sampled)
        {
            await Task.Delay(settings.Warmup);
        }
        var cpuFrom = sampled ? server!.ProcessorTime : default;
        var from = System.Diagnostics.Stopwatch.GetTimestamp();
        var output = await reading;
        await process.WaitForExitAsync();
        var cpu = sampled ? server!.ProcessorTime - cpuFrom : default;
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(from).TotalSeconds;
        var rate = RateLine().Match(output);
        var requests = RequestsLine().Match(output);
        if (process.ExitCode != 0 || !rate.Success || !requests.Success)
        {
            throw new InvalidOperationException($"h2load failed (exit {process.ExitCode}):\n{output}");
        }
        var succeeded = long.Parse(requests.Groups["succeeded"].Value, CultureInfo.InvariantCulture);
        var failed = long.Parse(requests.Groups["failed"].Value, CultureInfo.InvariantCulture)
            + long.Parse(requests.Groups["errored"].Value, CultureInfo.InvariantCulture);
        var perSecond = double.Parse(rate.Groups["rate"].Value, CultureInfo.InvariantCulture);
        return new FloorMeasurement(scenario, perSecond, succeeded, failed)
        {
            RoundCoreMicroseconds = sampled ? cpu.TotalMicroseconds / (perSecond * seconds) : double.NaN,
        };
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    [GeneratedRegex(@"finished in [\d.]+\w+, (?<rate>[\d.]+) req/s")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex RequestsLine();
}
