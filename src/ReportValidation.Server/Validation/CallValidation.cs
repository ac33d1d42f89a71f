using Microsoft.Extensions.Options;
using ReportValidation.Reading;
using ReportValidation.Server.Caching;
using ReportValidation.Server.Hosting;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// What a validator call does between its request and its response: the request's checks, an answer
/// from memory at once, otherwise the other levels and the engine within the call's time budget.
/// Refusals are statuses with details (<see cref="RequestErrors"/>).
/// </summary>
public sealed class CallValidation(CachedValidation validation, IOptions<LimitOptions> limits)
{
    /// <summary>One document, of a call or of a stream, validated onto its response.</summary>
    public Task<TResponse> ValidateDocument<TResponse>(IDocumentRequest request, TResponse response, Caller caller)
        where TResponse : IValidationAnswer<TResponse>
    {
        var hash = Checked(request);
        // A hit from memory answers at once: no time budget, no task, no engine thread.
        if (validation.TryRemembered(hash, out var remembered))
        {
            Answer(response, remembered, CacheSource.Memory, hash, caller.Binary, request.View);
            return Task.FromResult(response);
        }
        return WithinBudget(caller, async token =>
        {
            var (result, source) = await validation.ValidateDocumentAsync(request, hash, token);
            Answer(response, result, source, hash, caller.Binary, request.View);
            return response;
        });
    }

    public Task<ValidateReportResponse> ValidateReport(ValidateReportRequest request, Caller caller) =>
        WithinBudget(caller, async token =>
        {
            if (request.Report is null)
            {
                throw RequestErrors.Invalid("report", "report is required.");
            }
            RequestMapping.Check(request.Options);
            var (result, source, hash) = await validation.ValidateReportAsync(request.Report, request.PreviousReport,
                request.Options, token);
            var response = new ValidateReportResponse { Cached = source != CacheSource.Computed, ContentHash = hash.Hex };
            result.SetOn(response, caller.Binary, request.View);
            return response;
        });

    // The request's checks, then its content hash: a malformed request is refused before it is hashed.
    private ContentHash Checked(IDocumentRequest request)
    {
        RequestMapping.CheckPresent(request.Document, "document");
        RequestMapping.Check(request.Options);
        return validation.HashOf(request);
    }

    private static void Answer<TResponse>(TResponse response, EncodedResult result, CacheSource source, ContentHash hash, bool binary,
        ResultView view)
        where TResponse : IValidationAnswer<TResponse>
    {
        result.SetOn(response, binary, view);
        response.Cached = source != CacheSource.Computed;
        response.ContentHash = hash.Hex;
    }

    /// <summary>
    /// Runs a call under the caller's deadline and the server's own time limit, whichever is sooner;
    /// the token reaches the parser and the rules. Unreadable documents become statuses with details.
    /// </summary>
    private async Task<T> WithinBudget<T>(Caller caller, Func<CancellationToken, Task<T>> call)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(caller.Cancellation);
        budget.CancelAfter(limits.Value.CallTimeoutMilliseconds);
        try
        {
            return await call(budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested
            && (!caller.Cancellation.IsCancellationRequested || caller.Deadline <= DateTime.UtcNow))
        {
            // Out of time, the server's or the caller's: DEADLINE_EXCEEDED, not the CANCELLED a bare
            // cancellation would become. A caller that cancelled gets CANCELLED.
            throw RequestErrors.DeadlineExceeded();
        }
        catch (DocumentReadException exception)
        {
            throw RequestErrors.Unreadable(exception, "document");
        }
        catch (PreviousDocumentReadException exception)
        {
            throw RequestErrors.Unreadable(exception.Reason, "previous_document");
        }
    }
}
