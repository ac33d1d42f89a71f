using System.Text;
using ReportValidation.V1;

namespace ReportValidation.Reading;

/// <summary>
/// Turns a submitted document into a <see cref="SourceDocument"/>: decides the format from the
/// declared content type or the bytes, then hands it to that format's reader.
/// </summary>
public static class DocumentReader
{
    public static SourceDocument Read(InputDocument document, ReadingLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= ReadingLimits.Default;
        var bytes = document.Content.Span;
        if (bytes.Length == 0)
        {
            throw DocumentReadException.Empty();
        }
        if (bytes.Length > limits.MaxDocumentBytes)
        {
            throw DocumentReadException.TooLarge(bytes.Length, limits.MaxDocumentBytes);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var format = ContentSniffer.Detect(document);
        try
        {
            return format switch
            {
                SourceFormat.Text => ReadText(TextDecoding.DecodeText(bytes, ContentSniffer.Charset(document.ContentType)), cancellationToken),
                SourceFormat.Html => HtmlReader.Read(document.Content, ContentSniffer.Charset(document.ContentType), limits, cancellationToken),
                SourceFormat.Docx => DocxReader.Read(document.Content, limits, cancellationToken),
                SourceFormat.Pdf => PdfReader.Read(document.Content, limits, cancellationToken),
                _ => throw DocumentReadException.Binary(),
            };
        }
        catch (Exception e) when (e is not (DocumentReadException or OperationCanceledException))
        {
            // The readers turn their libraries' failures into document errors; this is the net under them
            // (decoding, a reader's own slip): one bad document is that document's error, never a crash.
            cancellationToken.ThrowIfCancellationRequested();
            throw DocumentReadException.Corrupt(format.ToString(), e.GetType().Name);
        }
    }

    /// <summary>Plain text, with what its decoding repaired noted where it stands in the text.</summary>
    private static SourceDocument ReadText(DecodedText decoded, CancellationToken cancellationToken)
    {
        var source = PlainTextReader.Read(decoded.Text, cancellationToken);
        if (decoded.Replaced > 0)
        {
            source.ReadingNotes.Add(Note(source, ReadingNoteKind.InvalidBytesReplaced, decoded.Replaced, decoded.EncodingName, decoded.FirstReplaced));
        }
        if (decoded.DroppedNuls > 0)
        {
            source.ReadingNotes.Add(Note(source, ReadingNoteKind.NulDropped, decoded.DroppedNuls, decoded.EncodingName, decoded.FirstDroppedNul));
        }
        return source;
    }

    private static ReadingNote Note(SourceDocument source, ReadingNoteKind kind, int count, string encoding, int at)
    {
        var start = Math.Clamp(at, 0, source.Text.Length);
        return new ReadingNote
        {
            Kind = kind,
            Count = count,
            Encoding = encoding,
            First = source.Span(start, Math.Min(start + 1, source.Text.Length)),
        };
    }
}

/// <summary>
/// Which format a document is in: the declared content type first, then magic bytes, then the file
/// name's extension, then whether the bytes look like HTML or text.
/// </summary>
public static class ContentSniffer
{
    public const string HtmlContentType = "text/html";
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string PdfContentType = "application/pdf";
    public const string TextContentType = "text/plain";

