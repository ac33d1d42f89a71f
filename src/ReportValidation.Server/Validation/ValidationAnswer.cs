using Google.Protobuf;
using ReportValidation.Server.Caching;

namespace ReportValidation.V1;

/// <summary>
/// What every answer carrying a result also says about it, so one method fills a call's response and
/// each answer of a batch stream alike. The generated properties implement it.
/// </summary>
public interface IValidationAnswer<TSelf> : IMessage<TSelf> where TSelf : IValidationAnswer<TSelf>
{
    ValidationResult Result { get; set; }
    bool Cached { get; set; }
    string ContentHash { get; set; }
}

/// <summary>
/// A result the service's marshaller writes as its stored encoding in place of the `result` field
/// (binary responses only). Not part of the message: its equality, clones and JSON ignore it.
/// </summary>
internal interface IEncodedAnswer
{
    EncodedResult? Encoded { get; set; }
}

public sealed partial class ValidateDocumentResponse : IValidationAnswer<ValidateDocumentResponse>, IEncodedAnswer
{
    EncodedResult? IEncodedAnswer.Encoded { get; set; }
}

public sealed partial class ValidateReportResponse : IValidationAnswer<ValidateReportResponse>, IEncodedAnswer
{
    EncodedResult? IEncodedAnswer.Encoded { get; set; }
}

public sealed partial class ValidateBatchResponse : IValidationAnswer<ValidateBatchResponse>, IEncodedAnswer
{
    EncodedResult? IEncodedAnswer.Encoded { get; set; }
}

/// <summary>A request to validate one document, alone (ValidateDocument) or in a stream (ValidateBatch).</summary>
public interface IDocumentRequest
{
    Document Document { get; }
    Document PreviousDocument { get; }
    ValidationOptions Options { get; }
    string RequestId { get; }
    ResultView View { get; }

    /// <summary>The request's digest, taken from its wire bytes as they arrived; null for JSON and unusual encodings.</summary>
    ReportValidation.Server.Caching.ContentHash? WireDigest { get; set; }
}

public sealed partial class ValidateDocumentRequest : IDocumentRequest
{
    public ReportValidation.Server.Caching.ContentHash? WireDigest { get; set; }
}

public sealed partial class ValidateBatchRequest : IDocumentRequest
{
    public ReportValidation.Server.Caching.ContentHash? WireDigest { get; set; }
}
