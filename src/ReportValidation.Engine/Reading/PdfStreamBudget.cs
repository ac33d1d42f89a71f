using System.Runtime.InteropServices;

namespace ReportValidation.Reading;

/// <summary>
/// The decoded size of a PDF's streams, counted before PdfPig decodes them: PdfPig has no limit, and
/// a few kilobytes of deflate expand to gigabytes (a decompression bomb in a 20 KB upload), LZW up to
/// ~2,700:1, RunLength 64:1. Every <c>stream … endstream</c> whose first filter is one of those (or
/// an ASCII filter carrying them) is decoded through its whole filter chain and every level's output
/// counted, not kept (an object stream aside: its objects go to the <see cref="PdfObjectGraph"/>). On the
/// way, page contents are measured (<see cref="ContentCount"/>): PdfPig builds an object per glyph and
/// per path of a page in one call, so a 7 KB file showing two million glyphs took a gigabyte, one
/// drawing a million lines 3.6 s. Each content stream's size, glyphs and the forms it draws go to the
/// graph, which multiplies a form's by the times it is drawn.
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
            var filters = PdfStreamFilters.Names(dictionary);
            var decoded = filters.Count > 0 && PdfStreamFilters.IsCounted(filters[0]);
            var content = IsContent(dictionary);
            var packed = dictionary.IndexOf("/ObjStm"u8) >= 0; // objects compressed in a stream: the graph reads them too
            if (!decoded && (!(content || packed) || dictionary.IndexOf("/Filter"u8) >= 0))
            {
                continue; // nothing PdfPig would decode without a limit, show or resolve
            }
            var end = bytes[start..].IndexOf(EndStreamKeyword);
            var data = pdf.Slice(start, end < 0 ? bytes.Length - start : end);
            var counted = content ? contents : null;
            var number = content ? ObjectNumber(bytes[..keyword]) : -1;
            var form = dictionary.IndexOf("/Form"u8) >= 0 ? number : -1;
            contents.Drawn = number >= 0 ? [] : null;
            var (bytesBefore, glyphsBefore, imagesBefore) = (contents.Bytes, contents.Glyphs, contents.InlineImages);
            using var kept = packed ? new MemoryStream() : null;
            if (decoded)
            {
                var earlyChange = dictionary.IndexOf("/EarlyChange 0"u8) < 0;
                total += Decoded(data, filters, earlyChange, limit - total, buffer, counted, kept, cancellationToken);
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
            if (number >= 0 && contents.EndsInImageData)
            {
                objects.AddUnendedInlineImage(number);
            }
            if (number >= 0)
            {
                objects.AddContent(number, isForm: form >= 0, contents.Drawn!, contents.Bytes - bytesBefore, contents.Glyphs - glyphsBefore, contents.InlineImages - imagesBefore);
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
            if (contents.InlineImages > limits.MaxPdfInlineImages)
            {
                throw DocumentReadException.LimitExceeded("PDF 页面内嵌图像数", "PDF inline image count", contents.InlineImages, limits.MaxPdfInlineImages, nameof(ReadingLimits.MaxPdfInlineImages));
            }
            at = start + data.Length;
        }
        objects.AddContentTotals(contents.Bytes, contents.Glyphs, contents.InlineImages);
    }

    /// <summary>
    /// Bytes the stream decodes to through its filters, every level counted (a filter chain such as
    /// [/ASCII85Decode /LZWDecode] or deflate in deflate), stopping once past the budget. Only a chain
    /// decoded to its end feeds the content count and an object stream's objects.
    /// </summary>
    private static long Decoded(ReadOnlyMemory<byte> data, IReadOnlyList<string> filters, bool earlyChange, long budget, byte[] buffer,
        ContentCount? glyphs, Stream? kept, CancellationToken cancellationToken)
    {
        var meter = new PdfStreamFilters.StreamMeter(budget, cancellationToken);
        using var stream = PdfStreamFilters.Chain(Open(data), filters, earlyChange, meter, out var complete);
        try
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                if (complete)
                {
                    glyphs?.Add(buffer.AsSpan(0, read));
                    kept?.Write(buffer, 0, read);
                }
            }
        }
        catch (InvalidDataException)
        {
            // Damaged deflate data: what was decoded so far counts; PdfPig reports the damage.
        }
        return meter.Total;
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
        public Dictionary<long, long>? Drawn
        {
            get;
            set
            {
                field = value;
                _inName = false;
                _wordLength = 0;
                _previousWasName = false;
                _inImageDictionary = false;
                (_inImageData, _lookahead) = (false, -1); // a form is parsed on its own; a page's next stream, see EndsInImageData
                (_inComment, _depth, _closingDictionary) = (false, 0, false);
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

        // Inline images (BI … ID data EI): where the last one's data started, as an offset in all the
        // content read, and the two bytes before the one being read (PdfPig's end: whitespace, "EI").
        private long _offset;
        private bool _inImageDictionary;
        private bool _inImageData;
        private bool _afterImage;
        private long _imageDataStart;
        private byte _dataBack1;
        private byte _dataBack2;
        private long _dataLength;
        private readonly byte[] _afterEnd = new byte[6];
        private int _lookahead = -1; // bytes of _afterEnd read after a possible end; -1: none pending
        private bool _inComment;
        private int _depth;
        private int _imageDepth;
        private bool _closingDictionary;

        public long Glyphs => _literalBytes + _hexDigits / 2;

        /// <summary>Inline images the contents draw: PdfPig keeps an object of about 1.8 KB for each.</summary>
        public long InlineImages { get; private set; }

        public void Add(ReadOnlySpan<byte> data)
        {
            Bytes += data.Length;
            foreach (var b in data)
            {
                _offset++;
                Feed(b);
            }
        }

        private void Feed(byte b)
        {
            if (_inImageData)
            {
                ImageData(b);
            }
            else if (_literalDepth > 0)
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
                Nest(b == '<' ? 1 : 0);
            }
            else if (_inComment)
            {
                _inComment = b is not ((byte)'\r' or (byte)'\n');
            }
            else
            {
                Outside(b);
            }
        }

        // A byte outside strings, image data and comments.
        private void Outside(byte b)
        {
            Token(b);
            var closing = _closingDictionary;
            _closingDictionary = false;
            switch (b)
            {
                case (byte)'(':
                    _literalDepth = 1;
                    break;
                case (byte)'<':
                    _angle = true;
                    break;
                case (byte)'%':
                    _inComment = true; // as PdfPig: a "BI … ID" in a comment starts no image
                    break;
                case (byte)'[':
                    Nest(1);
                    break;
                case (byte)']':
                    Nest(-1);
                    break;
                case (byte)'>':
                    _closingDictionary = !closing;
                    Nest(closing ? -1 : 0);
                    break;
            }
        }

        // PdfPig reads an array or a dictionary with a scanner of its own: an ID there ends no BI outside it.
        private void Nest(int change)
        {
            _depth = Math.Max(0, _depth + change);
            _inImageDictionary &= _depth >= _imageDepth;
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
                    if (Drawn is not null)
                    {
                        Drawn[_previousName] = Drawn.GetValueOrDefault(_previousName) + 1;
                    }
                }
                else if (_wordLength == 2)
                {
                    InlineImageOperator(b);
                }
                _previousWasName = false;
            }
            _inName = b == '/';
            _name = PdfObjectGraph.NameHashStart;
            _wordLength = 0;
        }

        /// <summary>
        /// BI opens an inline image's dictionary, ID its data (after one white-space byte, as PdfPig
        /// reads it). An EI after the image has ended is PdfPig's cue that the image's data contained
        /// "EI": it joins the data since the image's ID, and copies it whole, again for each such EI
        /// (200,000 of them in a 1 KB file took 14 s, quadratic). Those copies count as content bytes;
        /// an upper bound, since PdfPig also needs the EI to follow the image with no valid operator in
        /// between to take that path.
        /// </summary>
        private void InlineImageOperator(byte end)
        {
            if (_word0 == 'B' && _word1 == 'I')
            {
                (_inImageDictionary, _afterImage, _imageDepth) = (true, false, _depth);
            }
            else if (_word0 == 'I' && _word1 == 'D' && _inImageDictionary && _depth == _imageDepth && IsWhitespace(end))
            {
                (_inImageDictionary, _inImageData) = (false, true);
                (_imageDataStart, _dataBack1, _dataBack2, _dataLength, _lookahead) = (_offset, 0, 0, 0, -1);
                InlineImages++;
            }
            else if (_word0 == 'E' && _word1 == 'I' && _afterImage)
            {
                Bytes += _offset - _imageDataStart;
            }
        }

        /// <summary>The stream ended inside an image's data: PdfPig runs it into a page's next content stream.</summary>
        public bool EndsInImageData => _inImageData && _lookahead < 0;

        // Image data is no text: it shows no glyphs and draws no forms. It ends where PdfPig ends it: at
        // an "EI" after a white-space byte, if the six bytes after it are plain text with white space in
        // them (or the stream ends first). Reading data as text would let a "(" in it hide what follows.
        private void ImageData(byte b)
        {
            if (_lookahead >= 0)
            {
                Confirm(b);
            }
            else if (b == 'I' && _dataBack1 == 'E' && IsWhitespace(_dataBack2) && _dataLength >= 2)
            {
                _lookahead = 0;
            }
            else
            {
                (_dataBack2, _dataBack1, _dataLength) = (_dataBack1, b, _dataLength + 1);
            }
        }

        // PdfPig reads the six bytes after a possible end, then goes back: they are read again, as text
        // after an end or as more data.
        private void Confirm(byte b)
        {
            _afterEnd[_lookahead++] = b;
            var plain = IsWhitespace(b) || b is >= 32 and <= 127;
            if (plain && _lookahead < _afterEnd.Length)
            {
                return;
            }
            var again = _afterEnd[.._lookahead];
            _lookahead = -1;
            if (plain && Array.Exists(again, IsWhitespace))
            {
                (_inImageData, _afterImage) = (false, true);
                (_inName, _wordLength, _previousWasName) = (false, 0, false);
            }
            else
            {
                (_dataBack2, _dataBack1, _dataLength) = ((byte)'E', (byte)'I', _dataLength + 1);
            }
            foreach (var next in again)
            {
                Feed(next);
            }
        }

        private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

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
