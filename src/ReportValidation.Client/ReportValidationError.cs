using Google.Rpc;
using Grpc.Core;

namespace ReportValidation.Client;

/// <summary>
/// What the service said about a failed call, read from the status details: the stable reason
/// (<c>document.empty</c>, <c>document.too_large</c>, <c>concurrency_limit</c>, <c>request.unknown_field</c>…),
/// the message in Chinese for clerks and in English, and the fields a malformed request got wrong.
/// </summary>
public sealed record ReportValidationError(
    StatusCode Status,
    string Reason,
    string MessageZh,
    string MessageEn,
    IReadOnlyList<BadRequest.Types.FieldViolation> FieldViolations)
{
    /// <summary>The field the reason is about (ErrorInfo metadata), when the service names one.</summary>
    public string? Field { get; init; }

    /// <summary>Reads the details of <paramref name="exception"/>; fields the service did not send are empty.</summary>
    public static ReportValidationError From(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var info = status?.GetDetail<ErrorInfo>();
        var localized = status?.Details.Where(d => d.Is(LocalizedMessage.Descriptor)).Select(d => d.Unpack<LocalizedMessage>()).ToList() ?? [];
        var english = localized.FirstOrDefault(m => m.Locale.StartsWith("en", StringComparison.OrdinalIgnoreCase))?.Message;
        return new ReportValidationError(
            exception.StatusCode,
            info?.Reason ?? "",
            localized.FirstOrDefault(m => m.Locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase))?.Message ?? "",
            english ?? status?.Message ?? exception.Status.Detail,
            status?.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [])
        {
            Field = info is not null && info.Metadata.TryGetValue("field", out var field) ? field : null,
        };
    }
}

/// <summary>Typed error details on the exceptions calls throw.</summary>
public static class RpcExceptionExtensions
{
    /// <summary>The service's <see cref="ReportValidationError"/> for a failed call.</summary>
    public static ReportValidationError ValidationError(this RpcException exception) => ReportValidationError.From(exception);
}
