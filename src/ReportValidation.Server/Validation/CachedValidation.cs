using System.Diagnostics;
using ReportValidation.Reading;
using ReportValidation.Server.Caching;
using ReportValidation.Server.Telemetry;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// Hash the request, look it up, and run the engine on a miss, with a span per step. Nothing about
/// reports is decided here: parsing, rules and the verdict (profile, acknowledgements) are the engine's.
/// </summary>
public sealed class CachedValidation(ReportEngine engine, ResponseCache cache, ServerTelemetry telemetry, EngineThreads engineThreads)
{
    public string CatalogVersion => engine.Rules.Version;

    public async ValueTask<(EncodedResult Result, CacheSource Source, ContentHash Hash)> ValidateDocumentAsync(
        InputDocument document, InputDocument? previous, ValidationOptions? options, CancellationToken cancellationToken)
    {
        var hash = RequestHash.ForDocument(document, previous, options, engine.Rules.Version);
        Activity.Current?.SetTag("reportvalidation.content_hash", hash.Hex);
        Activity.Current?.SetTag("reportvalidation.document.bytes", document.Content.Length);
        var (result, source) = await cache.GetOrComputeAsync(hash, token => OnEngineThread(token, () =>
        {
            Report report;
            Report? previousReport;
            using (var parse = ServerTelemetry.Source.StartActivity("parse"))
            {
                parse?.SetTag("reportvalidation.document.bytes", document.Content.Length);
                report = engine.Parse(document, token);
                previousReport = previous is null ? null : ParsePrevious(previous, token);
                parse?.SetTag("reportvalidation.template_version", report.TemplateVersion.ToString());
            }
            return RunRules(report, previousReport, options, token);
        }), cancellationToken).ConfigureAwait(false);
        return Served(result, source, hash);
    }

    public async ValueTask<(EncodedResult Result, CacheSource Source, ContentHash Hash)> ValidateReportAsync(
        Report report, Report? previous, ValidationOptions? options, CancellationToken cancellationToken)
    {
        var hash = RequestHash.ForReport(report, previous, options, engine.Rules.Version);
        Activity.Current?.SetTag("reportvalidation.content_hash", hash.Hex);
        var (result, source) = await cache.GetOrComputeAsync(hash,
            token => OnEngineThread(token, () => RunRules(report, previous, options, token)), cancellationToken).ConfigureAwait(false);
        return Served(result, source, hash);
    }

    private ValueTask<ValidationResult> OnEngineThread(CancellationToken token, Func<ValidationResult> run) =>
        new(engineThreads.RunAsync(run, token));

    private Report ParsePrevious(InputDocument previous, CancellationToken token)
    {
        try
        {
            return engine.Parse(previous, token);
        }
        catch (DocumentReadException exception)
        {
            exception.Data["field"] = "previous_document"; // so the status names the right field
            throw;
        }
    }

    public IReadOnlyList<RuleDescription> Rules => engine.Rules.Descriptions;

    private ValidationResult RunRules(Report report, Report? previous, ValidationOptions? options, CancellationToken token)
    {
        using var rules = ServerTelemetry.Source.StartActivity("rules");
        var result = engine.ValidateReport(report, previous, options, token);
        rules?.SetTag("reportvalidation.findings", result.Findings.Count);
        return result;
    }

    private (EncodedResult, CacheSource, ContentHash) Served(EncodedResult result, CacheSource source, ContentHash hash)
    {
        Activity.Current?.SetTag("reportvalidation.cache.source", source.ToString());
        if (source == CacheSource.Computed)
        {
            // Counted where the engine found them; a cached answer repeats findings already counted.
            telemetry.Findings(result.Result);
        }
        return (result, source, hash);
    }
}
