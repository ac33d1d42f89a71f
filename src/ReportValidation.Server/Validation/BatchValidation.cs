using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ReportValidation.Server.Hosting;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// A stream of documents, answered one response per request, in request order. Up to
/// <see cref="LimitOptions.BatchDocumentsInFlight"/> documents are validated side by side, so one stream
/// of thousands keeps every engine thread busy; past that window the server stops reading, and a client
/// that sends faster than the server validates (or reads answers slower) is held back by HTTP/2 flow
/// control. The server's time limit applies to each document (the caller's deadline to the whole
/// stream); a document that cannot be read, is malformed or runs out of time gets an error response
/// and the stream goes on.
/// </summary>
public sealed partial class BatchValidation(CallValidation calls, EngineThreads engineThreads, IOptions<LimitOptions> limits,
    ILogger<BatchValidation> logger)
{
    public async Task ValidateAsync(IAsyncStreamReader<ValidateBatchRequest> requestStream,
        IServerStreamWriter<ValidateBatchResponse> responseStream, Caller caller)
    {
        // By default two per engine thread: one validating while the next is read or its answer written.
        var inFlight = limits.Value.BatchDocumentsInFlight > 0 ? limits.Value.BatchDocumentsInFlight : 2 * engineThreads.Count;
        var answers = Channel.CreateBounded<Task<ValidateBatchResponse>>(new BoundedChannelOptions(inFlight)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(caller.Cancellation);
        var writing = WriteInOrder(answers.Reader, responseStream, stop);
        try
        {
            await foreach (var request in requestStream.ReadAllAsync(stop.Token))
            {
                var answer = Answer(request, caller);
                await answers.Writer.WriteAsync(answer, stop.Token);
            }
            answers.Writer.Complete();
        }
        catch (Exception exception)
        {
            // The documents already read are answered first, then the stream ends with this error. The
            // writer is not cancelled: gRPC resets the stream (CANCEL) when a write's token is cancelled
            // mid-write, and the caller would get neither those answers nor the reason.
            answers.Writer.TryComplete(Reading(exception));
        }
        await writing;
    }

    // gRPC refuses a message over MaxReceiveMessageSize while reading it (the stream cannot go on past
    // it); the refusal gets the details a unary call's would.
    private Exception Reading(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.ResourceExhausted } rpc && rpc.GetRpcStatus() is null
            ? RequestErrors.MessageTooLarge(limits.Value.MaxMessageBytes)
            : exception;

    private async Task<ValidateBatchResponse> Answer(ValidateBatchRequest request, Caller caller)
    {
        var response = new ValidateBatchResponse { RequestId = request.RequestId };
        try
        {
            await calls.ValidateDocument(request, response, caller);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.InvalidArgument or StatusCode.ResourceExhausted
            or StatusCode.DeadlineExceeded && !caller.Cancellation.IsCancellationRequested)
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
}
