using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

/// <summary>Limits:MaxMessageBytes on every path, decided before the body is read.</summary>
public sealed class RequestSizeTests
{
    private const int MessageLimit = 64 * 1024;

    // The body a JSON call may send: the message limit, a third for base64, 64 KiB for the JSON around it.
    private const int BodyLimit = MessageLimit + MessageLimit / 3 + 64 * 1024;

    private static Dictionary<string, string?> Limited => new() { ["Limits:MaxMessageBytes"] = MessageLimit.ToString() };

    [Fact]
    public async Task A_json_body_declared_over_the_limit_is_refused_with_413_before_a_byte_of_it_is_sent()
    {
        using var host = new ServiceHost(Limited);
        using var http = host.Http();
        var body = new CountingContent(BodyLimit + 1, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/reports:validate") { Content = body };
        request.Headers.ExpectContinue = true; // as curl sends for a large body: the server answers before it asks for the body

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertTooLargeDetails(response);
        Assert.Equal(0, body.Written);
    }

    [Fact]
    public async Task A_json_body_of_unknown_length_over_the_limit_is_refused_with_413()
    {
        using var host = new ServiceHost(Limited);
        using var http = host.Http();
        var body = new CountingContent(BodyLimit + 10_000, "application/json", declareLength: false);

        using var response = await http.PostAsync("/v1/reports:validate", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertTooLargeDetails(response);
    }

    [Fact]
    public async Task A_json_body_of_unknown_length_within_the_limit_is_validated()
    {
        using var host = new ServiceHost();
        using var http = host.Http();
        var json = JsonFormatter.Default.Format(Documents.Request(Documents.Unique()));
        var body = new CountingContent(Encoding.UTF8.GetBytes(json), "application/json", declareLength: false);

        using var response = await http.PostAsync("/v1/reports:validate", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"contentHash\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_document_over_the_reading_limit_is_413_on_the_json_route_not_429()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:MaxDocumentBytes"] = "4096" });
        using var http = host.Http();
        var json = JsonFormatter.Default.Format(Documents.Request(new string('年', 4000)));

        using var response = await http.PostAsync("/v1/reports:validate", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("document.too_large", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("grpc-web")]
    [InlineData("grpc-web-text")]
    public async Task A_message_over_the_limit_is_resource_exhausted_with_the_reason_and_a_chinese_message(string protocol)
    {
        using var host = new ServiceHost(Limited);
        var client = new ReportValidator.ReportValidatorClient(Channel(host, protocol));

        // Just over the message limit, where the frame header (not the body limit) decides. (A body far
        // over the body limit on HTTP/1.1 gets the same answer, but the server then closes the
        // connection mid-upload, which .NET's HttpClient reports as a failed send; OversizeMemoryTests
        // reads those answers off the socket.)
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.ValidateDocumentAsync(Documents.Bytes(new byte[MessageLimit])).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var status = error.GetRpcStatus()!;
        Assert.Equal("document.too_large", status.GetDetail<ErrorInfo>().Reason);
        Assert.Equal(MessageLimit.ToString(), status.GetDetail<ErrorInfo>().Metadata["limit_bytes"]);
        Assert.Contains("请求过大", status.GetDetail<LocalizedMessage>().Message);
    }

    [Fact]
    public async Task A_grpc_frame_declaring_more_than_its_declared_body_holds_is_resource_exhausted()
    {
        // The gate looks at frame headers only when the body's Content-Length leaves room for a message
        // over the limit; a header lying within a small body is left to gRPC, which refuses it as well.
        using var host = new ServiceHost(Limited);
        var frame = new byte[5 + 16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), MessageLimit + 1);
        using var http = new HttpClient { BaseAddress = host.GrpcAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reportvalidation.v1.ReportValidator/ValidateDocument")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Content.Headers.ContentLength = frame.Length;
        request.Headers.TryAddWithoutValidation("te", "trailers");

        using var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();

        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.GetValues("grpc-status").Single();
        Assert.Equal(((int)StatusCode.ResourceExhausted).ToString(), status);
    }

    [Fact]
    public async Task A_batch_message_over_the_limit_ends_the_stream_with_resource_exhausted_and_the_reason()
    {
        using var host = new ServiceHost(Limited);
        using var batch = host.Client().ValidateBatch();
        await batch.RequestStream.WriteAsync(Documents.BatchRequest(Documents.Unique(), "first"));
        Assert.True(await batch.ResponseStream.MoveNext());
        var first = batch.ResponseStream.Current;

        try
        {
            await batch.RequestStream.WriteAsync(Documents.BatchRequest(new string('年', MessageLimit), "too large"));
        }
        catch (Exception e) when (e is RpcException or System.Net.Http.HttpProtocolException)
        {
            // The server may end the call while the message is still being sent (the client then sees the
            // stream reset as an RpcException or, from HTTP/2 itself, an HttpProtocolException); its status follows.
        }
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await batch.ResponseStream.MoveNext())
            {
            }
        });

