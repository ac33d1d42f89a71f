using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ReportValidation.Server.Telemetry;

/// <summary>A span and the request metrics for every validator call, tagged with the gRPC status.</summary>
public sealed class CallTelemetryInterceptor(ServerTelemetry telemetry) : Interceptor
{
    // Every kind of call, so a new streaming method is observed too (a test checks each handler is here).
    // Unary calls are most calls: observed without a closure, and a call answered at once (a hit from
    // memory) without an async state machine.
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request,
        ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var observed = Begin(context);
        Task<TResponse> call;
        try
        {
            call = continuation(request, context);
        }
        catch (Exception exception)
        {
            observed.End(StatusOf(exception, context));
            observed.Dispose();
            throw;
        }
        if (call.IsCompletedSuccessfully)
        {
            observed.End(StatusCode.OK);
            observed.Dispose();
            return call;
        }
        return Completing(call, observed, context);
    }

    private static async Task<TResponse> Completing<TResponse>(Task<TResponse> call, Call observed, ServerCallContext context)
    {
        using (observed)
        {
            try
            {
                var response = await call;
                observed.End(StatusCode.OK);
                return response;
            }
            catch (Exception exception)
            {
                observed.End(StatusOf(exception, context));
                throw;
            }
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        TResponse response = default!;
        await Observe(context, async () => response = await continuation(requestStream, context));
        return response;
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        Observe(context, () => continuation(request, responseStream, context));

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        Observe(context, () => continuation(requestStream, responseStream, context));

    private async Task Observe(ServerCallContext context, Func<Task> call)
    {
        using var observed = Begin(context);
        try
        {
            await call();
            observed.End(StatusCode.OK);
        }
        catch (Exception exception)
        {
            observed.End(StatusOf(exception, context));
            throw;
        }
    }

    private static StatusCode StatusOf(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.Deadline <= DateTime.UtcNow => StatusCode.DeadlineExceeded,
        OperationCanceledException => StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    private Call Begin(ServerCallContext context)
    {
        // "/reportvalidation.v1.ReportValidator/ValidateDocument" → "reportvalidation.v1.ReportValidator/ValidateDocument",
        // the span name and rpc.method of the RPC semantic conventions. (Internal: the ASP.NET Core span is the server span.)
        var method = MethodName(context.Method); // made once per method
        var activity = ServerTelemetry.Source.HasListeners() ? ServerTelemetry.Source.StartActivity(method, ActivityKind.Internal) : null;
        activity?.SetTag(RpcConventions.SystemName, "grpc");
        activity?.SetTag(RpcConventions.Method, method);
        return new Call(telemetry, method, activity, Stopwatch.GetTimestamp());
    }

    private static readonly ConcurrentDictionary<string, string> MethodNames = new();
    private static (string Path, string Name)[] s_recentMethods = [];

    // gRPC gives every call of a method the same path string (its Method's FullName): found by reference
    // among the few methods seen, it costs no string hashing, which a dictionary lookup would on every call.
    private static string MethodName(string path)
    {
        foreach (var (known, name) in s_recentMethods)
        {
            if (ReferenceEquals(known, path))
            {
                return name;
            }
        }
        var made = MethodNames.GetOrAdd(path, static path => path.TrimStart('/'));
        var recent = s_recentMethods;
        if (recent.Length < 16)
        {
            s_recentMethods = [.. recent, (path, made)];
        }
        return made;
    }

    // A struct: nothing per call on the heap when no span is recorded.
    private readonly struct Call(ServerTelemetry telemetry, string method, Activity? activity, long started) : IDisposable
    {
        public void End(StatusCode status)
        {
            activity?.SetTag(RpcConventions.StatusCode, RpcConventions.Name(status));
            if (status != StatusCode.OK)
            {
                activity?.SetTag(RpcConventions.ErrorType, RpcConventions.Name(status));
                activity?.SetStatus(ActivityStatusCode.Error, RpcConventions.Name(status));
            }
            telemetry.CallCompleted(method, status, Stopwatch.GetElapsedTime(started));
        }

        public void Dispose() => activity?.Dispose();
    }
}
