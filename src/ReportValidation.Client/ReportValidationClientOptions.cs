namespace ReportValidation.Client;

/// <summary>Where the service is and how calls to it behave; the defaults are the deployment's (README, "gRPC and load balancing").</summary>
public sealed class ReportValidationClientOptions
{
    /// <summary>
    /// The service. <c>dns:///host:port</c> resolves every address of the host (a headless Service's pods)
    /// and spreads calls over them round robin; <c>http://</c>/<c>https://</c> addresses use one connection.
    /// </summary>
    public Uri Address { get; set; } = new("dns:///reportvalidation-grpc.reportvalidation.svc.cluster.local:5080");

    /// <summary>TLS to the service. Off by default: in the cluster the service speaks HTTP/2 without TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>Deadline of a call that sets none (not of ValidateBatch streams, which last as long as they need).</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first included, while the service answers UNAVAILABLE (a replica going away). 1 = no retries.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry's upper backoff; each further one doubles, up to two seconds.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a <c>dns:///</c> address is resolved again, so pods added by the autoscaler get calls.</summary>
    public TimeSpan DnsRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
