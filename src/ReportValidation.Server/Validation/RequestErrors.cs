using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// Failures as gRPC statuses with google.rpc details, so clients can tell a malformed request (fix it)
/// from a limit (send less, or later) without parsing messages.
/// </summary>
public static class RequestErrors
{
    public const string Domain = "reportvalidation.v1";

    /// <summary>The detail messages errors carry (as google.protobuf.Any); JSON needs their descriptors to print them.</summary>
    public static readonly Google.Protobuf.Reflection.TypeRegistry DetailTypes = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
        BadRequest.Descriptor, ErrorInfo.Descriptor, LocalizedMessage.Descriptor);

    public static RpcException Invalid(string field, string description) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = description,
            Details =
            {
                Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } } }),
            },
        }.ToRpcException();

    /// <summary>A document the engine could not read: too large is a limit, anything else is the caller's input.</summary>
    public static RpcException Unreadable(DocumentReadException exception, string field)
    {
        var error = Describe(exception);
        var tooLarge = exception.Kind is DocumentErrorKind.TooLarge or DocumentErrorKind.LimitExceeded;
        var status = new Google.Rpc.Status
        {
            Code = (int)(tooLarge ? Code.ResourceExhausted : Code.InvalidArgument),
            Message = exception.Message,
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = error.Code, Domain = Domain, Metadata = { ["field"] = field } }),
                Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = exception.MessageZh }),
            },
        };
        if (!tooLarge)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = exception.Message } },
            }));
        }
        return status.ToRpcException();
    }

    public static RpcException Exhausted(string reason, string description) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = description,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }) },
        }.ToRpcException();

    /// <summary>
    /// A request over <c>Limits:MaxMessageBytes</c>, refused before it is read: the same reason as a
    /// document over the reading limit, since the caller's remedy is the same (send less).
    /// </summary>
    public static RpcException MessageTooLarge(long limitBytes) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"The request is larger than the {limitBytes} bytes this service accepts.",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = "document.too_large", Domain = Domain, Metadata = { ["limit_bytes"] = limitBytes.ToString() } }),
                Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = $"请求过大：超过本服务接受的 {limitBytes} 字节上限，请缩小文件后再提交。" }),
            },
        }.ToRpcException();

    /// <summary>
    /// The HTTP status of a refusal on the JSON route. Transcoding answers every RESOURCE_EXHAUSTED with
    /// 429 ("retry later"); a request or document over a size limit is 413, since retrying cannot help.
    /// </summary>
    public static int HttpStatus(RpcException exception) => exception.StatusCode switch
    {
        StatusCode.ResourceExhausted when IsSizeLimit(exception) => StatusCodes.Status413PayloadTooLarge,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static bool IsSizeLimit(RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason is "document.too_large" or "document.limit_exceeded";

    public static RpcException DeadlineExceeded() =>
        new(new Grpc.Core.Status(StatusCode.DeadlineExceeded, "The call ran out of time before validation finished."));

    /// <summary>The in-stream form of a read failure, for one document of a batch.</summary>
    public static ValidationError Describe(DocumentReadException exception) => new()
    {
        Code = exception.Code, // the engine's stable id for the kind
        MessageZh = exception.MessageZh,
        MessageEn = exception.Message,
    };
}
