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

    /// <summary>The request's content hash (its wire digest when it came over gRPC).</summary>
    public ContentHash HashOf(IDocumentRequest request) => RequestHash.ForDocument(request, engine.Rules.Version);

    /// <summary>An answer from this process's memory, if it has one: a hit takes nothing else.</summary>
    public bool TryRemembered(ContentHash hash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EncodedResult? result)
    {
        if (!cache.TryRemembered(hash, out result))
        {
            return false;
        }
        if (Activity.Current is { } span) // the same tags a span of a call served otherwise gets
        {
            span.SetTag("reportvalidation.content_hash", hash.Hex);
            span.SetTag("reportvalidation.cache.source", nameof(CacheSource.Memory));
        }
        return true;
    }

    /// <summary>The other levels, then the engine; the documents are mapped only when the engine runs.</summary>
    public async ValueTask<(EncodedResult Result, CacheSource Source)> ValidateDocumentAsync(
        IDocumentRequest request, ContentHash hash, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("reportvalidation.content_hash", hash.Hex);
        Activity.Current?.SetTag("reportvalidation.document.bytes", request.Document.CalculateSize());
        var (result, source) = await cache.GetOrComputeAsync(hash, token =>
            {
                var document = RequestMapping.Document(request.Document, "document");
                var previous = RequestMapping.Previous(request.PreviousDocument, "previous_document");
                return OnEngineThread(token, () => engine.Validate(document, previous, request.Options, token, new ValidationSpans()));
            },
            cancellationToken).ConfigureAwait(false);
        Served(result, source, hash);
        return (result, source);
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

    // The engine's result is counted and encoded where it was computed, and only its bytes leave the
    // engine thread (EncodedResult.Encode says why).
    private ValueTask<EncodedResult> OnEngineThread(CancellationToken token, Func<ValidationResult> run) =>
        new(engineThreads.RunAsync(() => Encoded(run()), token));

    private EncodedResult Encoded(ValidationResult result)
    {
        // Counted where the engine found them; a cached answer repeats findings already counted.
        telemetry.Findings(result);
        return EncodedResult.Encode(result);
    }

    public IReadOnlyList<RuleDescription> Rules => engine.Rules.Descriptions;

    public NationalTemplate Template => engine.Template;

    private (EncodedResult, CacheSource, ContentHash) Served(EncodedResult result, CacheSource source, ContentHash hash)
    {
        Activity.Current?.SetTag("reportvalidation.cache.source", source.ToString());
        return (result, source, hash);
    }
}