        Assert.Equal("first", first.RequestId);
        Assert.True(StatusCode.ResourceExhausted == error.StatusCode, error.ToString());
        Assert.Equal("document.too_large", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task A_batch_message_over_the_limit_still_gets_the_answers_to_the_documents_before_it()
    {
        // The documents are still being validated when the oversize message arrives: their answers are
        // written before the stream ends with the refusal (the writer was cancelled, and gRPC reset the
        // stream with CANCEL when that cancellation caught a write in progress).
        using var host = new ServiceHost(Limited);
        using var batch = host.Client().ValidateBatch();
        var ids = Enumerable.Range(0, 8).Select(i => $"doc-{i}").ToList();
        foreach (var id in ids)
        {
            await batch.RequestStream.WriteAsync(Documents.BatchRequest(Documents.Unique(), id));
        }

        try
        {
            await batch.RequestStream.WriteAsync(Documents.BatchRequest(new string('年', MessageLimit), "too large"));
        }
        catch (Exception e) when (e is RpcException or System.Net.Http.HttpProtocolException)
        {
        }
        var answered = new List<string>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await batch.ResponseStream.MoveNext())
            {
                answered.Add(batch.ResponseStream.Current.RequestId);
            }
        });

        Assert.True(StatusCode.ResourceExhausted == error.StatusCode, error.ToString());
        Assert.Equal(ids, answered);
    }

    [Fact]
    public async Task A_message_within_the_limit_passes_on_every_path()
    {
        using var host = new ServiceHost(Limited);
        var text = Documents.Unique();

        foreach (var protocol in new[] { "grpc", "grpc-web", "grpc-web-text" })
        {
            var client = new ReportValidator.ReportValidatorClient(Channel(host, protocol));
            Assert.Equal(64, (await client.ValidateDocumentAsync(Documents.Request(text))).ContentHash.Length);
        }
    }

    private static GrpcChannel Channel(ServiceHost host, string protocol) => protocol switch
    {
        "grpc" => host.Channel(),
        _ => GrpcChannel.ForAddress(host.HttpAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(protocol == "grpc-web" ? GrpcWebMode.GrpcWeb : GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        }),
    };

    private static async Task AssertTooLargeDetails(HttpResponseMessage response)
    {
        var json = new JsonParser(JsonParser.Settings.Default.WithTypeRegistry(
            Google.Protobuf.Reflection.TypeRegistry.FromMessages(ErrorInfo.Descriptor, LocalizedMessage.Descriptor, BadRequest.Descriptor)));
        var status = json.Parse<Google.Rpc.Status>(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)Code.ResourceExhausted, status.Code);
        var error = status.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();
        Assert.Equal("document.too_large", error.Reason);
        Assert.Contains("请求过大", status.Details.Single(d => d.Is(LocalizedMessage.Descriptor)).Unpack<LocalizedMessage>().Message);
    }
}

/// <summary>A request body written in pieces, counting what the server took; no buffer of its whole length.</summary>
public sealed class CountingContent : HttpContent
{
    private readonly long _length;
    private readonly byte[]? _bytes;
    private readonly bool _declareLength;
    private long _written;

    public CountingContent(long length, string contentType, bool declareLength = true)
    {
        _length = length;
        _declareLength = declareLength;
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    public CountingContent(byte[] bytes, string contentType, bool declareLength = true)
        : this(bytes.Length, contentType, declareLength) => _bytes = bytes;

    /// <summary>Bytes handed to the connection so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Written before the first byte of the body, e.g. a gRPC frame header.</summary>
    public byte[] Prefix { get; init; } = [];

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(Prefix);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        for (long sent = 0; sent < _length;)
        {
            var size = (int)Math.Min(chunk.Length, _length - sent);
            var piece = _bytes is null ? chunk.AsMemory(0, size) : _bytes.AsMemory((int)sent, size);
            await stream.WriteAsync(piece);
            sent += size;
            Interlocked.Add(ref _written, size);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length + Prefix.Length;
        return _declareLength;
    }
}