    /// <summary>Content types accepted as they are declared (parameters such as charset aside).</summary>
    public static IReadOnlyDictionary<string, SourceFormat> KnownContentTypes { get; } = new Dictionary<string, SourceFormat>(StringComparer.OrdinalIgnoreCase)
    {
        [TextContentType] = SourceFormat.Text,
        ["text/markdown"] = SourceFormat.Text,
        [HtmlContentType] = SourceFormat.Html,
        ["application/xhtml+xml"] = SourceFormat.Html,
        [DocxContentType] = SourceFormat.Docx,
        [PdfContentType] = SourceFormat.Pdf,
        ["application/x-pdf"] = SourceFormat.Pdf,
    };

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CompoundFileMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static SourceFormat Detect(InputDocument document)
    {
        var bytes = document.Content.Span;
        var declared = MediaType(document.ContentType);
        if (declared is not null && KnownContentTypes.TryGetValue(declared, out var known))
        {
            if (known is SourceFormat.Text or SourceFormat.Html)
            {
                // A client that labels every upload text/plain: a PDF or a zip says what it is, and
                // other binary bytes are no text whatever the label says.
                if (bytes[..Math.Min(bytes.Length, 1024)].IndexOf(PdfMagic) >= 0)
                {
                    return SourceFormat.Pdf;
                }
                if (bytes.StartsWith(ZipMagic) || bytes.StartsWith(CompoundFileMagic))
                {
                    return SourceFormat.Docx;
                }
                if (LooksBinary(bytes))
                {
                    return SourceFormat.Unspecified;
                }
            }
            return known;
        }
        if (declared is "application/msword" or "application/vnd.ms-word")
        {
            // A legacy .doc, or a .docx that Word encrypted (both are OLE compound files).
            return SourceFormat.Docx;
        }
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        if (head.IndexOf(PdfMagic) >= 0)
        {
            return SourceFormat.Pdf;
        }
        if (bytes.StartsWith(ZipMagic) || bytes.StartsWith(CompoundFileMagic))
        {
            return SourceFormat.Docx;
        }
        switch (Path.GetExtension(document.FileName ?? "").ToLowerInvariant())
        {
            case ".pdf":
                return SourceFormat.Pdf;
            case ".docx" or ".doc" or ".wps":
                return SourceFormat.Docx;
            case ".html" or ".htm" or ".shtml" or ".xhtml":
                return SourceFormat.Html;
        }
        if (LooksBinary(bytes))
        {
            return SourceFormat.Unspecified;
        }
        return LooksLikeHtml(bytes) ? SourceFormat.Html : SourceFormat.Text;
    }

    /// <summary>The media type of a content type without parameters, lower case; null when none.</summary>
    public static string? MediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }
        var semicolon = contentType.IndexOf(';');
        var media = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
        return media.Length == 0 ? null : media;
    }

    /// <summary>The charset parameter of a content type, if any.</summary>
    public static string? Charset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }
        foreach (var part in contentType.Split(';'))
        {
            var kv = part.Trim();
            if (kv.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                return kv["charset=".Length..];
            }
        }
        return null;
    }

    private static readonly string[] HtmlMarkers =
        ["<!doctype html", "<html", "<head", "<body", "<table", "<meta", "<div", "<p>", "<p ", "<tr", "<td", "<span", "<br"];

    /// <summary>
    /// HTML when the text opens with a tag or comment, or carries at least two distinct HTML tags in
    /// its first 4 KiB (a plain-text report rarely holds even one).
    /// </summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 4096)];
        // No tag opener at all: plain text, without building a string (the common case on the hot path).
        if (head.IndexOf((byte)'<') < 0)
        {
            return false;
        }
        // Latin-1 keeps every byte as one char: enough to see ASCII tags in UTF-8 or GB18030 text.
        var text = Encoding.Latin1.GetString(head).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        if (text.StartsWith("<!", StringComparison.Ordinal) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var hits = 0;
        foreach (var marker in HtmlMarkers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase) && ++hits >= 2)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// More than a stray NUL (one per KiB, at most 16), or many control bytes, in the first 8 KiB mean
    /// this is no text. A stray NUL in a text is damage: decoding drops it and says so.
    /// </summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return false; // UTF-16 with a BOM has NULs but is text
        }
        var nuls = head.Count((byte)0);
        if (nuls > Math.Min(16, Math.Max(1, head.Length / 1024)))
        {
            return true;
        }
        // Vectorised fast path: most text has no control bytes at all.
        if (head.IndexOfAnyInRange((byte)0x01, (byte)0x08) < 0 && head.IndexOfAnyInRange((byte)0x0E, (byte)0x1F) < 0)
        {
            return false;
        }
        var control = 0;
        foreach (var b in head)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                control++;
            }
        }
        return control > head.Length / 20 + 2;
    }
}
