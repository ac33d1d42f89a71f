using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace ReportValidation.Server.Validation;

/// <summary>
/// Refuses a JSON request body (or query parameter) that does not fit its request message (<see cref="StrictJson"/>) with
/// INVALID_ARGUMENT / 400 before JSON transcoding reads it: transcoding drops unknown fields, and its own
/// type errors name .NET types. The answer is a google.rpc.Status as transcoding writes one: ErrorInfo
/// (reason <c>request.unknown_field</c>, <c>request.invalid_value</c> or <c>request.malformed_json</c>),
/// LocalizedMessage in Chinese and English, and a BadRequest naming every field.
/// </summary>
public sealed class StrictJsonRequests(RequestDelegate next, RequestSizeLimit size)
{
    private static readonly JsonFormatter StatusFormatter = new(new JsonFormatter.Settings(false, RequestErrors.DetailTypes));

    public async Task InvokeAsync(HttpContext context)
    {
        var rule = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        var violations = rule is null ? [] : await CheckAsync(context.Request, rule);
        if (violations.Count == 0)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(StatusFormatter.Format(Refusal(violations)), context.RequestAborted);
    }

    private async Task<IReadOnlyList<JsonViolation>> CheckAsync(HttpRequest request, GrpcJsonTranscodingMetadata rule)
    {
        var query = StrictJson.CheckQuery(request.Query.Keys, rule.MethodDescriptor.InputType, rule.HttpRule.Body == "*");
        var message = BodyMessage(rule);
        var body = query.Count > 0 || message is null ? null : await ReadBodyAsync(request, size.BodyBytes);
        return body is null ? query : Check(body.Value, message!);
    }

    // The message the body fills: the request itself for body "*", else the named field's message.
    private static MessageDescriptor? BodyMessage(GrpcJsonTranscodingMetadata rule) => rule.HttpRule.Body switch
    {
        "" => null,
        "*" => rule.MethodDescriptor.InputType,
        var field => rule.MethodDescriptor.InputType.FindFieldByName(field)?.MessageType,
    };

    // The body is buffered so transcoding reads it again. CallGate has refused a larger one already; the
    // bound here only keeps this reader from going further whatever comes before it.
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        request.EnableBuffering();
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0 && buffer.Length <= limit)
        {
            buffer.Write(chunk, 0, read);
        }
        request.Body.Position = 0;
        return buffer.Length > limit ? null : buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static IReadOnlyList<JsonViolation> Check(ReadOnlyMemory<byte> body, MessageDescriptor message)
    {
        try
        {
            // JsonDocument stops at 64 levels of nesting, so a hostile body cannot recurse deeper.
            using var json = JsonDocument.Parse(body);
            return StrictJson.Check(json.RootElement, message);
        }
        catch (JsonException exception)
        {
            var where = $"line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}";
            return [new JsonViolation("", "MALFORMED_JSON",
                $"The request body is not valid JSON ({where}).",
                $"请求体不是有效的 JSON（第 {exception.LineNumber + 1} 行，第 {exception.BytePositionInLine + 1} 字节）。")];
        }
    }

    private static Google.Rpc.Status Refusal(IReadOnlyList<JsonViolation> violations)
    {
        var first = violations[0];
        var reason = first.Reason switch
        {
            "MALFORMED_JSON" => "request.malformed_json",
            _ when violations.Any(v => v.Reason == StrictJson.UnknownField) => "request.unknown_field",
            _ => "request.invalid_value",
        };
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation
        {
            Field = v.Field,
            Description = v.English,
            Reason = v.Reason,
            LocalizedMessage = new LocalizedMessage { Locale = "zh-CN", Message = v.Chinese },
        }));
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = string.Join(" ", violations.Select(v => v.English)),
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = reason, Domain = RequestErrors.Domain, Metadata = { ["field"] = first.Field } }),
                Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = string.Join("", violations.Select(v => v.Chinese)) }),
                Any.Pack(new LocalizedMessage { Locale = "en-US", Message = string.Join(" ", violations.Select(v => v.English)) }),
                Any.Pack(badRequest),
            },
        };
    }
}
