using ReportValidation.Server.Caching;

// What the service's marshallers carry beside the generated messages (ValidatorBinding): these fields
// are not part of the messages' contract, their equality or their clones.
namespace ReportValidation.V1;

public sealed partial class ValidateDocumentRequest
{
    /// <summary>The request's digest, taken from its wire bytes as they arrived; null for JSON and unusual encodings.</summary>
    internal ReportValidation.Server.Caching.ContentHash? WireDigest { get; set; }
}

public sealed partial class ValidateDocumentResponse
{
    /// <summary>A result to write as its stored encoding in place of <see cref="Result"/> (binary responses only).</summary>
    internal EncodedResult? Encoded { get; set; }
}

public sealed partial class ValidateReportResponse
{
    internal EncodedResult? Encoded { get; set; }
}
