using System.Diagnostics;
using System.Threading.RateLimiting;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using ReportValidation.Server.Telemetry;

namespace ReportValidation.Server.Validation;

/// <summary>
/// Decides on a validator call before its message is read: a body over the size limit is refused
/// (413, RESOURCE_EXHAUSTED), then the call waits for admission (concurrency, queue, rate). gRPC reads a
/// unary message before any interceptor runs, so this has to be middleware: it sees every endpoint of
/// the validator service, whatever the protocol (gRPC, gRPC-Web, JSON) or kind of call.
/// </summary>
public sealed class CallGate(RequestDelegate next, RequestSizeLimit size, CallAdmission admission, ServerTelemetry telemetry)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>();
        if (method?.ServiceType != typeof(ReportValidatorService))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var kind = method.Method.Type;
        RateLimitLease? lease = null;
        try
        {
            var refusal = size.CheckDeclaredLength(context, kind) ?? await size.CheckGrpcFrameAsync(context, kind);
            if (refusal is null)
            {
                lease = await admission.AdmitAsync(context.RequestAborted);
                refusal = await size.BufferJsonOfUnknownLengthAsync(context, kind);
            }
            if (refusal is not null)
            {
                lease?.Dispose();
                await RefuseAsync(context, method, refusal, started);
                return;
            }
        }
        catch (RpcException refused)
        {
            await RefuseAsync(context, method, refused, started); // by admission: over the queue or the rate
            return;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            lease?.Dispose();
            return; // the caller left while waiting or sending: nobody to answer
        }
        using (lease)
        {
            await next(context);
        }
    }

    private Task RefuseAsync(HttpContext context, GrpcMethodMetadata method, RpcException refusal, long started)
    {
        telemetry.CallCompleted(method.Method.FullName.TrimStart('/'), refusal.StatusCode, Stopwatch.GetElapsedTime(started));
        return CallRefusal.WriteAsync(context, refusal);
    }
}
