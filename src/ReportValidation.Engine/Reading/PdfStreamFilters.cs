using System.IO.Compression;

namespace ReportValidation.Reading;

/// <summary>
/// The stream filters PdfPig decodes without a limit, as readable streams, so that the pre-scan can
/// count what a stream decodes to, level by level, before PdfPig decodes it: Flate, LZW (up to
/// ~2,700:1), RunLength (up to 64:1), and the ASCII filters that carry them. Written from the PDF
/// specification (ISO 32000-1, 7.4). Damaged data ends a stream early: PdfPig reports the damage.
/// </summary>
internal static class PdfStreamFilters
{
    /// <summary>The filters of a stream's dictionary in the order they apply (<c>/Filter /X</c> or <c>[/X /Y]</c>).</summary>
    public static List<string> Names(ReadOnlySpan<byte> dictionary)
    {
        var names = new List<string>();
        var at = dictionary.IndexOf("/Filter"u8);
        if (at < 0)
        {
            return names;
        }
        var rest = dictionary[(at + "/Filter"u8.Length)..].TrimStart(" \r\n\t\f\0"u8);
        var inArray = rest.Length > 0 && rest[0] == '[';
        rest = inArray ? rest[1..] : rest;
        while (true)
        {
            rest = rest.TrimStart(" \r\n\t\f\0"u8);
            if (rest.Length < 2 || rest[0] != '/')
            {
                return names;
            }
            var end = rest[1..].IndexOfAny(" \r\n\t\f\0/[]<>()"u8);
            var name = end < 0 ? rest[1..] : rest[1..(end + 1)];
            names.Add(System.Text.Encoding.ASCII.GetString(name));
            rest = rest[(name.Length + 1)..];
            if (!inArray)
            {
                return names;
            }
        }
    }

    /// <summary>
    /// The stream of what <paramref name="raw"/> decodes to through <paramref name="filters"/>, every
    /// level's output counted by <paramref name="meter"/> (PdfPig holds each level whole), and ending
    /// once the meter is past its budget. <paramref name="complete"/> is false when a filter not counted
    /// here (an image's) stops the chain early: the stream then ends at the level before it.
    /// </summary>
    public static Stream Chain(Stream raw, IReadOnlyList<string> filters, bool earlyChange, StreamMeter meter, out bool complete)
    {
        var stream = raw;
        complete = true;
        foreach (var filter in filters)
        {
            var decoded = Decode(filter, stream, earlyChange);
            if (decoded is null)
            {
                complete = false;
                break;
            }
            stream = new MeteredStream(decoded, meter);
        }
        return stream;
    }

    /// <summary>Whether this filter is decoded and counted here.</summary>
    public static bool IsCounted(string filter) =>
        filter is "FlateDecode" or "Fl" or "LZWDecode" or "LZW" or "RunLengthDecode" or "RL" or "ASCII85Decode" or "A85" or "ASCIIHexDecode" or "AHx";

    private static Stream? Decode(string filter, Stream encoded, bool earlyChange) => filter switch
    {
        "FlateDecode" or "Fl" => Inflate(encoded),
        "LZWDecode" or "LZW" => new LzwStream(encoded, earlyChange),
        "RunLengthDecode" or "RL" => new RunLengthStream(encoded),
        "ASCII85Decode" or "A85" => new Ascii85Stream(encoded),
        "ASCIIHexDecode" or "AHx" => new AsciiHexStream(encoded),
        _ => null,
    };

    // Flate data is zlib: a two-byte header, then deflate, as PdfPig reads it.
    private static DeflateStream Inflate(Stream encoded)
    {
        Span<byte> header = stackalloc byte[2];
        encoded.ReadAtLeast(header, 2, throwOnEndOfStream: false);
        return new DeflateStream(encoded, CompressionMode.Decompress);
    }

    /// <summary>Bytes decoded so far over all levels of one stream, against a budget; checks the token about every megabyte.</summary>
    public sealed class StreamMeter(long budget, CancellationToken cancellationToken)
    {
        public long Total { get; private set; }

        public bool IsOver => Total > budget;

