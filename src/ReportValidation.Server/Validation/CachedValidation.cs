using System.Diagnostics;
using ReportValidation.Reading;
using ReportValidation.Server.Caching;
using ReportValidation.Server.Telemetry;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// Hash the request, look it up, and run the engine on a miss, with a span per engine step. Nothing
/// about reports is decided here: parsing, rules and the verdict (profile, acknowledgements) are the engine's.
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
        var (result, source) = await cache.GetOrComputeAsync(hash,
            token => OnEngineThread(token, () => engine.Validate(document, previous, options, token, new ValidationSpans())),
            cancellationToken).ConfigureAwait(false);
        return Served(result, source, hash);
    }

    public async ValueTask<(EncodedResult Result, CacheSource Source, ContentHash Hash)> ValidateReportAsync(
        Report report, Report? previous, ValidationOptions? options, CancellationToken cancellationToken)
    {
        var hash = RequestHash.ForReport(report, previous, options, engine.Rules.Version);
        Activity.Current?.SetTag("reportvalidation.content_hash", hash.Hex);
        var (result, source) = await cache.GetOrComputeAsync(hash,
            token => OnEngineThread(token, () => engine.ValidateReport(report, previous, options, token, new ValidationSpans())),
            cancellationToken).ConfigureAwait(false);
        return Served(result, source, hash);
    }

    private ValueTask<ValidationResult> OnEngineThread(CancellationToken token, Func<ValidationResult> run) =>
        new(engineThreads.RunAsync(run, token));

    public IReadOnlyList<RuleDescription> Rules => engine.Rules.Descriptions;

    public NationalTemplate Template => engine.Template;

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
