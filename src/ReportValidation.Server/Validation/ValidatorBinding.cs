using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using ReportValidation.Server.Caching;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// The validator's methods as the generated binding declares them (names, types, descriptor, so JSON
/// transcoding and reflection see the same service), with two marshallers of its own: a document
/// request is hashed from its wire bytes while they are at hand (<see cref="RequestHash"/>), and a
/// response carrying a cached result's encoding is written with those bytes as its `result` field,
/// without encoding the result again.
/// </summary>
public static class ValidatorBinding
{
    private const string ServiceName = "reportvalidation.v1.ReportValidator";

    // Above this a request is parsed where it lies and hashed from the message: copying it into one
    // buffer would cost more than it saves.
    private const int WireDigestLimit = 1 << 20;

    /// <summary>Read by JSON transcoding and reflection, which look for it beside the bind method.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => ReportValidator.Descriptor;

    private static readonly Marshaller<ValidateDocumentRequest> DocumentRequests = Marshallers.Create(Serialize, ReadWithDigest(ValidateDocumentRequest.Parser));
    private static readonly Marshaller<ValidateDocumentResponse> DocumentResponses = Marshallers.Create(WriteAnswer, Read(ValidateDocumentResponse.Parser));
    private static readonly Marshaller<ValidateBatchRequest> BatchRequests = Marshallers.Create(Serialize, ReadWithDigest(ValidateBatchRequest.Parser));
    private static readonly Marshaller<ValidateBatchResponse> BatchResponses = Marshallers.Create(WriteAnswer, Read(ValidateBatchResponse.Parser));
    private static readonly Marshaller<ValidateReportRequest> ReportRequests = Marshallers.Create(Serialize, Read(ValidateReportRequest.Parser));
    private static readonly Marshaller<ValidateReportResponse> ReportResponses = Marshallers.Create(WriteAnswer, Read(ValidateReportResponse.Parser));
    private static readonly Marshaller<ListRulesRequest> RulesRequests = Marshallers.Create(Serialize, Read(ListRulesRequest.Parser));
    private static readonly Marshaller<ListRulesResponse> RulesResponses = Marshallers.Create(Serialize, Read(ListRulesResponse.Parser));
    private static readonly Marshaller<GetTemplateRequest> TemplateRequests = Marshallers.Create(Serialize, Read(GetTemplateRequest.Parser));
    private static readonly Marshaller<NationalTemplate> Templates = Marshallers.Create(Serialize, Read(NationalTemplate.Parser));

    internal static readonly Method<ValidateDocumentRequest, ValidateDocumentResponse> ValidateDocument =
        new(MethodType.Unary, ServiceName, nameof(ValidateDocument), DocumentRequests, DocumentResponses);
    internal static readonly Method<ValidateReportRequest, ValidateReportResponse> ValidateReport =
        new(MethodType.Unary, ServiceName, nameof(ValidateReport), ReportRequests, ReportResponses);
    internal static readonly Method<ValidateBatchRequest, ValidateBatchResponse> ValidateBatch =
        new(MethodType.DuplexStreaming, ServiceName, nameof(ValidateBatch), BatchRequests, BatchResponses);
    internal static readonly Method<ListRulesRequest, ListRulesResponse> ListRules =
        new(MethodType.Unary, ServiceName, nameof(ListRules), RulesRequests, RulesResponses);
    internal static readonly Method<GetTemplateRequest, NationalTemplate> GetTemplate =
        new(MethodType.Unary, ServiceName, nameof(GetTemplate), TemplateRequests, Templates);

    /// <summary>Named by <see cref="BindServiceMethodAttribute"/> on the service, in place of the generated one.</summary>
    public static void BindService(ServiceBinderBase binder, ReportValidator.ReportValidatorBase? service)
    {
        binder.AddMethod(ValidateDocument, service is null ? null : service.ValidateDocument);
        binder.AddMethod(ValidateReport, service is null ? null : service.ValidateReport);
        binder.AddMethod(ValidateBatch, service is null ? null : service.ValidateBatch);
        binder.AddMethod(ListRules, service is null ? null : service.ListRules);
        binder.AddMethod(GetTemplate, service is null ? null : service.GetTemplate);
    }

    private static Func<DeserializationContext, T> ReadWithDigest<T>(MessageParser<T> parser) where T : IMessage<T>, IDocumentRequest =>
        context => ReadWithDigest(parser, context);

    private static T ReadWithDigest<T>(MessageParser<T> parser, DeserializationContext context) where T : IMessage<T>, IDocumentRequest
    {
        var payload = context.PayloadAsReadOnlySequence();
        if (payload.Length > WireDigestLimit)
        {
            return parser.ParseFrom(payload);
        }
        if (payload.IsSingleSegment)
        {
            return WithDigest(parser, payload.FirstSpan);
        }
        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(buffer);
            return WithDigest(parser, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static T WithDigest<T>(MessageParser<T> parser, ReadOnlySpan<byte> wire) where T : IMessage<T>, IDocumentRequest
    {
        var request = parser.ParseFrom(wire);
        request.WireDigest = RequestHash.DocumentDigest(wire);
        return request;
    }

    private static void WriteAnswer<T>(T response, SerializationContext context) where T : IMessage, IEncodedAnswer =>
        Write(response, response.Encoded, context);

    // The response's own fields, then field 1 (`result`) as the stored encoding: a parser reads fields in
    // any order, so every client reads a typed result.
    private static void Write(IMessage response, EncodedResult? encoded, SerializationContext context)
    {
        if (encoded is null)
        {
            Serialize(response, context);
            return;
        }
        var result = encoded.Encoding.Span;
        var header = CodedOutputStream.ComputeTagSize(EncodedResult.ResultField) + CodedOutputStream.ComputeLengthSize(result.Length);
        context.SetPayloadLength(response.CalculateSize() + header + result.Length);
        var writer = context.GetBufferWriter();
        response.WriteTo(writer);
        WriteHeader(writer.GetSpan(header), result.Length);
        writer.Advance(header);
        while (!result.IsEmpty)
        {
            var chunk = writer.GetSpan();
            var length = Math.Min(chunk.Length, result.Length);
            result[..length].CopyTo(chunk);
            writer.Advance(length);
            result = result[length..];
        }
        context.Complete();
    }

    // The tag of field 1 as length-delimited, then the length as a varint.
    private static void WriteHeader(Span<byte> header, int length)
    {
        header[0] = (EncodedResult.ResultField << 3) | (byte)WireFormat.WireType.LengthDelimited;
        var position = 1;
        var value = (uint)length;
        while (value >= 0x80)
        {
            header[position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        header[position] = (byte)value;
    }

    private static void Serialize<T>(T message, SerializationContext context) where T : IMessage
    {
        context.SetPayloadLength(message.CalculateSize());
        ((IBufferMessage)message).WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    private static Func<DeserializationContext, T> Read<T>(MessageParser<T> parser) where T : IMessage<T> =>
        context => parser.ParseFrom(context.PayloadAsReadOnlySequence());
}
