using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tables;

/// <summary>Source document to typed report. PLACEHOLDER until the parsing lands.</summary>
public static class ReportParser
{
    public static Report Parse(SourceDocument document, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new Report { SourceFormat = document.Format };
    }
}
