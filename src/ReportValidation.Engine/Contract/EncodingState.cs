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

    /// <summary>Measures a message's body once, recording its size where it begins (pre-order, as it is written).</summary>
    public int MeasureMessage<T>(T message) where T : class, IMessage<T>
    {
        var slot = Record(0);
        var size = MessagePlan<T>.Measure(message, this);
        _sizes[slot] = size;
        return size;
    }

    /// <summary>A nested message with its length prefix.</summary>
    public int MeasureNested<T>(T message) where T : class, IMessage<T> => Delimited(MeasureMessage(message));

    /// <summary>A string's length-delimited size, its UTF-8 length recorded for the writing pass.</summary>
    public int MeasureString(string value)
    {
        var length = Utf8.GetByteCount(value);
        Record(length);
        return Delimited(length);
    }

    public int MeasureMessages<T>(RepeatedField<T> messages, int tagSize) where T : class, IMessage<T>
    {
        var size = messages.Count * tagSize;
        for (var i = 0; i < messages.Count; i++)
        {
            size += MeasureNested(messages[i]);
        }
        return size;
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

    private int Take() => _sizes[_taken++];

    public void WriteVarint(ulong value)
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
        if (Utf8.GetBytes(value, _buffer.AsSpan(_position, length)) != length)
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

    public void WriteMessageField<T>(uint tag, T message) where T : class, IMessage<T>
    {
        WriteVarint(tag);
        WriteNested(message);
    }

    private void WriteNested<T>(T message) where T : class, IMessage<T>
    {
        var size = _sizes[_taken];
        WriteVarint((uint)size);
        WriteMessage(message);
    }

    /// <summary>Writes a message's body (no tag, no length), taking the size its measure recorded.</summary>
    public void WriteMessage<T>(T message) where T : class, IMessage<T>
    {
        var size = Take();
        var start = _position;
        MessagePlan<T>.Write(message, this, size);
        if (_position - start != size)
        {
            throw new InvalidOperationException($"A {typeof(T).Name} changed between measuring and writing.");
        }
    }

    /// <summary>A message the plans leave to Google.Protobuf (unknown fields, maps): its own bytes, in the room measured for them.</summary>
    public void WriteWithProtobuf(IMessage message, int size)
    {
        message.WriteTo(_buffer.AsSpan(_position, size));
        _position += size;
    }

    public void WriteMessages<T>(uint tag, RepeatedField<T> messages) where T : class, IMessage<T>
    {
        for (var i = 0; i < messages.Count; i++)
        {
            WriteVarint(tag);
            WriteNested(messages[i]);
        }
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
}
