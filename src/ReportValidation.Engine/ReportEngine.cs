using ReportValidation.Reading;
using ReportValidation.Rules;
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

    /// <summary>Reads and parses a document. Throws <see cref="DocumentReadException"/> when it cannot be read.</summary>
    public Report Parse(InputDocument document, CancellationToken cancellationToken = default)
    {
        var source = DocumentReader.Read(document, Limits, cancellationToken);
        return ReportParser.Parse(source, cancellationToken);
    }

    public ValidationResult Validate(InputDocument document, InputDocument? previous = null,
        ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var report = Parse(document, cancellationToken);
        var previousReport = previous is null ? null : Parse(previous, cancellationToken);
        return ValidateReport(report, previousReport, options, cancellationToken);
    }

    /// <summary>Validates an already structured report, as a portal form submits it.</summary>
    public ValidationResult ValidateReport(Report report, Report? previous = null,
        ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var findings = Rules.Evaluate(report, previous, options, cancellationToken);
        var summary = Verdict.Summarize(findings, options);
        var result = new ValidationResult
        {
            Report = report,
            Summary = summary,
            RuleCatalogVersion = Rules.Version,
        };
        result.Findings.AddRange(findings);
        return result;
    }
}
