using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ReportValidation.Server.Hosting;

namespace ReportValidation.Server.Validation;

/// <summary>
/// <c>Limits:MaxMessageBytes</c> on every path, applied before the body is read. The body of a call
/// may be up to <see cref="BodyBytes"/>: the message limit plus a third (base64 in JSON's <c>content</c>
/// and in gRPC-Web text) plus <see cref="Allowance"/> (JSON's field names and quoting). A
/// <c>Content-Length</c> over it is refused at once; without one, Kestrel stops reading at the limit.
/// gRPC's own <c>MaxReceiveMessageSize</c> is the message limit exactly; its frame header is read here
/// first, so the refusal carries the same details on every path.
/// </summary>
public sealed class RequestSizeLimit(IOptions<LimitOptions> options)
{
    public const int Allowance = 64 * 1024;
    private const int GrpcFrameHeaderLength = 5;

    public long MessageBytes => options.Value.MaxMessageBytes;

    public long BodyBytes => MessageBytes + MessageBytes / 3 + Allowance;

    /// <summary>Refuses a body that declares itself too large, and sets Kestrel's limit for the rest.</summary>
    public RpcException? CheckDeclaredLength(HttpContext context, MethodType kind)
    {
        if (context.Request.ContentLength > BodyBytes)
        {
            return RequestErrors.MessageTooLarge(MessageBytes);
        }
        // A stream has no total size: gRPC checks each of its messages as it reads them (and lifts
        // Kestrel's body limit for streaming calls itself).
        var body = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (!IsStreamingRequest(kind) && body is { IsReadOnly: false })
        {
            body.MaxRequestBodySize = BodyBytes;
        }
        return null;
    }

    /// <summary>
    /// The length a gRPC message declares in its frame header, looked at without consuming it (the gRPC
    /// handler then reads the same bytes). Kestrel holds no more of the body than flow control lets in.
    /// </summary>
    public async ValueTask<RpcException?> CheckGrpcFrameAsync(HttpContext context, MethodType kind)
    {
        if (IsStreamingRequest(kind) || !CallProtocol.IsGrpc(context.Request) || CannotHoldTooLargeAMessage(context.Request))
        {
            return null;
        }
        // gRPC-Web text carries the frames in base64: 8 characters hold the 5-byte header.
        var text = CallProtocol.IsGrpcWebText(context.Request);
        var needed = text ? 8 : GrpcFrameHeaderLength;
        var reader = context.Request.BodyReader;
        var read = await reader.ReadAtLeastAsync(needed, context.RequestAborted);
        var buffer = read.Buffer;
        long declared = 0;
        if (buffer.Length >= needed)
        {
            Span<byte> header = stackalloc byte[8];
            buffer.Slice(0, needed).CopyTo(header);
            if (!text || Base64.DecodeFromUtf8InPlace(header, out _) == OperationStatus.Done)
            {
                declared = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
            }
        }
        reader.AdvanceTo(buffer.Start);
        return declared > MessageBytes ? RequestErrors.MessageTooLarge(MessageBytes) : null;
    }

    /// <summary>
    /// A body whose declared length leaves no room for a message over the limit: looking at its frame
    /// header (a read more on every call) could only find a header that lies about its length, and gRPC
    /// refuses that one itself (RESOURCE_EXHAUSTED) when it reads it, with no more of the body in hand
    /// than the declared length. A gRPC-Web text body is base64, a third longer than its frames.
    /// </summary>
    private bool CannotHoldTooLargeAMessage(HttpRequest request) =>
        request.ContentLength is { } length && length - GrpcFrameHeaderLength <= MessageBytes;

    /// <summary>
    /// A JSON body of unknown length (chunked) is read here, up to the limit, once the call is admitted:
    /// transcoding would report Kestrel's limit as a malformed request (400), not as 413.
    /// </summary>
    public async ValueTask<RpcException?> BufferJsonOfUnknownLengthAsync(HttpContext context, MethodType kind)
    {
        var request = context.Request;
        if (IsStreamingRequest(kind) || CallProtocol.IsGrpc(request) || request.ContentLength is not null
            || !HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsPatch(request.Method))
        {
            return null;
        }
        request.EnableBuffering(bufferThreshold: (int)Math.Min(BodyBytes, int.MaxValue));
        try
        {
            await request.Body.DrainAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestErrors.MessageTooLarge(MessageBytes);
        }
        request.Body.Position = 0;
        return null;
    }

    private static bool IsStreamingRequest(MethodType kind) => kind is MethodType.ClientStreaming or MethodType.DuplexStreaming;
}
