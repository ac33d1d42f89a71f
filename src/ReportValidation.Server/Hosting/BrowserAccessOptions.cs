namespace ReportValidation.Server.Hosting;

/// <summary>Which web origins may call the service from a browser (section <c>Cors</c>).</summary>
public sealed class BrowserAccessOptions
{
    public const string Section = "Cors";

    /// <summary>Origins allowed to call gRPC-Web and JSON, e.g. "https://portal.example.gov.cn"; "*" for any. Empty: same origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
