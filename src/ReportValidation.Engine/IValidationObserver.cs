using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation;

/// <summary>
/// Told what the engine does while it validates, so a host can time the steps (a span each) and count
/// what they found without running the steps itself. Every member may be called from an engine thread.
/// </summary>
public interface IValidationObserver
{
    /// <summary>Reading and parsing the document (and last year's) begins; disposing the scope ends it.</summary>
    IDisposable? StartParsing(InputDocument document);

    /// <summary>Within the parsing scope: the report as parsed.</summary>
    void Parsed(Report report);

    /// <summary>Running the rule catalog begins; disposing the scope ends it.</summary>
    IDisposable? StartRules();

    /// <summary>Within the rules scope: the result with its findings and verdict.</summary>
    void Evaluated(ValidationResult result);
}
