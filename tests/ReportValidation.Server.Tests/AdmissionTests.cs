using System.Buffers.Binary;
using System.Net;
using System.Reflection;
using Google.Protobuf;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.Server.Validation;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

/// <summary>
/// Admission (concurrency, queue, rate) is decided before a message is read, for every method of the
/// validator on every path; methods are found by reflection, so a new one cannot slip past.
/// </summary>
public sealed class AdmissionTests
{
    private static Dictionary<string, string?> OneCallNoQueue => new() { ["Limits:MaxConcurrentCalls"] = "1", ["Limits:QueuedCalls"] = "0" };

    [Fact]
    public async Task Every_grpc_method_of_the_validator_is_refused_when_the_server_is_full()
    {
        using var host = new ServiceHost(OneCallNoQueue);
        using var holder = await HoldTheOnlyPermit(host);
        var invoker = host.Channel().CreateCallInvoker();
        var methods = ReportValidator.Descriptor.Methods;

        foreach (var method in methods)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => Call(invoker, method));

            Assert.True(error.StatusCode == StatusCode.ResourceExhausted, $"{method.Name}: {error.Status}");
            Assert.Equal("concurrency_limit", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        }
        Assert.Contains(methods, m => m.IsClientStreaming && m.IsServerStreaming);
        Assert.Contains(methods, m => !m.IsClientStreaming && !m.IsServerStreaming);
    }

    [Fact]
    public async Task Every_json_route_of_the_validator_is_refused_with_429_when_the_server_is_full()
    {
        using var host = new ServiceHost(OneCallNoQueue);
        using var holder = await HoldTheOnlyPermit(host);
        using var http = host.Http();
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null)
            .Select(e => (Method: e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single(), Path: "/" + e.RoutePattern.RawText!.TrimStart('/')))
            .ToList();

        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }
            using var response = await http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{method} {path}: {response.StatusCode}");
            Assert.Contains("concurrency_limit", await response.Content.ReadAsStringAsync());
        }
        Assert.True(routes.Count >= 3, string.Join(", ", routes));
    }

    [Fact]
    public void Every_interceptor_of_the_validator_handles_every_kind_of_call()
    {
        using var host = new ServiceHost();
        var interceptors = host.Services.GetRequiredService<IOptions<GrpcServiceOptions<ReportValidation.Server.Validation.ReportValidatorService>>>()
            .Value.Interceptors;
        // Every server-side handler Interceptor offers (unary, client, server and duplex streaming, and any
        // kind a later Grpc.Core adds): an interceptor that leaves one to the base class lets those calls past.
        var handlers = typeof(Interceptor).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.Name.EndsWith("ServerHandler", StringComparison.Ordinal))
            .Select(m => m.Name)
            .ToList();

        Assert.Equal(4, handlers.Count);
        Assert.NotEmpty(interceptors);
        foreach (var interceptor in interceptors)
        {
            foreach (var handler in handlers)
            {
                var declaredBy = interceptor.Type.GetMethod(handler, BindingFlags.Public | BindingFlags.Instance)!.DeclaringType;
                Assert.True(declaredBy == interceptor.Type, $"{interceptor.Type.Name} does not handle {handler}");
            }
        }
    }

    [Fact]
    public async Task A_call_waiting_for_admission_holds_no_message()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:MaxConcurrentCalls"] = "1", ["Limits:QueuedCalls"] = "4" });
        var holder = await HoldTheOnlyPermit(host);
        const int messageBytes = 8 * 1024 * 1024;
        // A ValidateDocument request: field 1 (document), holding field 2 (content) with 8 MiB of bytes.
        var message = new ValidateDocumentRequest { Document = new Document { Content = Google.Protobuf.ByteString.CopyFrom(new byte[messageBytes]) } }.ToByteArray();
        var frame = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        var body = new CountingContent(message, "application/grpc", declareLength: false) { Prefix = frame };
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.GrpcAddress, "/reportvalidation.v1.ReportValidator/ValidateDocument"))
        {
            Content = body,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.ParseAdd("trailers");

        var queued = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var taken = await Settled(() => body.Written);

        // HTTP/2 flow control lets about a window (Kestrel: 768 KiB per stream, 1 MiB per connection) in
        // before the server reads; a server that read the message while queueing would have it all.
        if (queued.IsCompleted)
        {
            using var early = await queued;
            Assert.Fail($"the queued call was answered at once: grpc-status {Status(early)}");
        }
        Assert.True(taken < 2 * 1024 * 1024, $"the queued call took {taken} bytes of its message");

        holder.Dispose();
        using var response = await queued;
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(message.Length, body.Written);
        Assert.NotEqual(((int)StatusCode.ResourceExhausted).ToString(), Status(response));
    }

    [Fact]
    public async Task A_json_call_waiting_for_admission_has_not_asked_for_its_body()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:MaxConcurrentCalls"] = "1", ["Limits:QueuedCalls"] = "4" });
        var holder = await HoldTheOnlyPermit(host);
        var json = System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(Documents.Request(Documents.Unique())));
        var body = new CountingContent(json, "application/json");
        // With Expect: 100-continue the client sends the body only when the server starts reading it.
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = host.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/reports:validate") { Content = body };
        request.Headers.ExpectContinue = true;

        var queued = http.SendAsync(request);
        await Task.Delay(1000);

        Assert.False(queued.IsCompleted);
        Assert.Equal(0, body.Written);
        holder.Dispose();
        using var response = await queued;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(json.Length, body.Written);
    }

    private static string? Status(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
        : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single() : null;

    // Waits until a counter stops moving for half a second.
    private static async Task<long> Settled(Func<long> counter)
    {
        var last = -1L;
        for (var i = 0; i < 40; i++)
        {
            await Task.Delay(500);
            var now = counter();
            if (now == last)
            {
                return now;
            }
            last = now;
        }
        return last;
    }

    /// <summary>A batch stream holds the one permit until disposed.</summary>
    private static async Task<IDisposable> HoldTheOnlyPermit(ServiceHost host)
    {
        var batch = host.Client().ValidateBatch();
        await batch.RequestStream.WriteAsync(Documents.BatchRequest(Documents.Unique()));
        Assert.True(await batch.ResponseStream.MoveNext());
        return new Release(batch);
    }

    private sealed class Release(AsyncDuplexStreamingCall<ValidateBatchRequest, ValidateBatchResponse> batch) : IDisposable
    {
        public void Dispose()
        {
            batch.RequestStream.CompleteAsync().GetAwaiter().GetResult();
            while (batch.ResponseStream.MoveNext().GetAwaiter().GetResult())
            {
            }
            batch.Dispose();
        }
    }

    // A call of any kind, with an empty message, through the method's descriptor: no generated stub needed.
    private static async Task Call(CallInvoker invoker, Google.Protobuf.Reflection.MethodDescriptor descriptor)
    {
        var kind = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
        var bytes = Marshallers.Create(b => b, b => b);
        var method = new Method<byte[], byte[]>(kind, descriptor.Service.FullName, descriptor.Name, bytes, bytes);
        switch (kind)
        {
            case MethodType.Unary:
                await invoker.AsyncUnaryCall(method, null, new CallOptions(), []);
                break;
            case MethodType.ServerStreaming:
                using (var call = invoker.AsyncServerStreamingCall(method, null, new CallOptions(), []))
                {
                    await call.ResponseStream.MoveNext();
                }
                break;
            case MethodType.ClientStreaming:
                using (var call = invoker.AsyncClientStreamingCall(method, null, new CallOptions()))
                {
                    await call.ResponseAsync;
                }
                break;
            default:
                using (var call = invoker.AsyncDuplexStreamingCall(method, null, new CallOptions()))
                {
                    await call.ResponseStream.MoveNext();
                }
                break;
        }
    }
}
