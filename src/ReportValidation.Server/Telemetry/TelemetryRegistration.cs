using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using ReportValidation.Server.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ReportValidation.Server.Telemetry;

/// <summary>Telemetry settings (section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    [Required]
    public string ServiceName { get; set; } = "reportvalidation";

    /// <summary>
    /// OTLP collector (e.g. http://otel-collector:4317). Empty: the standard OTEL_EXPORTER_OTLP_ENDPOINT (and
    /// its per-signal forms) decide; with neither, nothing is exported.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc or http/protobuf.</summary>
    [AllowedValues("grpc", "http/protobuf", ErrorMessage = "must be grpc or http/protobuf")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Path of the Prometheus scrape endpoint on the HTTP/1.1 port.</summary>
    [RegularExpression("^/.*", ErrorMessage = "must start with /")]
    public string PrometheusPath { get; set; } = "/metrics";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("not an absolute URI (e.g. http://otel-collector:4317)", [nameof(OtlpEndpoint)]);
        }
    }
}

public static class TelemetryRegistration
{
    /// <summary>
    /// Traces (ASP.NET Core server spans with the service's parse/rules/cache spans under them),
    /// metrics (Prometheus scrape, OTLP when configured) and logs carrying trace and span ids.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddCheckedSettings<TelemetryOptions>(TelemetryOptions.Section);
        builder.Services.AddSingleton<ServerTelemetry>();

        var otlp = OtlpExport.From(options, builder.Configuration);

        // Every log line written inside a span carries its trace and span id, console included.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.IncludeScopes = true;
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            // The default resource already reads OTEL_RESOURCE_ATTRIBUTES; OTEL_SERVICE_NAME wins over the setting.
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ServerTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .DropPerCallInstruments()
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp.Enabled)
                {
                    metrics.AddOtlpExporter(otlp.For("metrics"));
                }
            });
        // Spans are recorded only when something receives them: without a collector, recording every
        // call's spans would cost the hot path for nothing. (Log lines still carry trace and span ids.)
        if (otlp.Enabled)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ServerTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context =>
                    !context.Request.Path.StartsWithSegments(options.PrometheusPath))
                .AddOtlpExporter(otlp.For("traces")));
            telemetry.WithLogging(logging => logging.AddOtlpExporter(otlp.For("logs")), logging => logging.IncludeScopes = true);
        }
        return builder;
    }

    /// <summary>
    /// ASP.NET Core instruments recorded several times per call that no one watches (README, "What to
    /// watch"): Kestrel's memory pool (a measurement for every block rented and returned, 4-5% of a cache
    /// hit's core), requests queued for the thread pool, and routing's match attempts. A dropped
    /// instrument has no listener, so Kestrel does not record it at all. Process memory and saturation
    /// stay in the runtime metrics, <c>kestrel.active_connections</c> and <c>http.server.active_requests</c>.
    /// </summary>
    public static readonly string[] DroppedInstruments =
        ["aspnetcore.memory_pool.*", "kestrel.queued_requests", "aspnetcore.routing.match_attempts"];

    private static MeterProviderBuilder DropPerCallInstruments(this MeterProviderBuilder metrics)
    {
        foreach (var instrument in DroppedInstruments)
        {
            metrics.AddView(instrument, MetricStreamConfiguration.Drop);
        }
        return metrics;
    }

    /// <summary>/metrics on the HTTP port, or only on <c>Server:MetricsPort</c> when the server has one.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
        if (app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.MetricsPort is null)
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        }
        else
        {
            // Matched by the port the connection came in on, known once Kestrel has bound it (0 in tests).
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Connection.LocalPort == endpoints.MetricsAddress!.Port && context.Request.Path == options.PrometheusPath);
        }
        return app;
    }
}

/// <summary>
/// Where OTLP goes: <c>Telemetry:OtlpEndpoint</c> and <c>Telemetry:OtlpProtocol</c> when set; otherwise the
/// exporter's own reading of the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS and
/// their per-signal forms), so a deployment configured the OpenTelemetry way needs nothing of ours.
/// </summary>
internal sealed record OtlpExport(bool Enabled, Uri? Endpoint, OtlpExportProtocol Protocol)
{
    private static readonly string[] StandardEndpoints =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static OtlpExport From(TelemetryOptions options, IConfiguration configuration)
    {
        // A malformed endpoint is left to the settings check at start, which names it.
        if (Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            var protocol = options.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            return new OtlpExport(true, endpoint, protocol);
        }
        return new OtlpExport(StandardEndpoints.Any(name => !string.IsNullOrWhiteSpace(configuration[name])), null, default);
    }

    /// <summary>The exporter settings of one signal: over gRPC the collector's address; over HTTP each signal has its path.</summary>
    public Action<OtlpExporterOptions> For(string signal) => exporter =>
    {
        if (Endpoint is null)
        {
            return; // the exporter has read the OTEL_* variables itself
        }
        exporter.Protocol = Protocol;
        exporter.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(Endpoint, $"{Endpoint.AbsolutePath.TrimEnd('/')}/v1/{signal}")
            : Endpoint;
    };
}
