using System.Threading.Channels;
using Grpc.Core;
using ReportValidation.Reading;
using ReportValidation.Server.Caching;
using ReportValidation.Server.Hosting;
using ReportValidation.V1;
using Microsoft.Extensions.Options;

namespace ReportValidation.Server.Validation;

/// <summary>The gRPC adapter: wire messages in, engine (through the cache) in between, wire messages out.</summary>
[BindServiceMethod(typeof(ValidatorBinding), nameof(ValidatorBinding.BindService))]
public sealed partial class ReportValidatorService(CachedValidation validation, EngineThreads engineThreads, IOptions<LimitOptions> limits,
    ILogger<ReportValidatorService> logger)
    : ReportValidator.ReportValidatorBase
{
    public override Task<ValidateDocumentResponse> ValidateDocument(ValidateDocumentRequest request, ServerCallContext context)
    {
        var response = new ValidateDocumentResponse { RequestId = request.RequestId };
        var binary = IsProtobuf(context);
        var hash = Checked(request);
        // A hit from memory answers at once: no time budget, no task, no engine thread.
        if (validation.TryRemembered(hash, out var remembered))
        {
            Answer(response, remembered, CacheSource.Memory, hash, binary, request.View);
            return Task.FromResult(response);
        }
        return WithinBudget(context, async token =>
        {
            await ValidateOne(request, hash, response, binary, token);
            return response;
        });
    }

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
            result.SetOn(response, IsProtobuf(context), request.View);
            return response;
        });

    /// <summary>
    /// One response per request, in request order. Up to <see cref="LimitOptions.BatchDocumentsInFlight"/>
    /// documents are validated side by side, so one stream of thousands keeps every engine thread busy;
    /// past that window the server stops reading, and a client that sends faster than the server
    /// validates (or reads answers slower) is held back by HTTP/2 flow control. The server's time limit
    /// applies to each document (the caller's deadline to the whole stream); a document that cannot be
    /// read, is malformed or runs out of time gets an error response and the stream goes on.
    /// </summary>
    public override async Task ValidateBatch(IAsyncStreamReader<ValidateBatchRequest> requestStream,
        IServerStreamWriter<ValidateBatchResponse> responseStream, ServerCallContext context)
    {
        var binary = IsProtobuf(context);
        // By default two per engine thread: one validating while the next is read or its answer written.
        var inFlight = limits.Value.BatchDocumentsInFlight > 0 ? limits.Value.BatchDocumentsInFlight : 2 * engineThreads.Count;
        var answers = Channel.CreateBounded<Task<ValidateBatchResponse>>(new BoundedChannelOptions(inFlight)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var writing = WriteInOrder(answers.Reader, responseStream, stop);
        try
        {
            await foreach (var request in requestStream.ReadAllAsync(stop.Token))
            {
                var answer = Answer(request, binary, context);
                await answers.Writer.WriteAsync(answer, stop.Token);
            }
            answers.Writer.Complete();
        }
        catch (Exception exception)
        {
            answers.Writer.TryComplete(Reading(exception));
            await stop.CancelAsync();
        }
        await writing;
    }

    // gRPC refuses a message over MaxReceiveMessageSize while reading it (the stream cannot go on past
    // it); the refusal gets the details a unary call's would.
    private Exception Reading(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.ResourceExhausted } rpc && rpc.GetRpcStatus() is null
            ? RequestErrors.MessageTooLarge(limits.Value.MaxMessageBytes)
            : exception;

    private async Task<ValidateBatchResponse> Answer(ValidateBatchRequest request, bool binary, ServerCallContext context)
    {
        var response = new ValidateBatchResponse { RequestId = request.RequestId };
        try
        {
            var hash = Checked(request);
            if (validation.TryRemembered(hash, out var remembered))
            {
                Answer(response, remembered, CacheSource.Memory, hash, binary, request.View);
            }
            else
            {
                await WithinBudget(context, token => ValidateOne(request, hash, response, binary, token));
            }
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.InvalidArgument or StatusCode.ResourceExhausted
            or StatusCode.DeadlineExceeded && !context.CancellationToken.IsCancellationRequested)
        {
            response.Error = InStream(exception);
        }
        catch (Exception exception) when (exception is not (RpcException or OperationCanceledException))
        {
            // A fault of this server, not of the caller's document: this document gets an error and the
            // stream goes on; the log has the exception.
            BatchDocumentFailed(logger, exception, request.RequestId);
            response.Error = new ValidationError
            {
                Code = "validation.internal_error",
                MessageEn = "The service failed while validating this document; the other documents are not affected.",
                MessageZh = "服务在校验此文件时出错，其他文件不受影响。",
            };
        }
        return response;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Validating batch document {RequestId} failed; it was answered with validation.internal_error and the stream went on")]
    private static partial void BatchDocumentFailed(ILogger logger, Exception exception, string requestId);

    // Answers leave in the order the documents came, each as soon as it and those before it are done.
    private static async Task WriteInOrder(ChannelReader<Task<ValidateBatchResponse>> answers,
        IServerStreamWriter<ValidateBatchResponse> responseStream, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var answer in answers.ReadAllAsync(stop.Token))
            {
                await responseStream.WriteAsync(await answer, stop.Token);
            }
        }
        catch
        {
            // The reader stops too (a failed write means the caller is gone); the first failure is the call's.
            await stop.CancelAsync();
            throw;
        }
    }

    // The batch form of a failed call: the reason the status details name, in both languages.
    private static ValidationError InStream(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var reason = status?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason;
        var chinese = status?.GetDetail<Google.Rpc.LocalizedMessage>()?.Message;
        return exception.StatusCode switch
        {
            StatusCode.DeadlineExceeded => new ValidationError
            {
                Code = "validation.deadline_exceeded",
                MessageEn = exception.Status.Detail,
                MessageZh = "校验超时。",
            },
            _ => new ValidationError
            {
                Code = reason ?? "request.invalid",
                MessageEn = exception.Status.Detail,
                MessageZh = chinese ?? "请求格式不正确。",
            },
        };
    }

    public override Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var response = new ListRulesResponse { RuleCatalogVersion = validation.CatalogVersion };
        response.Rules.AddRange(validation.Rules);
        return Task.FromResult(response);
    }

    public override Task<NationalTemplate> GetTemplate(GetTemplateRequest request, ServerCallContext context) =>
        Task.FromResult(validation.Template);

    // The request's checks, then its content hash: a malformed request is refused before it is hashed.
    private ContentHash Checked(IDocumentRequest request)
    {
        RequestMapping.CheckPresent(request.Document, "document");
        RequestMapping.Check(request.Options);
        return validation.HashOf(request);
    }

    // One document, of a call or of a stream, validated onto its response.
    private async Task ValidateOne<TResponse>(IDocumentRequest request, ContentHash hash, TResponse response, bool binary,
        CancellationToken token)
        where TResponse : IValidationAnswer<TResponse>
    {
        var (result, source) = await validation.ValidateDocumentAsync(request, hash, token);
        Answer(response, result, source, hash, binary, request.View);
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
    /// The HTTP status of a JSON error when it is not the one transcoding would pick (413 for a document
    /// over a size limit, where transcoding says 429); set as the response starts, after transcoding's.
    /// </summary>
    private static void AnswerJsonWith(int httpStatus, ServerCallContext context)
    {
        var response = context.GetHttpContext().Response;
        if (httpStatus == StatusCodes.Status413PayloadTooLarge && !IsProtobuf(context))
        {
            response.OnStarting(() =>
            {
                response.StatusCode = httpStatus;
                return Task.CompletedTask;
            });
        }
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
            throw Unreadable(exception, "document", context);
        }
        catch (PreviousDocumentReadException exception)
        {
            throw Unreadable(exception.Reason, "previous_document", context);
        }
    }

    /// <summary>The status for a document that cannot be read, with the JSON answer's HTTP status set to match.</summary>
    private static RpcException Unreadable(DocumentReadException exception, string field, ServerCallContext context)
    {
        var error = RequestErrors.Unreadable(exception, field);
        AnswerJsonWith(RequestErrors.HttpStatus(error), context);
        return error;
    }
}
