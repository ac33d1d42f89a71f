using ReportValidation.V1;

namespace ReportValidation.Server.Caching;

/// <summary>
/// A validation result together with its protobuf encoding, made once when the result is computed or
/// read from Redis. Google.Protobuf recomputes nested sizes while writing, so encoding a parsed report
/// (thousands of nested cells and spans) costs several times more than the rest of a cache hit; binary
/// responses (gRPC, gRPC-Web) are written with these bytes as their `result` field by the service's
/// marshaller (<see cref="Validation.ValidatorBinding"/>). JSON responses use <see cref="Result"/>.
/// </summary>
public sealed class EncodedResult
{
    /// <summary>`result` is field 1 in ValidateDocumentResponse, ValidateReportResponse and ValidateBatchResponse.</summary>
    public const int ResultField = 1;

    private readonly ValidationResult? _result;

    public EncodedResult(ValidationResult result, ReadOnlyMemory<byte> encoded)
    {
        _result = result;
        Encoding = encoded;
    }

    private EncodedResult(ReadOnlyMemory<byte> encoded) => Encoding = encoded;

    /// <summary>A result known only by its encoding (read from Redis); decoded only if a JSON response needs it.</summary>
    public static EncodedResult FromEncoding(ReadOnlyMemory<byte> encoded) => new(encoded);

    /// <summary>The result's protobuf encoding, written as it is into binary responses.</summary>
    public ReadOnlyMemory<byte> Encoding { get; }

    /// <summary>
    /// The result as a message. A remembered entry keeps only its bytes and decodes them here, for the
    /// JSON responses that need the message.
    /// </summary>
    public ValidationResult Result => _result ?? ValidationResult.Parser.ParseFrom(Encoding.Span);

    /// <summary>
    /// The same result holding only its encoding, for the in-process cache: a decoded report is
    /// thousands of small objects, and keeping one per entry made every miss pay for collecting a
    /// heap full of them (measured: about 1.5 ms of each miss went to the GC with the cache filling up).
    /// </summary>
    public EncodedResult WithoutMessage() => _result is null ? this : new EncodedResult(Encoding);

    /// <summary>Sets the response's result: as the encoded bytes for protobuf on the wire, as the message for JSON.</summary>
    public void SetOn<TResponse>(TResponse response, bool binary) where TResponse : IValidationAnswer<TResponse>
    {
        if (binary)
        {
            ((IEncodedAnswer)response).Encoded = this;
        }
        else
        {
            response.Result = Result;
        }
    }
}
