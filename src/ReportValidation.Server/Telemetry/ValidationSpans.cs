using System.Diagnostics;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Server.Telemetry;

/// <summary>The engine's steps of one validation as spans: "parse" and "rules", with what each found.</summary>
public sealed class ValidationSpans : IValidationObserver
{
    private Activity? _parse;
    private Activity? _rules;

    public IDisposable? StartParsing(InputDocument document)
    {
        _parse = ServerTelemetry.Source.StartActivity("parse");
        _parse?.SetTag("reportvalidation.document.bytes", document.Content.Length);
        return _parse;
    }

    public void Parsed(Report report) => _parse?.SetTag("reportvalidation.template_version", report.TemplateVersion.ToString());

    public IDisposable? StartRules() => _rules = ServerTelemetry.Source.StartActivity("rules");

    public void Evaluated(ValidationResult result) => _rules?.SetTag("reportvalidation.findings", result.Findings.Count);
}
