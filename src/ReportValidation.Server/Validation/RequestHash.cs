using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using ReportValidation.Server.Caching;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// The canonical bytes of a request, hashed: what the engine will be given (document bytes, content
/// type, file name, previous document, options) and the rule-catalog version, each length-prefixed so
/// no two different requests run together into the same bytes. The request id is left out: it is
/// echoed, not validated.
/// <para>
/// A document request is hashed in two steps: its digest (the canonical bytes of document, previous
/// document and options), then the digest with the method and the catalog version. The digest of a
/// gRPC request is taken from its wire bytes as they arrive (<see cref="RequestWire"/>), without
/// decoding text into a string and encoding it back; a JSON request's from its message. Both give the
/// same digest for the same request (a `text` field's wire bytes are its UTF-8).
/// </para>
/// </summary>
public static class RequestHash
{
    public static ContentHash ForDocument(IDocumentRequest request, string catalogVersion)
    {
        var digest = request.WireDigest ?? DocumentDigest(request);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, "reportvalidation.v1.ValidateDocument");
        Field(hash, catalogVersion);
        Span<byte> bytes = stackalloc byte[ContentHash.Length];
        digest.CopyTo(bytes);
        Field(hash, bytes);
        return Finish(hash);
    }

    /// <summary>The digest of a request's document, previous document and options, from the message.</summary>
    public static ContentHash DocumentDigest(IDocumentRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Document(hash, request.Document);
        if (request.PreviousDocument is null || request.PreviousDocument.BodyCase == V1.Document.BodyOneofCase.None)
        {
            Field(hash, "no-previous");
        }
        else
        {
            Field(hash, "previous");
            Document(hash, request.PreviousDocument);
        }
        Field(hash, request.Options is null ? [] : request.Options.ToByteArray());
        return Finish(hash);
    }

    /// <summary>
    /// The same digest from a request's wire bytes, when they have the plain shape every protobuf encoder
    /// writes (each field once, in any order); null otherwise, and the message is hashed instead.
    /// </summary>
    public static ContentHash? DocumentDigest(ReadOnlySpan<byte> request)
    {
        if (!RequestWire.TryRead(request, out var fields))
        {
            return null;
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Document(hash, fields.Document, request);
        if (fields.Previous.HasBody)
        {
            Field(hash, "previous");
            Document(hash, fields.Previous, request);
        }
        else
        {
            Field(hash, "no-previous");
        }
        Field(hash, fields.Options.Of(request));
        return Finish(hash);
    }

    public static ContentHash ForReport(Report report, Report? previous, ValidationOptions? options, string catalogVersion)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, "reportvalidation.v1.ValidateReport");
        Field(hash, catalogVersion);
        // Protobuf serialization is deterministic for these messages (they have no map fields).
        Field(hash, report.ToByteArray());
        Field(hash, previous is null ? "no-previous" : "previous");
        if (previous is not null)
        {
            Field(hash, previous.ToByteArray());
        }
        Field(hash, (options ?? new ValidationOptions()).ToByteArray());
        return Finish(hash);
    }

    // What the engine is given: text as its UTF-8 with the charset said to be UTF-8, content as it is.
    private static void Document(IncrementalHash hash, Document document)
    {
        if (document.BodyCase == V1.Document.BodyOneofCase.Text)
        {
            Field(hash, Encoding.UTF8.GetBytes(document.Text));
            Field(hash, RequestMapping.WithUtf8(document.ContentType));
        }
        else
        {
            Field(hash, document.Content.Span);
            Field(hash, document.ContentType);
        }
        Field(hash, document.FileName);
    }

    private static void Document(IncrementalHash hash, RequestWire.DocumentFields document, ReadOnlySpan<byte> request)
    {
        Field(hash, document.Body.Of(request));
        var contentType = document.ContentType.Of(request);
        if (document.IsText)
        {
            Field(hash, RequestMapping.WithUtf8(Encoding.UTF8.GetString(contentType)));
        }
        else
        {
            Field(hash, contentType);
        }
        Field(hash, document.FileName.Of(request));
    }

    private static void Field(IncrementalHash hash, string value) => Field(hash, Encoding.UTF8.GetBytes(value));

    private static void Field(IncrementalHash hash, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, value.Length);
        hash.AppendData(length);
        hash.AppendData(value);
    }

    private static ContentHash Finish(IncrementalHash hash)
    {
        Span<byte> digest = stackalloc byte[ContentHash.Length];
        hash.GetHashAndReset(digest);
        return ContentHash.FromBytes(digest);
    }
}
