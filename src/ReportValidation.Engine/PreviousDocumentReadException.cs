using ReportValidation.Reading;

namespace ReportValidation;

/// <summary>Last year's document could not be read: a failure of the request's second document, not of the report.</summary>
public sealed class PreviousDocumentReadException(DocumentReadException reason) : Exception(reason.Message, reason)
{
    public DocumentReadException Reason { get; } = reason;
}