        public void Add(int count)
        {
            Total += count;
            if ((Total & 0xF_FFFF) < count)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private sealed class MeteredStream(Stream decoded, StreamMeter meter) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer)
        {
            if (meter.IsOver)
            {
                return 0;
            }
            var read = decoded.Read(buffer);
            meter.Add(read);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                decoded.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private abstract class ReadOnlyStream : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public abstract override int Read(Span<byte> buffer);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A decoder over a byte source: subclasses produce output from <see cref="NextByte"/> (−1 at the end).</summary>
    private abstract class DecodingStream(Stream encoded) : ReadOnlyStream
    {
        private readonly byte[] _input = new byte[4096];
        private int _inputAt;
        private int _inputLength;

        protected int NextByte()
        {
            if (_inputAt == _inputLength)
            {
                _inputLength = encoded.Read(_input);
                _inputAt = 0;
                if (_inputLength <= 0)
                {
                    _inputLength = 0;
                    return -1;
                }
            }
            return _input[_inputAt++];
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                encoded.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// LZW as PDF writes it: codes of 9 to 12 bits, most significant bit first; 256 clears the table,
    /// 257 ends the data, new entries from 258; with EarlyChange (the default) the code grows one entry early.
    /// </summary>
    private sealed class LzwStream(Stream encoded, bool earlyChange) : DecodingStream(encoded)
    {
        private const int Clear = 256;
        private const int EndOfData = 257;
        private const int TableSize = 4096;

        private readonly short[] _prefix = new short[TableSize];
        private readonly byte[] _last = new byte[TableSize];
        private readonly short[] _length = new short[TableSize];
        private readonly byte[] _pending = new byte[TableSize];
        private int _pendingAt;
        private int _pendingLength;
        private int _next = 258;
        private int _previous = -1;
        private int _bits;
        private int _bitCount;
        private bool _ended;

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (_pendingAt < _pendingLength)
                {
                    var take = Math.Min(buffer.Length - written, _pendingLength - _pendingAt);
                    _pending.AsSpan(_pendingAt, take).CopyTo(buffer[written..]);
                    _pendingAt += take;
                    written += take;
                    continue;
                }
                if (_ended || !DecodeNext())
                {
                    _ended = true;
                    break;
                }
            }
            return written;
        }

        // Decodes one code into the pending bytes; false at the end of the data (or damaged data).
        private bool DecodeNext()
        {
            var code = ReadCode();
            if (code < 0 || code == EndOfData)
            {
                return false;
            }
            if (code == Clear)
            {
                _next = 258;
                _previous = -1;
                _pendingAt = _pendingLength = 0;
                return true;
            }
            if (_previous < 0)
            {
                if (code > 255)
                {
                    return false;
                }
                Emit(code);
            }
            else if (code < _next)
            {
                Emit(code);
                AddEntry(_previous, _pending[0]);
            }
            else if (code == _next && _next < TableSize)
            {
                // The code being defined: the previous string and its own first byte.
                var first = FirstByte(_previous);
                AddEntry(_previous, first);
                Emit(code);
            }
            else
            {
                return false;
            }
            _previous = code;
            return true;
        }

        private void AddEntry(int prefix, byte last)
        {
            if (_next >= TableSize)
            {
                return;
            }
            _prefix[_next] = (short)prefix;
            _last[_next] = last;
            _length[_next] = (short)(StringLength(prefix) + 1);
            _next++;
        }

        private int StringLength(int code) => code < 256 ? 1 : _length[code];

        private byte FirstByte(int code)
        {
            while (code >= 256)
            {
                code = _prefix[code];
            }
            return (byte)code;
        }

        // The string of a code, written backwards from its last byte.
        private void Emit(int code)
        {
            var length = StringLength(code);
            for (var i = length - 1; i >= 0; i--)
            {
                _pending[i] = code < 256 ? (byte)code : _last[code];
                code = code < 256 ? code : _prefix[code];
            }
            _pendingAt = 0;
            _pendingLength = length;
        }

        private int ReadCode()
        {
            var early = earlyChange ? 1 : 0;
            var width = _next + early < 512 ? 9 : _next + early < 1024 ? 10 : _next + early < 2048 ? 11 : 12;
            while (_bitCount < width)
            {
                var b = NextByte();
                if (b < 0)
                {
                    return -1;
                }
                _bits = (_bits << 8) | b;
                _bitCount += 8;
            }
            _bitCount -= width;
            var code = (_bits >> _bitCount) & ((1 << width) - 1);
            _bits &= (1 << _bitCount) - 1;
            return code;
        }
    }

    /// <summary>RunLength: a length byte n, then n + 1 bytes as they are (n &lt; 128) or one byte 257 − n times (n &gt; 128); 128 ends.</summary>
    private sealed class RunLengthStream(Stream encoded) : DecodingStream(encoded)
    {
        private int _literal;   // bytes still to copy
        private int _repeat;    // times still to write _value
        private byte _value;
        private bool _ended;

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length && !_ended)
            {
                if (_repeat > 0)
                {
                    var take = Math.Min(_repeat, buffer.Length - written);
                    buffer.Slice(written, take).Fill(_value);
                    _repeat -= take;
                    written += take;
                }
                else if (_literal > 0)
                {
                    var b = NextByte();
                    _ended = b < 0;
                    if (!_ended)
                    {
                        buffer[written++] = (byte)b;
                        _literal--;
                    }
                }
                else
                {
                    Start();
                }
            }
            return written;
        }

