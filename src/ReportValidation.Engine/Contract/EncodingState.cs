using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace ReportValidation.Contract;

/// <summary>
/// One encoding in progress: the sizes the measuring pass found, in the order it found them (each
/// message's body size where the message begins, each string's UTF-8 length), and the array the
/// writing pass fills while it takes them back in the same order. The compiled plans
/// (<see cref="MessagePlan{T}"/>) call these methods; they are public only for the plans' expression trees.
/// </summary>
public sealed class EncodingState
{
    // Google.Protobuf writes strings with Encoding.UTF8: a lone surrogate becomes U+FFFD's three bytes.
    private static readonly UTF8Encoding Utf8 = (UTF8Encoding)Encoding.UTF8;

    // Most strings in a result are a few characters (cell values, row and column keys), where a call into
    // Encoding.UTF8 costs more than the characters: seed 004's 984 strings (5,012 characters) took 10.6 µs
    // to transcode that way. Up to this length the loops below do it, with Encoding.UTF8's results.
    private const int ShortString = 32;

    private int[] _sizes = [];
    private int _recorded;
    private int _taken;
    private byte[] _buffer = [];
    private int _position;

    internal void Begin() => _sizes = ArrayPool<int>.Shared.Rent(256);

    internal void End()
    {
        ArrayPool<int>.Shared.Return(_sizes);
        _sizes = [];
        _buffer = [];
        _recorded = _taken = _position = 0;
    }

    internal void BeginWriting(byte[] buffer, int offset)
    {
        _buffer = buffer;
        _position = offset;
    }

    internal int Position => _position;


    /// <summary>The bytes a varint of this value takes.</summary>
    public static int VarintSize(ulong value) => (70 - BitOperations.LeadingZeroCount(value | 1)) / 7;

    /// <summary>The bytes a length-delimited field's body of this length takes, its length prefix included.</summary>
    public static int Delimited(int length) => VarintSize((uint)length) + length;

    public static int BytesSize(ByteString value) => Delimited(value.Length);

    // ---- measuring ----

    /// <summary>A place for a message's size, taken where the message begins (the order it is written in).</summary>
    public int Reserve() => Record(0);

    /// <summary>Puts a measured message's size in its place, and returns it.</summary>
    public int Fill(int slot, int size) => _sizes[slot] = size;

    private int Record(int size)
    {
        if (_recorded == _sizes.Length)
        {
            var larger = ArrayPool<int>.Shared.Rent(_sizes.Length * 2);
            _sizes.AsSpan().CopyTo(larger);
            ArrayPool<int>.Shared.Return(_sizes);
            _sizes = larger;
        }
        _sizes[_recorded] = size;
        return _recorded++;
    }

    /// <summary>A string's length-delimited size, its UTF-8 length recorded for the writing pass.</summary>
    public int MeasureString(string value)
    {
        var length = value.Length <= ShortString ? Utf8Length(value) : Utf8.GetByteCount(value);
        Record(length);
        return Delimited(length);
    }

    public int MeasureStrings(RepeatedField<string> values, int tagSize)
    {
        var size = values.Count * tagSize;
        for (var i = 0; i < values.Count; i++)
        {
            size += MeasureString(values[i]);
        }
        return size;
    }

    public static int MeasureByteStrings(RepeatedField<ByteString> values, int tagSize)
    {
        var size = values.Count * tagSize;
        for (var i = 0; i < values.Count; i++)
        {
            size += BytesSize(values[i]);
        }
        return size;
    }

