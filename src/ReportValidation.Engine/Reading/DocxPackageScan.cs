using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml;

namespace ReportValidation.Reading;

/// <summary>
/// What a DOCX is checked for before OpenXml opens it. First the zip's entry count and declared sizes;
/// then every XML entry is read once with an <see cref="XmlReader"/> (no DTDs), which keeps no tree
/// and does not recurse, for its nesting depth, its element count and the bytes it really expands to
/// (headers can lie). OpenXml loads a part one stack frame per level: an 11 KB file nesting 100,000
/// elements overflowed the stack, which ends the process whatever catches what.
/// </summary>
internal static class DocxPackageScan
{
    private const string FormatName = "Word";

    public static void Check(ReadOnlyMemory<byte> content, ReadingLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = new ZipArchive(Open(content), ZipArchiveMode.Read);
            CheckEntries(zip, limits);
            var scan = new PartScan(limits, cancellationToken);
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (IsXml(entry))
                {
                    scan.Read(entry);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            throw DocumentReadException.Corrupt(FormatName, e.GetType().Name);
        }
    }

    /// <summary>Entry count and declared expanded size, checked before anything is decompressed.</summary>
    private static void CheckEntries(ZipArchive zip, ReadingLimits limits)
    {
        var entries = zip.Entries;
        if (entries.Count > limits.MaxArchiveEntries)
        {
            throw DocumentReadException.LimitExceeded("压缩包条目数", "archive entry count", entries.Count, limits.MaxArchiveEntries,
                nameof(ReadingLimits.MaxArchiveEntries));
        }
        long total = 0;
        var hasDocument = false;
        foreach (var entry in entries)
        {
            total += entry.Length;
            hasDocument |= entry.FullName.StartsWith("word/", StringComparison.OrdinalIgnoreCase);
        }
        if (total > limits.MaxDecompressedBytes)
        {
            throw DocumentReadException.LimitExceeded("解压后大小（字节）", "decompressed size in bytes", total, limits.MaxDecompressedBytes,
                nameof(ReadingLimits.MaxDecompressedBytes));
        }
        if (!hasDocument)
        {
            throw DocumentReadException.UnsupportedFormat("不是 Word 文档的 ZIP 文件 / a zip file that is not a Word document");
        }
    }

    // Whatever its name, an entry whose first bytes open markup (after a byte-order mark) is XML that
    // OpenXml may parse; images and other binaries are not read.
    private static bool IsXml(ZipArchiveEntry entry)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = entry.Open();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        return head.StartsWith("\uFEFF<"u8) || head.StartsWith("<"u8) || head.StartsWith(Utf16LittleEndianOpen)
            || head.StartsWith(Utf16BigEndianOpen) || head.StartsWith(" "u8) || head.StartsWith("\r\n"u8) || head.StartsWith("\n"u8);
    }

    private static ReadOnlySpan<byte> Utf16LittleEndianOpen => [0xFF, 0xFE, (byte)'<', 0];
    private static ReadOnlySpan<byte> Utf16BigEndianOpen => [0xFE, 0xFF, 0, (byte)'<'];

    private static MemoryStream Open(ReadOnlyMemory<byte> content) => MemoryMarshal.TryGetArray(content, out var segment)
        ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
        : new MemoryStream(content.ToArray(), writable: false);

    /// <summary>The running totals over the parts of one package.</summary>
    private sealed class PartScan(ReadingLimits limits, CancellationToken cancellationToken)
    {
        private static readonly XmlReaderSettings Settings = new()
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        private long _expanded;
        private long _elements;

        public void Read(ZipArchiveEntry entry)
        {
            var stream = new GuardedReadStream(entry.Open(), cancellationToken, Count);
            using var reader = XmlReader.Create(stream, Settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.Depth >= limits.MaxXmlDepth)
                {
                    throw DocumentReadException.LimitExceeded($"Word 文档部件 {entry.FullName} 的 XML 元素嵌套深度", $"XML element nesting depth in {entry.FullName}",
                        limits.MaxXmlDepth, nameof(ReadingLimits.MaxXmlDepth));
                }
                if (++_elements > limits.MaxXmlElements)
                {
                    throw DocumentReadException.LimitExceeded("XML 元素数", "XML element count", limits.MaxXmlElements, nameof(ReadingLimits.MaxXmlElements));
                }
                if ((_elements & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        private void Count(int read)
        {
            _expanded += read;
            if (_expanded > limits.MaxDecompressedBytes)
            {
                throw DocumentReadException.LimitExceeded("解压后大小（字节）", "decompressed size in bytes", limits.MaxDecompressedBytes,
                    nameof(ReadingLimits.MaxDecompressedBytes));
            }
        }
    }
}
