using System.ComponentModel.DataAnnotations;

namespace ReportValidation.Server.Hosting;

/// <summary>Which web origins may call the service from a browser (section <c>Cors</c>).</summary>
public sealed class BrowserAccessOptions : IValidatableObject
{
    public const string Section = "Cors";

    /// <summary>Origins allowed to call gRPC-Web and JSON, e.g. "https://portal.example.gov.cn"; "*" for any. Empty: same origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins.Where(origin => origin != "*" && !IsOrigin(origin)))
        {
            yield return new ValidationResult($"'{origin}' is not an origin (scheme://host[:port], no path) nor *", [nameof(AllowedOrigins)]);
        }
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && !origin.EndsWith('/');
}
