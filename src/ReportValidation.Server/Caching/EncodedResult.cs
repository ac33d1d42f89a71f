using Google.Protobuf;
using ReportValidation.Contract;
using ReportValidation.V1;

namespace ReportValidation.Server.Caching;

/// <summary>
/// A validation result together with its protobuf encoding, made once when the result is computed or
/// read from Redis. Google.Protobuf recomputes nested sizes while writing, so encoding a parsed report
/// (thousands of nested cells and spans) costs several times more than the rest of a cache hit; it is
/// encoded by <see cref="MessageEncoder"/> (each size computed once, the same bytes), and binary
/// responses (gRPC, gRPC-Web) are written with these bytes as their `result` field by the service's
/// marshaller (<see cref="Validation.ValidatorBinding"/>). JSON responses use <see cref="Result"/>.
/// </summary>
public sealed class EncodedResult
{
    /// <summary>`result` is field 1 in ValidateDocumentResponse, ValidateReportResponse and ValidateBatchResponse.</summary>
    public const int ResultField = 1;

    private const int ReportField = 1; // `report` in ValidationResult

    private readonly ValidationResult? _result;
    private EncodedResult? _findingsOnly;

    public EncodedResult(ValidationResult result, ReadOnlyMemory<byte> encoded)
    {
        _result = result;
        Encoding = encoded;
    }

    private EncodedResult(ReadOnlyMemory<byte> encoded) => Encoding = encoded;

    private EncodedResult(byte[] stored, int headerLength)
    {
        Stored = stored;
        Encoding = stored.AsMemory(headerLength);
    }

    /// <summary>A result known only by its encoding (read from Redis); decoded only if a JSON response needs it.</summary>
    public static EncodedResult FromEncoding(ReadOnlyMemory<byte> encoded) => new(encoded);

    /// <summary>
    /// Encodes a result the engine has just computed, once, on the thread that computed it, into an array
    /// with room in front for the cache's header (<see cref="Stored"/>): the cache stores it and binary
    /// answers are written from it, with no copy in between. The message is not kept: a parsed report is
    /// thousands of objects, and held until the answer was written (behind 128 queued calls on a busy
    /// core) they survived into older generations and made every collection slower. JSON answers decode.
    /// </summary>
    public static EncodedResult Encode(ValidationResult result) =>
        new(MessageEncoder.Encode(result, leadingSpace: StoredResult.HeaderLength), StoredResult.HeaderLength);

    /// <summary>The array <see cref="Encode"/> wrote, header room included, for the cache to seal and store as it is.</summary>
    internal byte[]? Stored { get; }

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

    /// <summary>
    /// The result without its parsed report (the FINDINGS view): the encoding's other fields, cut out of
    /// it once per entry and kept beside it.
    /// </summary>
    public EncodedResult FindingsOnly => _findingsOnly ??= new EncodedResult(WithoutReport(Encoding.Span));

    /// <summary>Sets the response's result in the view asked for.</summary>
    public void SetOn<TResponse>(TResponse response, bool binary, ResultView view) where TResponse : IValidationAnswer<TResponse> =>
        (view == ResultView.Findings ? FindingsOnly : this).SetOn(response, binary);

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

    // Every top-level field but the report, as they lie in the encoding.
    private static byte[] WithoutReport(ReadOnlySpan<byte> encoding)
    {
        var kept = new List<(int Start, int Length)>();
        var position = 0;
        while (position < encoding.Length)
        {
            var start = position;
            if (!Validation.RequestWire.TryVarint(encoding, ref position, out var tag) || !TrySkip(encoding, ref position, (int)(tag & 7)))
            {
                throw new InvalidDataException("A stored result is not a protobuf encoding.");
            }
            if (tag >> 3 != ReportField)
            {
                kept.Add((start, position - start));
            }
        }
        var result = new byte[kept.Sum(k => k.Length)];
        var written = 0;
        foreach (var (start, length) in kept)
        {
            encoding.Slice(start, length).CopyTo(result.AsSpan(written));
            written += length;
        }
        return result;
    }

    private static bool TrySkip(ReadOnlySpan<byte> encoding, ref int position, int wireType)
    {
        switch (wireType)
        {
            case 0:
                return Validation.RequestWire.TryVarint(encoding, ref position, out _);
            case 1:
                position += 8;
                break;
            case 2:
                if (!Validation.RequestWire.TryVarint(encoding, ref position, out var length) || length > (ulong)(encoding.Length - position))
                {
                    return false;
                }
                position += (int)length;
                break;
            case 5:
                position += 4;
                break;
            default:
                return false;
        }
        return position <= encoding.Length;
    }
}
