using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ReportValidation.Server.Hosting;

/// <summary>Where the server listens (section <c>Server</c>).</summary>
public sealed class EndpointOptions : IValidatableObject
{
    public const string Section = "Server";

    /// <summary>Address to bind both ports to; "0.0.0.0" for every interface.</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>HTTP/2-only port for native gRPC (and Kubernetes gRPC probes). 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 5080;

    /// <summary>HTTP/1.1 port for gRPC-Web, JSON, the page and metrics. 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 5081;

    /// <summary>
    /// A port for Prometheus's /metrics alone (HTTP/1.1, no TLS), so a NetworkPolicy can admit only the
    /// monitoring namespace to it; the HTTP port then serves no metrics. Unset: metrics on the HTTP port.
    /// </summary>
    [Range(0, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>PEM or PFX certificate; TLS is on for both ports when set.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key for <see cref="CertificatePath"/>; empty for a PFX.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>Password of a PFX certificate.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>How long shutdown waits for in-flight calls to finish.</summary>
    [Range(0, 3600)]
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    public bool UsesTls => !string.IsNullOrWhiteSpace(CertificatePath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Address, out _))
        {
            yield return new ValidationResult("not an IP address (e.g. 127.0.0.1, 0.0.0.0 or ::)", [nameof(Address)]);
        }
        if (GrpcPort != 0 && GrpcPort == HttpPort)
        {
            yield return new ValidationResult("gRPC (HTTP/2) and HTTP/1.1 need ports of their own", [nameof(GrpcPort), nameof(HttpPort)]);
        }
        if (MetricsPort is { } metrics && metrics != 0 && (metrics == GrpcPort || metrics == HttpPort))
        {
            yield return new ValidationResult("/metrics needs a port of its own", [nameof(MetricsPort)]);
        }
        if (UsesTls && !File.Exists(CertificatePath))
        {
            yield return new ValidationResult($"no such file: {CertificatePath}", [nameof(CertificatePath)]);
        }
        if (!string.IsNullOrWhiteSpace(CertificateKeyPath) && !UsesTls)
        {
            yield return new ValidationResult("a key without a certificate: set Server:CertificatePath too", [nameof(CertificateKeyPath)]);
        }
        else if (!string.IsNullOrWhiteSpace(CertificateKeyPath) && !File.Exists(CertificateKeyPath))
        {
            yield return new ValidationResult($"no such file: {CertificateKeyPath}", [nameof(CertificateKeyPath)]);
        }
    }
}

/// <summary>Limits on calls (section <c>Limits</c>).</summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Largest gRPC message accepted (document and previous document together); a JSON or gRPC-Web text
    /// body may be a third larger plus 64 KiB (base64, field names). Over it: 413 / RESOURCE_EXHAUSTED,
    /// before the body is read.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxMessageBytes { get; set; } = 40 * 1024 * 1024;

    /// <summary>Largest single document the engine reads; larger ones get RESOURCE_EXHAUSTED.</summary>
    [Range(1, int.MaxValue)]
    public int MaxDocumentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Validation calls running at once; further calls queue up to <see cref="QueuedCalls"/>, then RESOURCE_EXHAUSTED.</summary>
    [Range(1, int.MaxValue)]
    public int MaxConcurrentCalls { get; set; } = 256;

    [Range(0, int.MaxValue)]
    public int QueuedCalls { get; set; } = 512;

    /// <summary>Calls admitted per second (token bucket); 0 turns the rate limit off.</summary>
    [Range(0, int.MaxValue)]
    public int CallsPerSecond { get; set; }

    /// <summary>
    /// Engine runs (parse and rules, CPU-bound) at once; 0 means one per processor. Calls beyond it wait
    /// without holding a thread, so cache hits and health checks are not starved by misses.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxConcurrentValidations { get; set; }

    /// <summary>
    /// Documents of one ValidateBatch stream validated side by side (answers still go out in order); 0
    /// means two per engine thread. A caller that stops reading answers holds back at most this many.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int BatchDocumentsInFlight { get; set; }

    /// <summary>Longest a call may run when the caller sets no shorter deadline.</summary>
    [Range(1, int.MaxValue)]
    public int CallTimeoutMilliseconds { get; set; } = 30_000;
}
