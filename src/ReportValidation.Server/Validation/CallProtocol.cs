namespace ReportValidation.Server.Validation;

/// <summary>
/// Which of the service's protocols a call speaks, by its request's content type: gRPC
/// (application/grpc), gRPC-Web (application/grpc-web, binary or text) or, for anything else, JSON.
/// </summary>
public static class CallProtocol
{
    private const string Grpc = "application/grpc";
    private const string GrpcWeb = "application/grpc-web";
    private const string GrpcWebText = "application/grpc-web-text";

    /// <summary>gRPC, gRPC-Web or gRPC-Web text: protobuf on the wire. Anything else is JSON.</summary>
    public static bool IsGrpc(HttpRequest request) => Starts(request, Grpc);

    /// <summary>gRPC-Web, binary or text.</summary>
    public static bool IsGrpcWeb(HttpRequest request) => Starts(request, GrpcWeb);

    /// <summary>gRPC-Web text: the body is the base64 of gRPC frames.</summary>
    public static bool IsGrpcWebText(HttpRequest request) => Starts(request, GrpcWebText);

    /// <summary>gRPC itself, not gRPC-Web: most calls, and none of them from a browser.</summary>
    public static bool IsNativeGrpc(HttpRequest request) => IsGrpc(request) && !IsGrpcWeb(request);

    /// <summary>The content type a refusal answers with: the call's own protocol.</summary>
    public static string ContentTypeOf(HttpRequest request) =>
        IsGrpcWebText(request) ? GrpcWebText : IsGrpcWeb(request) ? GrpcWeb : Grpc;

    private static bool Starts(HttpRequest request, string type) =>
        request.ContentType?.StartsWith(type, StringComparison.OrdinalIgnoreCase) == true;
}
