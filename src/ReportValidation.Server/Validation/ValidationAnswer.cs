using Google.Protobuf;

namespace ReportValidation.V1;

/// <summary>
/// What every answer carrying a result also says about it, so one method fills a call's response and
/// each answer of a batch stream alike. The generated properties implement it.
/// </summary>
public interface IValidationAnswer<TSelf> : IMessage<TSelf> where TSelf : IValidationAnswer<TSelf>
{
    bool Cached { get; set; }
    string ContentHash { get; set; }
}

public sealed partial class ValidateDocumentResponse : IValidationAnswer<ValidateDocumentResponse>;

public sealed partial class ValidateReportResponse : IValidationAnswer<ValidateReportResponse>;

public sealed partial class ValidateBatchResponse : IValidationAnswer<ValidateBatchResponse>;
