using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using BadRequest = Google.Rpc.BadRequest;
using ErrorInfo = Google.Rpc.ErrorInfo;
using LocalizedMessage = Google.Rpc.LocalizedMessage;
using Grpc.Core;

namespace ReportValidation.Server.Validation;

/// <summary>
/// Answers a call that is refused before the gRPC or JSON handler runs, in the form that handler would
/// have used: a gRPC or gRPC-Web "trailers-only" response (status, message and google.rpc.Status
/// details in the headers, no body), or for JSON the
/// google.rpc.Status as transcoding prints it, with the HTTP status of <see cref="RequestErrors.HttpStatus"/>.
/// </summary>
public static class CallRefusal
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithTypeRegistry(
        TypeRegistry.FromMessages(BadRequest.Descriptor, ErrorInfo.Descriptor, LocalizedMessage.Descriptor)));

    public static Task WriteAsync(HttpContext context, RpcException refusal)
    {
        var status = refusal.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)refusal.StatusCode, Message = refusal.Status.Detail };
        var response = context.Response;
        if (CallProtocol.IsGrpc(context.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = CallProtocol.ContentTypeOf(context.Request);
            response.Headers["grpc-status"] = status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(status.Message);
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
            return Task.CompletedTask;
        }
        response.StatusCode = RequestErrors.HttpStatus(refusal);
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(Json.Format(status), Encoding.UTF8);
    }
}
