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
        return format switch
        {
            SourceFormat.Text => PlainTextReader.Read(TextDecoding.Decode(bytes, ContentSniffer.Charset(document.ContentType))),
            _ => throw DocumentReadException.Binary(),
        };
    }
}

/// <summary>Which format a document is in: the declared content type first, then the bytes.</summary>
public static class ContentSniffer
{
    public static SourceFormat Detect(InputDocument document)
    {
        var bytes = document.Content.Span;
        if (LooksBinary(bytes))
        {
            return SourceFormat.Unspecified;
        }
        return SourceFormat.Text;
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

    /// <summary>NUL bytes or many control bytes in the first 8 KiB mean this is no text.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return false; // UTF-16 with a BOM has NULs but is text
        }
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return true;
            }
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                control++;
            }
        }
        return control > head.Length / 20 + 2;
    }
}
