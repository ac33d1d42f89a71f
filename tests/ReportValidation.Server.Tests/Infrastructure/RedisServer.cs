using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReportValidation.Server.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a free loopback port, which a test may stop and start again on the same port.
/// The binary comes from REPORTVALIDATION_REDIS_SERVER (set by scripts/test.sh) or PATH; without one
/// the tests fail, since the cache's behaviour against Redis is what they check.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    public RedisServer()
    {
        Port = FreePort.Next();
        Start();
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static string Binary()
    {
        var configured = Environment.GetEnvironmentVariable("REPORTVALIDATION_REDIS_SERVER");
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(configured))
        {
            return configured;
        }
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            "redis-server was not found: set REPORTVALIDATION_REDIS_SERVER to its path or install it (apt-get install redis-server); " +
            "scripts/test.sh does both. The cache tests need a real Redis.");
    }

    public void Start()
    {
        var start = new ProcessStartInfo(Binary())
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilAccepting(Port);
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        _process = null;
    }

    public static void WaitUntilAccepting(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }
        throw new InvalidOperationException($"redis-server did not accept connections on port {port}");
    }

    public void Dispose() => Stop();
}

/// <summary>
/// The Redis most tests share: the one scripts/test.sh started (REPORTVALIDATION_TEST_REDIS), or one
/// started here when the tests run by hand.
/// </summary>
public sealed class SharedRedis : IDisposable
{
    private static readonly Lazy<SharedRedis> Instance = new(() =>
    {
        var redis = new SharedRedis();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => redis.Dispose();
        return redis;
    });

    private readonly RedisServer? _own;

    /// <summary>Its configuration string, e.g. 127.0.0.1:6390.</summary>
    public static string Address => Instance.Value.Configuration;

    public SharedRedis()
    {
        var shared = Environment.GetEnvironmentVariable("REPORTVALIDATION_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(shared))
        {
            Configuration = shared;
            RedisServer.WaitUntilAccepting(int.Parse(shared[(shared.LastIndexOf(':') + 1)..]));
        }
        else
        {
            _own = new RedisServer();
            Configuration = _own.Configuration;
        }
    }

    public string Configuration { get; }

    public void Dispose() => _own?.Dispose();
}

public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
