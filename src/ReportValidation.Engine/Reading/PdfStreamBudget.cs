using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ReportValidation.Reading;

/// <summary>
/// The expanded size of a PDF's compressed streams, counted before PdfPig inflates them: PdfPig has no
/// limit, and a few kilobytes of deflate expand to gigabytes (a decompression bomb in a 20 KB upload).
/// Every <c>stream … endstream</c> whose dictionary names the Flate filter is inflated as PdfPig's
/// filter would (after the two-byte zlib header) and its output counted, not kept. Deflate inside
/// deflate (a filter chain) is counted at its inner level.
/// </summary>
internal static class PdfStreamBudget
{
    private static ReadOnlySpan<byte> StreamKeyword => "stream"u8;
    private static ReadOnlySpan<byte> EndStreamKeyword => "endstream"u8;

    public static void Check(ReadOnlyMemory<byte> pdf, long limit, CancellationToken cancellationToken)
    {
        var bytes = pdf.Span;
        long total = 0;
        var buffer = new byte[16 * 1024];
        var at = 0;
        while (at < bytes.Length)
        {
            var found = bytes[at..].IndexOf(StreamKeyword);
            if (found < 0)
            {
                break;
            }
            var keyword = at + found;
            at = keyword + StreamKeyword.Length;
            // "endstream" contains "stream"; a stream's data starts after "stream" and its end of line.
            if (keyword >= 3 && bytes[(keyword - 3)..keyword].SequenceEqual("end"u8))
            {
                continue;
            }
            var start = at;
            if (start < bytes.Length && bytes[start] == '\r')
            {
                start++;
            }
            if (start >= bytes.Length || bytes[start] != '\n')
            {
                continue;
            }
            start++;
            if (!IsFlate(bytes[..keyword]))
            {
                continue;
            }
            var end = bytes[start..].IndexOf(EndStreamKeyword);
            var data = pdf.Slice(start, end < 0 ? bytes.Length - start : end);
            total += Expanded(data, limit - total, buffer, cancellationToken);
            if (total > limit)
            {
                throw DocumentReadException.LimitExceeded("PDF 解压后大小（字节）", "PDF decompressed size in bytes", total, limit);
            }
            at = start + data.Length;
        }
    }

    // Bytes the stream inflates to, stopping once past the budget; 0 for data that is not deflate.
    private static long Expanded(ReadOnlyMemory<byte> data, long budget, byte[] buffer, CancellationToken cancellationToken)
    {
        if (data.Length < 3)
        {
            return 0;
        }
        long count = 0;
        try
        {
            using var outer = new DeflateStream(Open(data[2..]), CompressionMode.Decompress);
            var read = outer.ReadAtLeast(buffer.AsSpan(0, 2), 2, throwOnEndOfStream: false);
            if (read == 2 && IsZlibHeader(buffer[0], buffer[1]))
            {
                // A filter chain: what this stream inflates to is itself deflate; count the inner level.
                using var inner = new DeflateStream(outer, CompressionMode.Decompress);
                return Drain(inner, budget, buffer, cancellationToken);
            }
            count = read;
            return count + Drain(outer, budget - count, buffer, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return count; // not deflate data (an image, a font in another filter): PdfPig decides
        }
    }

    private static long Drain(Stream stream, long budget, byte[] buffer, CancellationToken cancellationToken)
    {
        long count = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                count += read;
                if (count > budget)
                {
                    break;
                }
                if ((count & 0xF_FFFF) < read)
                {
                    cancellationToken.ThrowIfCancellationRequested(); // about every megabyte
                }
            }
        }
        catch (InvalidDataException)
        {
            // Damaged deflate data: what was inflated so far counts; PdfPig reports the damage.
        }
        return count;
    }

    // The stream's dictionary (between its "obj" and "stream") names the Flate filter: /FlateDecode, or
    // /Fl in an inline abbreviation. Other filters (images, raw content) are not inflated here.
    private static bool IsFlate(ReadOnlySpan<byte> before)
    {
        var window = before[Math.Max(0, before.Length - 4096)..];
        var obj = window.LastIndexOf("obj"u8);
        var dictionary = obj < 0 ? window : window[obj..];
        return dictionary.IndexOf("/Fl"u8) >= 0; // /FlateDecode, or its inline abbreviation /Fl
    }

    private static bool IsZlibHeader(byte cmf, byte flg) => (cmf & 0x0F) == 8 && (cmf << 8 | flg) % 31 == 0;

    // The document's own array when it has one (it always does when read from a file or a request).
    private static MemoryStream Open(ReadOnlyMemory<byte> data) => MemoryMarshal.TryGetArray(data, out var segment)
        ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
        : new MemoryStream(data.ToArray(), writable: false);
}
