using ReportValidation.Reading;
using ReportValidation.Rules;
using ReportValidation.Template;
using ReportValidation.Parsing;
using ReportValidation.V1;

namespace ReportValidation;

/// <summary>
/// The one entry point the CLI, the server and the benchmarks share: read a document, parse it into
/// the typed report, run the rule catalog, and sum up the verdict.
/// </summary>
public sealed class ReportEngine(RuleCatalog rules, ReadingLimits limits)
{
    public static ReportEngine Default { get; } = new(RuleCatalog.Default, ReadingLimits.Default);

    public RuleCatalog Rules { get; } = rules;
    public ReadingLimits Limits { get; } = limits;

    /// <summary>Both national templates, bilingual: the tables, rows and columns the engine reads and names.</summary>
    public NationalTemplate Template { get; } = NationalTemplates.Describe();

    /// <summary>Reads and parses a document. Throws <see cref="DocumentReadException"/> when it cannot be read.</summary>
    public Report Parse(InputDocument document, CancellationToken cancellationToken = default)
    {
        // The report copies what it keeps out of the source, whose pooled grid goes back when parsed.
        using var source = DocumentReader.Read(document, Limits, cancellationToken);
        return ReportParser.Parse(source, cancellationToken);
    }

    /// <summary>
    /// Reads, parses and validates a document, with last year's for the cross-year rules. Throws
    /// <see cref="DocumentReadException"/> when the document cannot be read and
    /// <see cref="PreviousDocumentReadException"/> when last year's cannot.
    /// </summary>
    public ValidationResult Validate(InputDocument document, InputDocument? previous = null,
        ValidationOptions? options = null, CancellationToken cancellationToken = default, IValidationObserver? observer = null)
    {
        Report report;
        Report? previousReport;
        using (observer?.StartParsing(document))
        {
            report = Parse(document, cancellationToken);
            previousReport = previous is null ? null : ParsePrevious(previous, cancellationToken);
            observer?.Parsed(report);
        }
        return ValidateReport(report, previousReport, options, cancellationToken, observer);
    }

    private Report ParsePrevious(InputDocument previous, CancellationToken cancellationToken)
    {
        try
        {
            return Parse(previous, cancellationToken);
        }
        catch (DocumentReadException exception)
        {
            throw new PreviousDocumentReadException(exception);
        }
    }

    /// <summary>Validates an already structured report, as a portal form submits it.</summary>
    public ValidationResult ValidateReport(Report report, Report? previous = null,
        ValidationOptions? options = null, CancellationToken cancellationToken = default, IValidationObserver? observer = null)
    {
        using var rules = observer?.StartRules();
        var findings = Rules.Evaluate(report, previous, options, cancellationToken);
        var summary = Verdict.Summarize(findings, options);
        var result = new ValidationResult
        {
            Report = report,
            Summary = summary,
            RuleCatalogVersion = Rules.Version,
        };
        result.Findings.AddRange(findings);
        observer?.Evaluated(result);
        return result;
    }
}
