using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ReportValidation.Server.Hosting;

/// <summary>
/// The two listeners: native gRPC needs HTTP/2 without TLS (prior knowledge), which a port cannot
/// share with HTTP/1.1; browsers, curl and Prometheus speak HTTP/1.1. Kept so the real ports can be
/// read back after binding when 0 was asked for.
/// </summary>
public sealed class ServerEndpoints
{
    internal ListenOptions? Grpc { get; set; }
    internal ListenOptions? Http { get; set; }
    internal ListenOptions? Metrics { get; set; }
    internal bool Tls { get; set; }

    public Uri GrpcAddress => Address(Grpc);
    public Uri HttpAddress => Address(Http);

    /// <summary>Where /metrics is served when it has a port of its own (<c>Server:MetricsPort</c>), else null.</summary>
    public Uri? MetricsAddress => Metrics is null ? null : new UriBuilder(Address(Metrics)) { Scheme = "http" }.Uri;

    private Uri Address(ListenOptions? listen)
    {
        var endpoint = listen?.IPEndPoint ?? throw new InvalidOperationException("The server has not bound its ports yet.");
        var host = endpoint.Address.Equals(IPAddress.Any) ? "localhost" : endpoint.Address.ToString();
        return new Uri($"{(Tls ? "https" : "http")}://{host}:{endpoint.Port}");
    }
}

public static partial class ServerEndpointsRegistration
{
    private const long DefaultBodyBytes = 1024 * 1024;

    /// <summary>Kestrel's ports, TLS, body limits and shutdown timeout from <see cref="EndpointOptions"/>.</summary>
    public static IServiceCollection AddServerEndpoints(this IServiceCollection services)
    {
        services.AddCheckedSettings<EndpointOptions>(EndpointOptions.Section);
        services.AddCheckedSettings<LimitOptions>(LimitOptions.Section);
        services.AddSingleton<ServerEndpoints>();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<EndpointOptions>, ServerEndpoints>((kestrel, endpointOptions, endpoints) =>
            {
                var options = endpointOptions.Value;
                var address = IPAddress.Parse(options.Address);
                var certificate = LoadCertificate(options);
                endpoints.Tls = certificate is not null;
                // Small by default (health, reflection, the page): the validator's endpoints get theirs from
                // Limits:MaxMessageBytes in CallGate, and gRPC lifts it for streams, whose messages it
                // checks one by one.
                kestrel.Limits.MaxRequestBodySize = DefaultBodyBytes;
                kestrel.Listen(address, options.GrpcPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }
                    endpoints.Grpc = listen;
                });
                kestrel.Listen(address, options.HttpPort, listen =>
                {
                    listen.Protocols = certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }
                    endpoints.Http = listen;
                });
                if (options.MetricsPort is { } metricsPort)
                {
                    kestrel.Listen(address, metricsPort, listen =>
                    {
                        listen.Protocols = HttpProtocols.Http1;
                        endpoints.Metrics = listen;
                    });
                }
            });
        // Read from configuration, not IOptions<EndpointOptions>: the host reads HostOptions while it is
        // built, before the settings check at start would report every bad setting at once.
        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) => host.ShutdownTimeout =
            TimeSpan.FromSeconds(configuration.GetValue($"{EndpointOptions.Section}:{nameof(EndpointOptions.ShutdownTimeoutSeconds)}", 30)));
        services.AddHostedService<ListeningAnnouncement>();
        return services;
    }

    private static X509Certificate2? LoadCertificate(EndpointOptions options)
    {
        if (!options.UsesTls)
        {
            return null;
        }
        return string.IsNullOrWhiteSpace(options.CertificateKeyPath)
            ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword)
            : X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.CertificateKeyPath);
    }
}

/// <summary>Says where the server listens once the ports are bound (run.sh relies on this line).</summary>
internal sealed partial class ListeningAnnouncement(IHostApplicationLifetime lifetime, ServerEndpoints endpoints,
    ILogger<ListeningAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            Listening(logger, endpoints.GrpcAddress, endpoints.HttpAddress);
            if (endpoints.MetricsAddress is { } metrics)
            {
                MetricsOnTheirOwn(logger, metrics);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Listening: gRPC (HTTP/2) on {GrpcAddress}; gRPC-Web, JSON, page and /metrics (HTTP/1.1) on {HttpAddress}")]
    private static partial void Listening(ILogger logger, Uri grpcAddress, Uri httpAddress);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Metrics on {MetricsAddress} only (Server:MetricsPort)")]
    private static partial void MetricsOnTheirOwn(ILogger logger, Uri metricsAddress);
}
