using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using ReportValidation.Bench;
using ReportValidation.V1;

namespace ReportValidation.LoadGenerator;

public sealed record Measurement(string Scenario, long Calls, long Failed, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Calls / Seconds;
}

/// <summary>The scenarios, each a short closed loop of concurrent calls over one HTTP/2 channel.</summary>
public sealed class Measurements(LoadSettings settings)
{
    private readonly string _seed = File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "004_*.txt").Single());
    private long _unique;

    public async Task<List<Measurement>> RunAsync()
    {
        PinToClientCore();
        var results = new List<Measurement>();
        await MeasureEchoAsync(results);
        await MeasureInMemoryCacheAsync(results);
        await MeasureRedisAsync(results);
        return results;
    }

    public void PinToClientCore()
    {
        if (OperatingSystem.IsLinux())
        {
            using var self = Process.GetCurrentProcess();
            self.ProcessorAffinity = (nint)(1L << settings.ClientCore);
        }
    }

    /// <summary>The floor: the bare echo server, empty and with a seed-sized message.</summary>
    private async Task MeasureEchoAsync(List<Measurement> results)
    {
        using var echo = StartEcho(out var echoPort);
        await ServerProcess.WaitForPortAsync(echoPort);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{echoPort}");
        var client = new Echo.EchoClient(channel);
        var empty = new EchoMessage();
        // A discarded first run: this process's own JIT warm-up would otherwise lower the floor.
        await MeasureAsync("warm-up (discarded)", async () => await client.SayAsync(empty));
        results.Add(await MeasureAsync("echo floor (empty message)", async () => await client.SayAsync(empty)));
        var sized = new EchoMessage { Payload = ByteString.CopyFromUtf8(_seed) };
        results.Add(await MeasureAsync("echo, a seed-sized message", async () => await client.SayAsync(sized)));
    }

    private async Task MeasureInMemoryCacheAsync(List<Measurement> results)
    {
        using var server = StartServer(new Dictionary<string, string>(), out var port);
        var client = await ConnectAsync(port);
        results.Add(await MeasureAsync("ValidateDocument, cache miss (in-memory cache)", async () => await client.CallAsync(UniqueRequest())));
        results.Add(await MeasureBatchAsync("ValidateBatch, one stream of new documents", client));
        var same = Request(_seed);
        await client.CallAsync(same);
        results.Add(await MeasureAsync("ValidateDocument, in-memory hit", async () => await client.CallAsync(same)));
    }

    /// <summary>Hits from Redis with the in-memory level off, misses with Redis up, then misses with Redis stopped.</summary>
    private async Task MeasureRedisAsync(List<Measurement> results)
    {
        var redisPort = ServerProcess.FreePort();
        var redis = ServerProcess.Start(settings.ServerCore, settings.RedisServer,
            ["--port", redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        try
        {
            await ServerProcess.WaitForPortAsync(redisPort);
            var redisSettings = new Dictionary<string, string>
            {
                ["Redis__Configuration"] = $"127.0.0.1:{redisPort}",
                ["Cache__MemoryLimitBytes"] = "0", // every hit goes to Redis
            };
            using var server = StartServer(redisSettings, out var port);
            var client = await ConnectAsync(port);
            var same = Request(_seed);
            await client.CallAsync(same);
            results.Add(await MeasureAsync("ValidateDocument, Redis hit (in-memory level off)", async () => await client.CallAsync(same)));
            results.Add(await MeasureAsync("ValidateDocument, cache miss with Redis up", async () => await client.CallAsync(UniqueRequest())));
            redis.Dispose();
            results.Add(await MeasureAsync("ValidateDocument, Redis stopped (misses)", async () => await client.CallAsync(UniqueRequest())));
        }
        finally
        {
            redis.Dispose();
        }
    }

    private ServerProcess StartEcho(out int port)
    {
        (var echo, port) = StartEcho(answerBytes: 0);
        return echo;
    }

    /// <summary>The bare echo server; its Floor method answers a fixed message of <paramref name="answerBytes"/>.</summary>
    public (ServerProcess Server, int Port) StartEcho(int answerBytes)
    {
        var port = ServerProcess.FreePort();
        var dll = Path.Combine(settings.Repository, "bench", "ReportValidation.EchoServer", "bin", settings.Configuration, "net10.0", "ReportValidation.EchoServer.dll");
        var environment = new Dictionary<string, string> { ["Echo__Port"] = port.ToString(), ["Echo__AnswerBytes"] = answerBytes.ToString() };
        foreach (var (name, value) in settings.ServerEnvironment)
        {
            environment[name] = value;
        }
        return (ServerProcess.Start(settings.ServerCore, "dotnet", [dll], environment), port);
    }

    /// <summary>The service, or with <paramref name="b"/> its B build or settings (--b-server-dll, --b-server-env).</summary>
    public (ServerProcess Server, int Port) StartServer(IDictionary<string, string> extra, bool b)
    {
        var server = StartServer(extra, out var port, b);
        return (server, port);
    }

    private ServerProcess StartServer(IDictionary<string, string> extra, out int port, bool b = false)
    {
        port = ServerProcess.FreePort();
        var project = Path.Combine(settings.Repository, "src", "ReportValidation.Server");
        var dll = (b ? settings.BServerDll : null) ?? settings.ServerDll
            ?? Path.Combine(project, "bin", settings.Configuration, "net10.0", "ReportValidation.Server.dll");
        var environment = new Dictionary<string, string>(extra)
        {
            ["Server__Address"] = "127.0.0.1",
            ["Server__GrpcPort"] = port.ToString(),
            ["Server__HttpPort"] = ServerProcess.FreePort().ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Limits__MaxConcurrentCalls"] = "1024",
        };
        foreach (var (name, value) in b ? settings.ServerEnvironment.Concat(settings.BServerEnvironment) : settings.ServerEnvironment)
        {
            environment[name] = value;
        }
        return ServerProcess.Start(settings.ServerCore, "dotnet", [dll, "--contentRoot", project], environment);
    }

    public static async Task<RawValidator> ConnectAsync(int port)
    {
        await ServerProcess.WaitForPortAsync(port);
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        await new ReportValidator.ReportValidatorClient(channel).ListRulesAsync(new ListRulesRequest());
        return new RawValidator(channel);
    }

    private static byte[] Request(string text) => new ValidateDocumentRequest { Document = new Document { Text = text } }.ToByteArray();

    // A different document every call: the seed with a distinct trailing line, so parse and rules run.
    private string UniqueText() => $"{_seed}\n{Interlocked.Increment(ref _unique)}\n";

    private byte[] UniqueRequest() => Request(UniqueText());

    private byte[] UniqueBatchRequest() => new ValidateBatchRequest { Document = new Document { Text = UniqueText() } }.ToByteArray();

    private async Task<Measurement> MeasureAsync(string scenario, Func<Task> call)
    {
        Console.Error.WriteLine($"measuring: {scenario}");
        var stopAt = Stopwatch.GetTimestamp() + (long)((settings.Warmup + settings.Duration).TotalSeconds * Stopwatch.Frequency);
        var measureFrom = Stopwatch.GetTimestamp() + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<long>[settings.Concurrency];
        long failed = 0;
        long firstMeasured = long.MaxValue, lastMeasured = 0;
        var workers = Enumerable.Range(0, settings.Concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(1 << 16);
            long first = long.MaxValue, last = 0;
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= stopAt)
                {
                    break;
                }
                var ok = true;
                try
                {
                    await call();
                }
                catch (Exception)
                {
                    ok = false;
                }
                var ended = Stopwatch.GetTimestamp();
                if (started >= measureFrom)
                {
                    if (ok)
                    {
                        mine.Add(ended - started);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                    first = Math.Min(first, started);
                    last = Math.Max(last, ended);
                }
            }
            lock (latencies)
            {
                firstMeasured = Math.Min(firstMeasured, first);
                lastMeasured = Math.Max(lastMeasured, last);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return Summarize(scenario, latencies.SelectMany(l => l), failed, firstMeasured, lastMeasured);
    }

    // Latencies and the measured span in Stopwatch ticks.
    private static Measurement Summarize(string scenario, IEnumerable<long> latencies, long failed, long first, long last)
    {
        var all = latencies.Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN
            : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return new Measurement(scenario, all.Length, failed, (last - first) / (double)Stopwatch.Frequency, Percentile(0.50), Percentile(0.99));
    }

    // One ValidateBatch stream, new documents written as fast as flow control lets them: documents per
    // second, and each document's time from being written to its answer (answers come in order).
    private async Task<Measurement> MeasureBatchAsync(string scenario, RawValidator client)
    {
        Console.Error.WriteLine($"measuring: {scenario}");
        var measureFrom = Stopwatch.GetTimestamp() + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        using var call = client.Batch();
        var sent = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var writer = Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var request = UniqueBatchRequest();
                sent.Enqueue(Stopwatch.GetTimestamp());
                await call.RequestStream.WriteAsync(request);
            }
            await call.RequestStream.CompleteAsync();
        });
        var latencies = new List<long>(1 << 16);
        long failed = 0, first = long.MaxValue, last = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var ended = Stopwatch.GetTimestamp();
            sent.TryDequeue(out var started);
            if (started < measureFrom)
            {
                continue;
            }
            var response = ValidateBatchResponse.Parser.ParseFrom(call.ResponseStream.Current);
            if (response.OutcomeCase == ValidateBatchResponse.OutcomeOneofCase.Result)
            {
                latencies.Add(ended - started);
            }
            else
            {
                failed++;
            }
            first = Math.Min(first, started);
            last = Math.Max(last, ended);
        }
        await writer;
        return Summarize(scenario, latencies, failed, first, last);
    }
}

/// <summary>
/// ValidateDocument with the messages left as bytes on this side, as h2load or ghz would send them: the
/// measurement is the server's work, not this process parsing 15 KB reports on its one core.
/// </summary>
public sealed class RawValidator(GrpcChannel channel)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);
    private static readonly Method<byte[], byte[]> ValidateDocument =
        new(MethodType.Unary, "reportvalidation.v1.ReportValidator", "ValidateDocument", Bytes, Bytes);

    private readonly CallInvoker _invoker = channel.CreateCallInvoker();

    private static readonly Method<byte[], byte[]> ValidateBatch =
        new(MethodType.DuplexStreaming, "reportvalidation.v1.ReportValidator", "ValidateBatch", Bytes, Bytes);

    public async Task<byte[]> CallAsync(byte[] request) =>
        await _invoker.AsyncUnaryCall(ValidateDocument, null, new CallOptions(), request);

    public AsyncDuplexStreamingCall<byte[], byte[]> Batch() => _invoker.AsyncDuplexStreamingCall(ValidateBatch, null, new CallOptions());
}
