using System.Buffers;
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
        Span<byte> bytes = stackalloc byte[ContentHash.Length];
        digest.CopyTo(bytes);
        var hash = new CanonicalHash(stackalloc byte[CanonicalHash.BufferLength]);
        hash.Field("reportvalidation.v1.ValidateDocument");
        hash.Field(catalogVersion);
        hash.Field(bytes);
        return hash.Finish();
    }

    /// <summary>The digest of a request's document, previous document and options, from the message.</summary>
    public static ContentHash DocumentDigest(IDocumentRequest request)
    {
        var hash = new CanonicalHash(stackalloc byte[CanonicalHash.BufferLength]);
        Document(ref hash, request.Document);
        if (request.PreviousDocument is null || request.PreviousDocument.BodyCase == V1.Document.BodyOneofCase.None)
        {
            hash.Field("no-previous");
        }
        else
        {
            hash.Field("previous");
            Document(ref hash, request.PreviousDocument);
        }
        hash.Field(request.Options is null ? [] : request.Options.ToByteArray());
        return hash.Finish();
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
        var hash = new CanonicalHash(stackalloc byte[CanonicalHash.BufferLength]);
        Document(ref hash, fields.Document, request);
        if (fields.Previous.HasBody)
        {
            hash.Field("previous");
            Document(ref hash, fields.Previous, request);
        }
        else
        {
            hash.Field("no-previous");
        }
        hash.Field(fields.Options.Of(request));
        return hash.Finish();
    }

    public static ContentHash ForReport(Report report, Report? previous, ValidationOptions? options, string catalogVersion)
    {
        var hash = new CanonicalHash(stackalloc byte[CanonicalHash.BufferLength]);
        hash.Field("reportvalidation.v1.ValidateReport");
        hash.Field(catalogVersion);
        // Protobuf serialization is deterministic for these messages (they have no map fields).
        hash.Field(report.ToByteArray());
        hash.Field(previous is null ? "no-previous" : "previous");
        if (previous is not null)
        {
            hash.Field(previous.ToByteArray());
        }
        hash.Field((options ?? new ValidationOptions()).ToByteArray());
        return hash.Finish();
    }

    // What the engine is given: text as its UTF-8 with the charset said to be UTF-8, content as it is.
    private static void Document(ref CanonicalHash hash, Document document)
    {
        if (document.BodyCase == V1.Document.BodyOneofCase.Text)
        {
            hash.Field(document.Text);
            hash.Field(RequestMapping.WithUtf8(document.ContentType));
        }
        else
        {
            hash.Field(document.Content.Span);
            hash.Field(document.ContentType);
        }
        hash.Field(document.FileName);
    }

    private static void Document(ref CanonicalHash hash, RequestWire.DocumentFields document, ReadOnlySpan<byte> request)
    {
        hash.Field(document.Body.Of(request));
        var contentType = document.ContentType.Of(request);
        if (document.IsText)
        {
            hash.Field(RequestMapping.WithUtf8(Encoding.UTF8.GetString(contentType)));
        }
        else
        {
            hash.Field(contentType);
        }
        hash.Field(document.FileName.Of(request));
    }

    /// <summary>
    /// SHA-256 over length-prefixed fields. Each append is a call into the platform's crypto library, and
    /// a request is a dozen fields of a few bytes around one large one: small fields (and every length) are
    /// gathered in a buffer on the stack and appended together. The hash object is the thread's own and
    /// is reset by each digest, so a call creates none; it is taken while in use, so a digest left
    /// unfinished by an exception leaves nothing behind for the next.
    /// </summary>
    private ref struct CanonicalHash(Span<byte> buffer)
    {
        public const int BufferLength = 512;

        [ThreadStatic]
        private static IncrementalHash? t_sha256;

        private readonly IncrementalHash _sha256 = Take();
        private readonly Span<byte> _buffer = buffer;
        private int _used;

        public void Field(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            if (sizeof(long) + length <= _buffer.Length)
            {
                Reserve(sizeof(long) + length);
                Length(length);
                _used += Encoding.UTF8.GetBytes(value, _buffer[_used..]);
                return;
            }
            var bytes = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                Field(bytes.AsSpan(0, Encoding.UTF8.GetBytes(value, bytes)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }

        public void Field(ReadOnlySpan<byte> value)
        {
            Reserve(sizeof(long));
            Length(value.Length);
            if (value.Length <= _buffer.Length - _used)
            {
                value.CopyTo(_buffer[_used..]);
                _used += value.Length;
                return;
            }
            Flush();
            _sha256.AppendData(value);
        }

        public ContentHash Finish()
        {
            Flush();
            Span<byte> digest = stackalloc byte[ContentHash.Length];
            _sha256.GetHashAndReset(digest);
            t_sha256 = _sha256;
            return ContentHash.FromBytes(digest);
        }

        private static IncrementalHash Take()
        {
            var sha256 = t_sha256 ?? IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            t_sha256 = null;
            return sha256;
        }

        private void Length(int length)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer[_used..], length);
            _used += sizeof(long);
        }

        private void Reserve(int length)
        {
            if (length > _buffer.Length - _used)
            {
                Flush();
            }
        }

        private void Flush()
        {
            if (_used > 0)
            {
                _sha256.AppendData(_buffer[.._used]);
                _used = 0;
            }
        }
    }
}
