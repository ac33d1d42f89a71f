using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReportValidation.Server.Hosting;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests.Infrastructure;

/// <summary>
/// The real server (its Program), started in this process on Kestrel with both ports on free loopback
/// ports, and clients over real sockets: gRPC over HTTP/2, plain HTTP/1.1 for JSON and gRPC-Web.
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly List<GrpcChannel> _channels = [];
    private readonly Action<IServiceCollection>? _replaceServices;

    /// <param name="settings">configuration over appsettings.json</param>
    /// <param name="replaceServices">registrations over the server's own (a test's stand-in for a part)</param>
    public ServiceHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        _replaceServices = replaceServices;
        Logs = new LogSink();
        _settings = new Dictionary<string, string?>
        {
            ["Server:Address"] = "127.0.0.1",
            ["Server:GrpcPort"] = "0",
            ["Server:HttpPort"] = "0",
            ["Server:ShutdownTimeoutSeconds"] = "10",
            ["Redis:RetryAfterMilliseconds"] = "200",
            // The machine running the tests may be busy: a first connect slower than the production
            // 250 ms would bypass Redis and make an expected hit a miss. A stopped Redis still fails
            // at once (fail-fast backlog), which is what the outage test measures.
            ["Redis:ConnectTimeoutMilliseconds"] = "5000",
            ["Redis:OperationTimeoutMilliseconds"] = "2000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        UseKestrel();
        StartServer();
        var endpoints = Services.GetRequiredService<ServerEndpoints>();
        GrpcAddress = endpoints.GrpcAddress;
        HttpAddress = endpoints.HttpAddress;
    }

    public static ServiceHost WithRedis(string configuration, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Redis:Configuration"] = configuration,
            // Each test gets its own key space in the shared Redis.
            ["Redis:InstanceName"] = $"test-{Guid.NewGuid():N}:",
        };
        return new ServiceHost(all);
    }

    /// <summary>Everything the server logged.</summary>
    public LogSink Logs { get; }

    public Uri GrpcAddress { get; }
    public Uri HttpAddress { get; }

    public GrpcChannel Channel(GrpcChannelOptions? options = null)
    {
        var channel = GrpcChannel.ForAddress(GrpcAddress, options ?? new GrpcChannelOptions());
        _channels.Add(channel);
        return channel;
    }

    public ReportValidator.ReportValidatorClient Client(GrpcChannelOptions? options = null) => new(Channel(options));

    public HttpClient Http() => new() { BaseAddress = HttpAddress, DefaultRequestVersion = HttpVersion.Version11 };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        if (_replaceServices is not null)
        {
            builder.ConfigureTestServices(_replaceServices);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The server first, so calls still open can finish during its graceful shutdown.
        base.Dispose(disposing);
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