    /// <summary>Repeated numbers, packed (one length-delimited field; its data length recorded) or one field each.</summary>
    public int MeasureScalars<T>(RepeatedField<T> values, Func<T, ulong> toWire, int width, bool packed, int tagSize)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var data = 0;
        if (width != 0)
        {
            data = values.Count * width;
        }
        else
        {
            for (var i = 0; i < values.Count; i++)
            {
                data += VarintSize(toWire(values[i]));
            }
        }
        if (!packed)
        {
            return values.Count * tagSize + data;
        }
        Record(data);
        return tagSize + Delimited(data);
    }

    // ---- writing ----

    /// <summary>The next recorded size, in the order they were recorded.</summary>
    public int Take() => _sizes[_taken++];

    /// <summary>A nested message's tag and length (its size, recorded next, which its plan then takes).</summary>
    public void WriteMessageHeader(uint tag)
    {
        WriteVarint(tag);
        WriteVarint((uint)_sizes[_taken]);
    }

    public void WriteVarint(ulong value)
    {
        var buffer = _buffer;
        if (value < 0x80 && (uint)_position < (uint)buffer.Length)
        {
            buffer[_position++] = (byte)value;
            return;
        }
        WriteLongVarint(value);
    }

    private void WriteLongVarint(ulong value)
    {
        var buffer = _buffer;
        var position = _position;
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[position++] = (byte)value;
        _position = position;
    }

    public void WriteVarintField(uint tag, ulong value)
    {
        WriteVarint(tag);
        WriteVarint(value);
    }

    public void WriteFixed32Field(uint tag, uint value)
    {
        WriteVarint(tag);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_position, 4), value);
        _position += 4;
    }

    public void WriteFixed64Field(uint tag, ulong value)
    {
        WriteVarint(tag);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_position, 8), value);
        _position += 8;
    }

    public void WriteStringField(uint tag, string value)
    {
        WriteVarint(tag);
        WriteString(value);
    }

    private void WriteString(string value)
    {
        var length = Take();
        WriteVarint((uint)length);
        var destination = _buffer.AsSpan(_position, length);
        if ((value.Length <= ShortString ? WriteUtf8(value, destination) : Utf8.GetBytes(value, destination)) != length)
        {
            throw new InvalidOperationException("A string changed between measuring and writing.");
        }
        _position += length;
    }

    public void WriteBytesField(uint tag, ByteString value)
    {
        WriteVarint(tag);
        WriteVarint((uint)value.Length);
        value.Span.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
    }

    /// <summary>A message the plans leave to Google.Protobuf (unknown fields, maps): its own bytes, in the room measured for them.</summary>
    public void WriteWithProtobuf(IMessage message, int size)
    {
        message.WriteTo(_buffer.AsSpan(_position, size));
        _position += size;
    }

    public void WriteStrings(uint tag, RepeatedField<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            WriteStringField(tag, values[i]);
        }
    }

    public void WriteByteStrings(uint tag, RepeatedField<ByteString> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            WriteBytesField(tag, values[i]);
        }
    }

    public void WriteScalars<T>(uint tag, RepeatedField<T> values, Func<T, ulong> toWire, int width, bool packed)
    {
        if (values.Count == 0)
        {
            return;
        }
        if (packed)
        {
            WriteVarint(tag);
            WriteVarint((uint)Take());
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (!packed)
            {
                WriteVarint(tag);
            }
            WriteScalar(toWire(values[i]), width);
        }
    }

    private void WriteScalar(ulong value, int width)
    {
        switch (width)
        {
            case 4:
                BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_position, 4), (uint)value);
                _position += 4;
                break;
            case 8:
                BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_position, 8), value);
                _position += 8;
                break;
            default:
                WriteVarint(value);
                break;
        }
    }

    // UTF-8 length as Encoding.UTF8 counts it: a surrogate pair is 4 bytes, a lone surrogate U+FFFD's 3.
    private static int Utf8Length(string value)
    {
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80)
            {
                length += 1;
            }
            else if (c < 0x800)
            {
                length += 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                length += 4;
                i++;
            }
            else
            {
                length += 3;
            }
        }
        return length;
    }

    // UTF-8 as Encoding.UTF8 writes it, each lone surrogate as U+FFFD.
    private static int WriteUtf8(string value, Span<byte> destination)
    {
        var at = 0;
        for (var i = 0; i < value.Length; i++)
        {
            int c = value[i];
            if (c < 0x80)
            {
                destination[at++] = (byte)c;
                continue;
            }
            if (c < 0x800)
            {
                destination[at++] = (byte)(0xC0 | (c >> 6));
                destination[at++] = (byte)(0x80 | (c & 0x3F));
                continue;
            }
            if (char.IsSurrogate((char)c))
            {
                if (char.IsHighSurrogate((char)c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    var scalar = char.ConvertToUtf32((char)c, value[++i]);
                    destination[at++] = (byte)(0xF0 | (scalar >> 18));
                    destination[at++] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
                    destination[at++] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                    destination[at++] = (byte)(0x80 | (scalar & 0x3F));
                    continue;
                }
                c = 0xFFFD;
            }
            destination[at++] = (byte)(0xE0 | (c >> 12));
            destination[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
            destination[at++] = (byte)(0x80 | (c & 0x3F));
        }
        return at;
    }
}
