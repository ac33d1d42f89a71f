using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ReportValidation.Reading;

/// <summary>
/// The expanded size of a PDF's compressed streams, counted before PdfPig inflates them: PdfPig has no
/// limit, and a few kilobytes of deflate expand to gigabytes (a decompression bomb in a 20 KB upload).
/// Every <c>stream … endstream</c> whose dictionary names the Flate filter is inflated as PdfPig's
/// filter would (after the two-byte zlib header) and its output counted, not kept (an object stream
/// aside: its objects go to the <see cref="PdfObjectGraph"/>). Deflate inside
/// deflate (a filter chain) is counted at its inner level. On the way, page contents are measured
/// (<see cref="ContentCount"/>): PdfPig builds an object per glyph and per path of a page in one call,
/// so a 7 KB file showing two million glyphs took a gigabyte, one drawing a million lines 3.6 s.
/// </summary>
internal static class PdfStreamBudget
{
    private static ReadOnlySpan<byte> StreamKeyword => "stream"u8;
    private static ReadOnlySpan<byte> EndStreamKeyword => "endstream"u8;

    /// <summary>Checks the budgets, and hands every object stream's content to <paramref name="objects"/>.</summary>
    public static void Check(ReadOnlyMemory<byte> pdf, ReadingLimits limits, PdfObjectGraph objects, CancellationToken cancellationToken)
    {
        var bytes = pdf.Span;
        var limit = limits.MaxDecompressedBytes;
        long total = 0;
        var contents = new ContentCount();
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
            var dictionary = Dictionary(bytes[..keyword]);
            var flate = dictionary.IndexOf("/Fl"u8) >= 0; // /FlateDecode, or its inline abbreviation /Fl
            var content = IsContent(dictionary);
            var packed = dictionary.IndexOf("/ObjStm"u8) >= 0; // objects compressed in a stream: the graph reads them too
            if (!flate && (!(content || packed) || dictionary.IndexOf("/Filter"u8) >= 0))
            {
                continue; // not deflate, and nothing PdfPig would show or resolve
            }
            var end = bytes[start..].IndexOf(EndStreamKeyword);
            var data = pdf.Slice(start, end < 0 ? bytes.Length - start : end);
            var counted = content ? contents : null;
            var form = dictionary.IndexOf("/Form"u8) >= 0 ? ObjectNumber(bytes[..keyword]) : -1;
            contents.Drawn = form >= 0 ? [] : null;
            using var kept = packed ? new MemoryStream() : null;
            if (flate)
            {
                total += Expanded(data, limit - total, buffer, counted, kept, cancellationToken);
            }
            else
            {
                counted?.Add(data.Span);
                kept?.Write(data.Span);
            }
            if (kept is not null && total <= limit)
            {
                objects.AddObjectStream(dictionary, kept.GetBuffer().AsSpan(0, (int)kept.Length));
            }
            if (form >= 0)
            {
                objects.AddFormDrawing(form, contents.Drawn!);
            }
            if (total > limit)
            {
                throw DocumentReadException.LimitExceeded("PDF 解压后大小（字节）", "PDF decompressed size in bytes", total, limit, nameof(ReadingLimits.MaxDecompressedBytes));
            }
            if (contents.Bytes > limits.MaxPdfContentBytes)
            {
                throw DocumentReadException.LimitExceeded("PDF 页面内容流大小（字节）", "PDF page content size in bytes", contents.Bytes, limits.MaxPdfContentBytes, nameof(ReadingLimits.MaxPdfContentBytes));
            }
            if (contents.Glyphs > limits.MaxPdfGlyphs)
            {
                throw DocumentReadException.LimitExceeded("PDF 页面文字的字形数", "PDF glyph count of its page text", contents.Glyphs, limits.MaxPdfGlyphs, nameof(ReadingLimits.MaxPdfGlyphs));
            }
            at = start + data.Length;
        }
    }

    // Bytes the stream inflates to, stopping once past the budget; 0 for data that is not deflate.
    private static long Expanded(ReadOnlyMemory<byte> data, long budget, byte[] buffer, ContentCount? glyphs, Stream? kept, CancellationToken cancellationToken)
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
                return Drain(inner, budget, buffer, glyphs, kept, cancellationToken);
            }
            count = read;
            glyphs?.Add(buffer.AsSpan(0, read));
            kept?.Write(buffer, 0, read);
            return count + Drain(outer, budget - count, buffer, glyphs, kept, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return count; // not deflate data (an image, a font in another filter): PdfPig decides
        }
    }

    private static long Drain(Stream stream, long budget, byte[] buffer, ContentCount? glyphs, Stream? kept, CancellationToken cancellationToken)
    {
        long count = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                count += read;
                glyphs?.Add(buffer.AsSpan(0, read));
                kept?.Write(buffer, 0, read);
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

    // The stream's dictionary: between its "obj" and "stream".
    private static ReadOnlySpan<byte> Dictionary(ReadOnlySpan<byte> before)
    {
        var window = before[Math.Max(0, before.Length - 4096)..];
        var obj = window.LastIndexOf("obj"u8);
        return obj < 0 ? window : window[obj..];
    }

    // The number of the object a stream belongs to: the "n g obj" before its dictionary; -1 if none.
    private static int ObjectNumber(ReadOnlySpan<byte> before)
    {
        var window = before[Math.Max(0, before.Length - 4096)..];
        var obj = window.LastIndexOf("obj"u8);
        if (obj < 0)
        {
            return -1;
        }
        var head = window[..obj].TrimEnd(" \r\n\t"u8);
        var generation = head.LastIndexOfAnyExcept("0123456789"u8);
        head = head[..(generation + 1)].TrimEnd(" \r\n\t"u8);
        var start = head.LastIndexOfAnyExcept("0123456789"u8) + 1;
        return int.TryParse(head[start..], out var number) ? number : -1;
    }

    // A page's content stream has no type of its own; a form XObject is content too. Fonts, images,
    // object streams and the like are not.
    private static bool IsContent(ReadOnlySpan<byte> dictionary) =>
        dictionary.IndexOf("/Form"u8) >= 0
        || (dictionary.IndexOf("/Type"u8) < 0 && dictionary.IndexOf("/Subtype"u8) < 0 && dictionary.IndexOf("/Length1"u8) < 0);

    private static bool IsZlibHeader(byte cmf, byte flg) => (cmf & 0x0F) == 8 && (cmf << 8 | flg) % 31 == 0;

    // The document's own array when it has one (it always does when read from a file or a request).
    private static MemoryStream Open(ReadOnlyMemory<byte> data) => MemoryMarshal.TryGetArray(data, out var segment)
        ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
        : new MemoryStream(data.ToArray(), writable: false);

    /// <summary>
    /// The size of the content streams, and an upper bound on the glyphs they show: the bytes of their
    /// literal strings and half the digits of their hex strings, read in pieces as a stream inflates.
    /// </summary>
    private sealed class ContentCount
    {
        public long Bytes { get; private set; }

        /// <summary>For a form's stream: the names its content draws (<c>/Name Do</c>), by hash. Set per stream.</summary>
        public HashSet<long>? Drawn
        {
            get;
            set
            {
                field = value;
                _inName = false;
                _wordLength = 0;
                _previousWasName = false;
            }
        }

        // The token being read outside strings: a name (its hash) or a word (its first two bytes).
        private bool _inName;
        private long _name;
        private int _wordLength;
        private byte _word0;
        private byte _word1;
        private bool _previousWasName;
        private long _previousName;

        private int _literalDepth;
        private bool _escaped;
        private bool _hex;
        private bool _angle;
        private long _hexDigits;
        private long _literalBytes;

        public long Glyphs => _literalBytes + _hexDigits / 2;

        public void Add(ReadOnlySpan<byte> data)
        {
            Bytes += data.Length;
            foreach (var b in data)
            {
                if (_literalDepth > 0)
                {
                    Literal(b);
                }
                else if (_hex)
                {
                    _hex = b != '>';
                    _hexDigits += char.IsAsciiHexDigit((char)b) ? 1 : 0;
                }
                else if (_angle)
                {
                    _angle = false;
                    _hex = b != '<' && b != '>'; // "<<" opens a dictionary, not a string
                    _hexDigits += char.IsAsciiHexDigit((char)b) ? 1 : 0;
                }
                else
                {
                    Token(b);
                    if (b == '(')
                    {
                        _literalDepth = 1;
                    }
                    else if (b == '<')
                    {
                        _angle = true;
                    }
                }
            }
        }

        // Follows names and words so that "/Fm1 Do" is seen, across the pieces the stream arrives in.
        private void Token(byte b)
        {
            var ends = b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0
                or (byte)'/' or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'%';
            if (!ends)
            {
                if (_inName)
                {
                    _name = PdfObjectGraph.NameHashStep(_name, b);
                }
                else
                {
                    _word0 = _wordLength == 0 ? b : _word0;
                    _word1 = _wordLength == 1 ? b : _word1;
                    _wordLength++;
                }
                return;
            }
            if (_inName)
            {
                _previousWasName = true;
                _previousName = _name;
            }
            else if (_wordLength > 0)
            {
                if (_wordLength == 2 && _word0 == 'D' && _word1 == 'o' && _previousWasName)
                {
                    Drawn?.Add(_previousName);
                }
                _previousWasName = false;
            }
            _inName = b == '/';
            _name = PdfObjectGraph.NameHashStart;
            _wordLength = 0;
        }

        private void Literal(byte b)
        {
            if (_escaped)
            {
                _escaped = false;
                _literalBytes++;
                return;
            }
            switch (b)
            {
                case (byte)'\\':
                    _escaped = true;
                    return;
                case (byte)'(':
                    _literalDepth++;
                    break;
                case (byte)')':
                    _literalDepth--;
                    return;
            }
            _literalBytes++;
        }
    }
}