        private void Start()
        {
            var n = NextByte();
            if (n is < 0 or 128)
            {
                _ended = true;
            }
            else if (n < 128)
            {
                _literal = n + 1;
            }
            else
            {
                var b = NextByte();
                _ended = b < 0;
                _value = (byte)b;
                _repeat = _ended ? 0 : 257 - n;
            }
        }
    }

    /// <summary>ASCII85: five characters '!'–'u' for four bytes, 'z' for four zeros, "~&gt;" ends; white space is skipped.</summary>
    private sealed class Ascii85Stream(Stream encoded) : DecodingStream(encoded)
    {
        private readonly byte[] _group = new byte[4];
        private int _groupAt;
        private int _groupLength;
        private bool _ended;

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (_groupAt < _groupLength)
                {
                    buffer[written++] = _group[_groupAt++];
                    continue;
                }
                if (_ended || !NextGroup())
                {
                    _ended = true;
                    break;
                }
            }
            return written;
        }

        private bool NextGroup()
        {
            uint value = 0;
            var digits = 0;
            while (digits < 5)
            {
                var c = NextByte();
                if (c is 0 or 9 or 10 or 12 or 13 or 32)
                {
                    continue;
                }
                if (c == 'z' && digits == 0)
                {
                    _group.AsSpan().Clear();
                    (_groupAt, _groupLength) = (0, 4);
                    return true;
                }
                if (c is < '!' or > 'u')
                {
                    break; // '~' of "~>", the end of the data, or damage
                }
                value = unchecked(value * 85 + (uint)(c - '!'));
                digits++;
            }
            if (digits < 2)
            {
                return false;
            }
            for (var i = digits; i < 5; i++)
            {
                value = unchecked(value * 85 + 84); // a short last group is padded with 'u'
            }
            for (var i = 3; i >= 0; i--)
            {
                _group[i] = (byte)value;
                value >>= 8;
            }
            (_groupAt, _groupLength) = (0, digits - 1);
            return digits == 5 || _groupLength > 0;
        }
    }

    /// <summary>ASCIIHex: two hexadecimal digits a byte, white space skipped, '&gt;' ends (an odd last digit is followed by 0).</summary>
    private sealed class AsciiHexStream(Stream encoded) : DecodingStream(encoded)
    {
        private bool _ended;

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            var high = -1;
            while (written < buffer.Length && !_ended)
            {
                var c = NextByte();
                var digit = c < 0 ? -1 : HexValue(c);
                if (digit < 0)
                {
                    if (c is 0 or 9 or 10 or 12 or 13 or 32)
                    {
                        continue;
                    }
                    _ended = true; // '>' or damage
                    if (high >= 0)
                    {
                        buffer[written++] = (byte)(high << 4);
                    }
                    break;
                }
                if (high < 0)
                {
                    high = digit;
                    continue;
                }
                buffer[written++] = (byte)(high << 4 | digit);
                high = -1;
            }
            return written;
        }

        private static int HexValue(int c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
    }
}
