using Grpc.Core;
using ReportValidation.Reading;
using ReportValidation.Server.Caching;
using ReportValidation.Server.Hosting;
using ReportValidation.V1;
using Microsoft.Extensions.Options;

namespace ReportValidation.Server.Validation;

/// <summary>The gRPC adapter: wire messages in, engine (through the cache) in between, wire messages out.</summary>
public sealed class ReportValidatorService(CachedValidation validation, IOptions<LimitOptions> limits)
    : ReportValidator.ReportValidatorBase
{
    public override Task<ValidateDocumentResponse> ValidateDocument(ValidateDocumentRequest request, ServerCallContext context) =>
        WithinBudget(context, token => ValidateOne(request, IsProtobuf(context), token));

    public override Task<ValidateReportResponse> ValidateReport(ValidateReportRequest request, ServerCallContext context) =>
        WithinBudget(context, async token =>
        {
            if (request.Report is null)
            {
                throw RequestErrors.Invalid("report", "report is required.");
            }
            RequestMapping.Check(request.Options);
            var (result, source, hash) = await validation.ValidateReportAsync(request.Report, request.PreviousReport,
                request.Options, token);
            var response = new ValidateReportResponse { Cached = source != CacheSource.Computed, ContentHash = hash.Hex };
            result.SetOn(response, IsProtobuf(context));
            return response;
        });

    /// <summary>
    /// One response per request, in request order. Requests are taken one at a time, so a client that
    /// sends faster than the server validates is held back by HTTP/2 flow control. A document that
    /// cannot be read gets an error response and the stream goes on.
    /// </summary>
    public override Task ValidateBatch(IAsyncStreamReader<ValidateDocumentRequest> requestStream,
        IServerStreamWriter<ValidateDocumentResponse> responseStream, ServerCallContext context) =>
        WithinBudget(context, async token =>
        {
            var binary = IsProtobuf(context);
            await foreach (var request in requestStream.ReadAllAsync(token))
            {
                ValidateDocumentResponse response;
                try
                {
                    response = await ValidateOne(request, binary, token);
                }
                catch (DocumentReadException exception)
                {
                    response = new ValidateDocumentResponse { RequestId = request.RequestId, Error = RequestErrors.Describe(exception) };
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.InvalidArgument)
                {
                    response = new ValidateDocumentResponse
                    {
                        RequestId = request.RequestId,
                        Error = new ValidationError { Code = "request.invalid", MessageEn = exception.Status.Detail, MessageZh = "请求格式不正确。" },
                    };
                }
                await responseStream.WriteAsync(response, token);
            }
        });

    public override Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var response = new ListRulesResponse { RuleCatalogVersion = validation.CatalogVersion };
        response.Rules.AddRange(validation.Rules);
        return Task.FromResult(response);
    }

    private async Task<ValidateDocumentResponse> ValidateOne(ValidateDocumentRequest request, bool binary, CancellationToken token)
    {
        var document = RequestMapping.Document(request.Document, "document");
        var previous = RequestMapping.Previous(request.PreviousDocument, "previous_document");
        RequestMapping.Check(request.Options);
        var (result, source, hash) = await validation.ValidateDocumentAsync(document, previous, request.Options, token);
        var response = new ValidateDocumentResponse
        {
            Cached = source != CacheSource.Computed,
            ContentHash = hash.Hex,
            RequestId = request.RequestId,
        };
        result.SetOn(response, binary);
        return response;
    }

    // gRPC and gRPC-Web carry protobuf, so a response may reuse the result's encoding; JSON transcoding
    // formats the message itself.
    private static bool IsProtobuf(ServerCallContext context) =>
        context.GetHttpContext().Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Runs a call under the caller's deadline and the server's own time limit, whichever is sooner;
    /// the token reaches the parser and the rules. Unreadable documents become statuses with details.
    /// </summary>
    private async Task<T> WithinBudget<T>(ServerCallContext context, Func<CancellationToken, Task<T>> call)
    {
        T result = default!;
        await WithinBudget(context, async token => { result = await call(token); });
        return result;
    }

    private async Task WithinBudget(ServerCallContext context, Func<CancellationToken, Task> call)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        budget.CancelAfter(limits.Value.CallTimeoutMilliseconds);
        try
        {
            await call(budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested
            && (!context.CancellationToken.IsCancellationRequested || context.Deadline <= DateTime.UtcNow))
        {
            // Out of time, the server's or the caller's: DEADLINE_EXCEEDED, not the CANCELLED a bare
            // cancellation would become. A caller that cancelled gets CANCELLED.
            throw RequestErrors.DeadlineExceeded();
        }
        catch (DocumentReadException exception)
        {
            throw RequestErrors.Unreadable(exception, exception.Data["field"] as string ?? "document");
        }
    }
}
