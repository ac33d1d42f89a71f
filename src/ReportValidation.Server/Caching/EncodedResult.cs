using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using ReportValidation.V1;

namespace ReportValidation.Server.Caching;

/// <summary>
/// A validation result together with its protobuf encoding, made once when the result is computed or
/// read from Redis. Google.Protobuf recomputes nested sizes while writing, so encoding a parsed report
/// (thousands of nested cells and spans) costs several times more than the rest of a cache hit; binary
/// responses (gRPC, gRPC-Web) reuse these bytes instead. JSON responses use <see cref="Result"/>.
/// </summary>
public sealed class EncodedResult
{
    // `result` is field 1 in ValidateDocumentResponse, ValidateReportResponse and ValidateBatchResponse.
    private const int ResultField = 1;

    private readonly UnknownFieldSet? _wire;
    private readonly ReadOnlyMemory<byte> _encoded;
    private readonly ValidationResult? _result;

    public EncodedResult(ValidationResult result, ReadOnlyMemory<byte> encoded)
    {
        _result = result;
        _encoded = encoded;
        _wire = AsField(encoded.Span);
    }

    private EncodedResult(ReadOnlyMemory<byte> encoded, UnknownFieldSet? wire)
    {
        _encoded = encoded;
        _wire = wire;
    }

    /// <summary>A result known only by its encoding (read from Redis); decoded only if a JSON response needs it.</summary>
    public static EncodedResult FromEncoding(ReadOnlyMemory<byte> encoded) => new(encoded, AsField(encoded.Span));

    /// <summary>
    /// The result as a message. A remembered entry keeps only its bytes and decodes them here, for the
    /// JSON responses that need the message.
    /// </summary>
    public ValidationResult Result => _result ?? ValidationResult.Parser.ParseFrom(_encoded.Span);

    /// <summary>
    /// The same result holding only its encoding, for the in-process cache: a decoded report is
    /// thousands of small objects, and keeping one per entry made every miss pay for collecting a
    /// heap full of them (measured: about 1.5 ms of each miss went to the GC with the cache filling up).
    /// </summary>
    public EncodedResult WithoutMessage() => _result is null ? this : new EncodedResult(_encoded, _wire);

    /// <summary>Whether responses can carry the encoded bytes (false if Google.Protobuf's internals change).</summary>
    public static bool CanReuseEncoding => UnknownFields<ValidateDocumentResponse>.Field is not null;

    /// <summary>Sets the response's result: as the encoded bytes for protobuf on the wire, as the message for JSON.</summary>
    public void SetOn<TResponse>(TResponse response, bool binary) where TResponse : IMessage<TResponse>, new()
    {
        if (binary && _wire is not null && UnknownFields<TResponse>.Field is { } unknownFields)
        {
            unknownFields.SetValue(response, _wire);
        }
        else
        {
            UnknownFields<TResponse>.Result.Accessor.SetValue(response, Result);
        }
    }

    // An unknown field is written verbatim after the known ones; on the wire, field 1 holding these
    // bytes is exactly the `result` message, so every client reads a typed result.
    private static UnknownFieldSet? AsField(ReadOnlySpan<byte> encoded)
    {
        if (!CanReuseEncoding)
        {
            return null;
        }
        var field = new byte[CodedOutputStream.ComputeTagSize(ResultField) + CodedOutputStream.ComputeLengthSize(encoded.Length) + encoded.Length];
        var output = new CodedOutputStream(field);
        output.WriteTag(ResultField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(encoded.Length);
        output.Flush();
        encoded.CopyTo(field.AsSpan(field.Length - encoded.Length));
        var input = new CodedInputStream(field);
        input.ReadTag();
        return UnknownFieldSet.MergeFieldFrom(null, input);
    }

    private static class UnknownFields<TResponse> where TResponse : IMessage<TResponse>, new()
    {
        public static readonly FieldInfo? Field = Find();

        public static readonly FieldDescriptor Result = new TResponse().Descriptor.FindFieldByNumber(ResultField) is { } field
            && field.MessageType == ValidationResult.Descriptor
            ? field
            : throw new InvalidOperationException($"{typeof(TResponse).Name} has no ValidationResult as field {ResultField}.");

        private static FieldInfo? Find()
        {
            var field = typeof(TResponse).GetField("_unknownFields", BindingFlags.Instance | BindingFlags.NonPublic);
            return field?.FieldType == typeof(UnknownFieldSet) ? field : null;
        }
    }
}
