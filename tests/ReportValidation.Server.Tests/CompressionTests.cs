using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

/// <summary>Smaller answers for callers that ask, and compressed requests read no further than the limit.</summary>
public sealed class CompressionTests
{
    // Grpc.Net.Client compresses a call's request with the encoding this header names.
    private static Metadata CompressedRequest => new() { { "grpc-internal-encoding-request", "gzip" } };


    [Fact]
    public async Task A_gzip_compressed_request_is_read_and_the_answer_names_the_encodings_the_server_accepts()
    {
        using var host = new ServiceHost();
        var message = Gzip(Documents.Request(Documents.Unique(), "gz").ToByteArray());

        using var response = await RawGrpc(host, Framed(message, compressed: true), ("grpc-encoding", "gzip"));
        var (compressed, answer) = await Answer(response);

        Assert.Equal("0", Trailer(response, "grpc-status"));
        Assert.False(compressed);
        Assert.Equal("gz", answer.RequestId);
        Assert.Contains("政府信息公开工作年度报告", answer.Result.Report.Title);
        var accepted = response.Headers.GetValues("grpc-accept-encoding").Single().Split(',').Select(e => e.Trim());
        Assert.Contains("gzip", accepted);
        Assert.Contains("deflate", accepted);
    }

    [Fact]
    public async Task A_native_grpc_answer_is_never_http_compressed_whatever_accept_encoding_says()
    {
        // Native gRPC passes by HTTP response compression (it compresses its own messages, when configured).
        using var host = new ServiceHost();

        using var response = await RawGrpc(host, Framed(Documents.Request(Documents.Unique(), "plain").ToByteArray(), compressed: false),
            ("accept-encoding", "gzip, br"));
        var (compressed, answer) = await Answer(response);

        Assert.Equal("0", Trailer(response, "grpc-status"));
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.False(compressed);
        Assert.Equal("plain", answer.RequestId);
        Assert.Contains("gzip", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task A_compressed_request_that_inflates_past_the_message_limit_is_refused_with_the_limit_named()
    {
        using var host = new ServiceHost(new Dictionary<string, string?> { ["Limits:MaxMessageBytes"] = "65536" });
        // About 3 MB of text that gzip makes a few kilobytes: under the limit as sent, far over it inflated.
        var request = Documents.Request(new string('年', 1_000_000));

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client().ValidateDocumentAsync(request, CompressedRequest).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var reason = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("document.too_large", reason.Reason);
        Assert.Equal("65536", reason.Metadata["limit_bytes"]);
    }

    [Fact]
    public async Task Grpc_answers_are_uncompressed_by_default_and_gzip_when_configured_for_clients_that_accept_it()
    {
        using var plain = new ServiceHost();
        using var gzip = new ServiceHost(new Dictionary<string, string?> { ["Compression:GrpcAnswers"] = "gzip" });
        var request = Framed(Documents.Request(Documents.Unique()).ToByteArray(), compressed: false);

        using var plainResponse = await RawGrpc(plain, request, ("grpc-accept-encoding", "identity,gzip"));
        using var gzipResponse = await RawGrpc(gzip, request, ("grpc-accept-encoding", "identity,gzip"));
        using var notAccepted = await RawGrpc(gzip, request);
        var (plainCompressed, plainAnswer) = await Answer(plainResponse);
        var (gzipCompressed, gzipAnswer) = await Answer(gzipResponse);
        var (notAcceptedCompressed, _) = await Answer(notAccepted);

        Assert.False(plainCompressed);
        Assert.True(gzipCompressed);
        Assert.False(notAcceptedCompressed);
        Assert.Equal(["gzip"], gzipResponse.Headers.GetValues("grpc-encoding"));
        Assert.Equal(plainAnswer.Result, gzipAnswer.Result);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Json_answers_are_compressed_when_the_client_asks(string encoding)
    {
        using var host = new ServiceHost();
        using var http = host.Http();
        var body = new { document = new { text = Documents.Seed("004") } };
        using var plain = await http.PostAsJsonAsync("/v1/reports:validate", body);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/reports:validate") { Content = JsonContent.Create(body) };
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var compressed = await http.SendAsync(request);
        var sent = await compressed.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Null(plain.Content.Headers.ContentEncoding.FirstOrDefault());
        var json = Inflate(sent, encoding);
        Assert.True(sent.Length * 3 < json.Length, $"{sent.Length} bytes sent for {json.Length}");
        using var answer = JsonDocument.Parse(json);
        Assert.Equal(64, answer.RootElement.GetProperty("contentHash").GetString()!.Length);
    }

    [Fact]
    public async Task Grpc_web_answers_are_gzip_compressed_when_the_client_asks()
    {
        using var host = new ServiceHost();
        using var http = host.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reportvalidation.v1.ReportValidator/ValidateDocument")
        {
            Content = new ByteArrayContent(Framed(Documents.Request(Documents.Seed("004"), "web").ToByteArray())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await http.SendAsync(request);
        var sent = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var frames = Inflate(sent, "gzip");
        Assert.Equal(0, frames[0]); // a data frame, its message uncompressed inside the compressed body
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(frames.AsSpan(1));
        var answer = ValidateDocumentResponse.Parser.ParseFrom(frames.AsSpan(5, length));
        Assert.Equal("web", answer.RequestId);
        Assert.Contains("政府信息公开工作年度报告", answer.Result.Report.Title);
    }

    // A call over HTTP/2 with the message as bytes, so the test sees what the wire carries.
    private static async Task<HttpResponseMessage> RawGrpc(ServiceHost host, byte[] frame, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { BaseAddress = host.GrpcAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reportvalidation.v1.ReportValidator/ValidateDocument")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<(bool Compressed, ValidateDocumentResponse Answer)> Answer(HttpResponseMessage response)
    {
        var frame = await response.Content.ReadAsByteArrayAsync();
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1));
        var message = frame.AsSpan(5, length).ToArray();
        var compressed = frame[0] == 1;
        return (compressed, ValidateDocumentResponse.Parser.ParseFrom(compressed ? Inflate(message, "gzip") : message));
    }

    private static string? Trailer(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var values) ? values.Single() : null;

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private static byte[] Framed(byte[] message, bool compressed = false)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private static byte[] Inflate(byte[] compressed, string encoding)
    {
        using var input = new MemoryStream(compressed);
        using Stream inflating = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflating.CopyTo(output);
        return output.ToArray();
    }
}
