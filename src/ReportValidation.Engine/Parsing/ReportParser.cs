using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>
/// Source document to typed report: metadata, the six sections, the template version, and the three
/// tables. Parsing never throws on odd content: what it cannot find stays marked as not found or
/// missing, for the rules to report.
/// </summary>
public static class ReportParser
{
    public static Report Parse(SourceDocument document, CancellationToken cancellationToken = default)
    {
        var report = new Report { SourceFormat = document.Format };
        report.ReadingNotes.AddRange(document.ReadingNotes);
        if (document.Format != SourceFormat.Text)
        {
            // The caller has bytes, not this text; spans point into it, so it travels with the report.
            report.ExtractedText = document.Text;
        }
        MetadataReader.Read(document, report);
        cancellationToken.ThrowIfCancellationRequested();

        var headings = SectionReader.FindHeadings(document);
        report.Sections.AddRange(SectionReader.Read(document, headings));
        cancellationToken.ThrowIfCancellationRequested();

        using var tokens = new TableTokenSet(document, TableRegions.Find(document, headings));
        report.TemplateVersion = TemplateDetector.Detect(tokens.ActiveDisclosure, tokens.Applications, report.Year);
        report.ActiveDisclosure = ActiveDisclosureTableReader.Read(document, tokens.ActiveDisclosure, report.TemplateVersion);
        cancellationToken.ThrowIfCancellationRequested();
        report.Applications = ApplicationsTableReader.Read(document, tokens.Applications, report.TemplateVersion);
        report.ReviewLitigation = ReviewLitigationTableReader.Read(document, tokens.ReviewLitigation);
        return report;
    }
}
