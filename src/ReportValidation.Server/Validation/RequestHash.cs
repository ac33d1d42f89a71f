using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using ReportValidation.Reading;
using ReportValidation.Server.Caching;
using ReportValidation.V1;

namespace ReportValidation.Server.Validation;

/// <summary>
/// The canonical bytes of a request, hashed: what the engine will be given (document bytes, content
/// type, file name, previous document, options) and the rule-catalog version, each length-prefixed so
/// no two different requests run together into the same bytes. The request id is left out: it is
/// echoed, not validated.
/// </summary>
public static class RequestHash
{
    public static ContentHash ForDocument(InputDocument document, InputDocument? previous, ValidationOptions? options, string catalogVersion)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, "reportvalidation.v1.ValidateDocument");
        Field(hash, catalogVersion);
        Document(hash, document);
        if (previous is null)
        {
            Field(hash, "no-previous");
        }
        else
        {
            Field(hash, "previous");
            Document(hash, previous);
        }
        Field(hash, (options ?? new ValidationOptions()).ToByteArray());
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

    private static void Document(IncrementalHash hash, InputDocument document)
    {
        Field(hash, document.Content.Span);
        Field(hash, document.ContentType ?? "");
        Field(hash, document.FileName ?? "");
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
