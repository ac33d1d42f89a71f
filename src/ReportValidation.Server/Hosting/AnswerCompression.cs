using System.ComponentModel.DataAnnotations;
using System.IO.Compression;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.ResponseCompression;
using ReportValidation.Server.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ReportValidation.Server.Hosting;

/// <summary>How answers are compressed (section <c>Compression</c>).</summary>
public sealed class CompressionOptions
{
    public const string Section = "Compression";

    /// <summary>
    /// Native gRPC answers: "identity" (default) or "gzip", the latter for clients whose
    /// grpc-accept-encoding lists it. Off by default: Grpc.Net.Client lists gzip on every call, and
    /// compressing a 16 KB answer costs more of the server's core than a cache hit; callers on slow
    /// links turn it on, or use FINDINGS answers. Compressed requests (gzip, deflate) are always accepted.
    /// </summary>
    [RegularExpression("^(identity|gzip)$", ErrorMessage = "Compression:GrpcAnswers is identity or gzip")]
    public string GrpcAnswers { get; set; } = "identity";
}

/// <summary>
/// Smaller answers for callers that ask: JSON, gRPC-Web and the page compressed (br, gzip) when the
/// request's Accept-Encoding names one; gRPC messages compressed both ways (grpc-encoding,
/// grpc-accept-encoding).
/// </summary>
public static class AnswerCompression
{
    private static readonly string[] CompressedTypes =
    [
        "application/json", "application/grpc-web", "application/grpc-web+proto", "application/grpc-web-text",
        "application/grpc-web-text+proto", "text/html", "text/css", "text/javascript", "application/javascript",
    ];

    public static IServiceCollection AddAnswerCompression(this IServiceCollection services)
    {
        services.AddCheckedSettings<CompressionOptions>(CompressionOptions.Section);
        services.AddResponseCompression(compression =>
        {
            // Answers carry no secret a BREACH-style attack could guess (no cookies, no tokens), so TLS keeps compression.
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = CompressedTypes;
        });
        services.Replace(ServiceDescriptor.Singleton<IResponseCompressionProvider, GrpcWebAwareCompression>());
        // Brotli's default level is its slowest; an answer is compressed per call, so the fastest level.
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<CompressionOptions>, IOptions<LimitOptions>>((grpc, compression, limits) =>
        {
            // Requests may come compressed (gzip, deflate; grpc-accept-encoding says so), inflated no further than the message limit.
            grpc.CompressionProviders =
            [
                new BoundedDecompression(new Grpc.Net.Compression.GzipCompressionProvider(CompressionLevel.Fastest), limits.Value.MaxMessageBytes),
                new BoundedDecompression(new Grpc.Net.Compression.DeflateCompressionProvider(CompressionLevel.Fastest), limits.Value.MaxMessageBytes),
            ];
            grpc.ResponseCompressionLevel = CompressionLevel.Fastest;
            grpc.ResponseCompressionAlgorithm = compression.Value.GrpcAnswers == "identity" ? null : compression.Value.GrpcAnswers;
        });
        return services;
    }

    // Said on every gRPC answer (Grpc.AspNetCore says it only when refusing an encoding), so a client
    // knows it may compress its requests.
    private const string AcceptedGrpcEncodings = "identity,gzip,deflate";

    /// <summary>
    /// Every gRPC and gRPC-Web answer says which request encodings are accepted; a gRPC-Web call is noted
    /// for <see cref="GrpcWebAwareCompression"/> while its request still says what it is.
    /// </summary>
    public static IApplicationBuilder UseGrpcAcceptEncoding(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (CallProtocol.IsGrpc(context.Request))
        {
            context.Response.Headers["grpc-accept-encoding"] = AcceptedGrpcEncodings;
            GrpcWebAwareCompression.Remember(context);
        }
        return next(context);
    });

    /// <summary>Ahead of gRPC-Web and the page, so it compresses what they write.</summary>
    public static IApplicationBuilder UseAnswerCompression(this IApplicationBuilder app) => app.UseResponseCompression();
}

/// <summary>
/// Decides by the request for gRPC-Web: the middleware looks at the response's content type when the
/// response starts, and gRPC-Web's own middleware changes application/grpc into application/grpc-web
/// only after that, so by the response alone a gRPC-Web answer would never be compressed.
/// </summary>
internal sealed class GrpcWebAwareCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    private static readonly object GrpcWebCall = new();

    /// <summary>Notes a gRPC-Web call while its request still says so (gRPC-Web's middleware rewrites it to application/grpc).</summary>
    public static void Remember(HttpContext context)
    {
        if (CallProtocol.IsGrpcWeb(context.Request))
        {
            context.Items[GrpcWebCall] = GrpcWebCall;
        }
    }

    public override bool ShouldCompressResponse(HttpContext context) =>
        context.Items.ContainsKey(GrpcWebCall)
            ? !context.Response.Headers.ContainsKey("Content-Encoding")
            : base.ShouldCompressResponse(context);
}
