using System.Buffers.Binary;
using System.IO.Hashing;

namespace ReportValidation.Server.Caching;

/// <summary>
/// How a result is stored in the cache: this tag, the key's hash, a checksum of the encoding, then the
/// encoding. A value that is not ours (garbage, an older format, a truncated or damaged write) fails
/// the checks and is a miss, without decoding the result: binary responses reuse the bytes as they are.
/// </summary>
internal static class StoredResult
{
    private static ReadOnlySpan<byte> Magic => "RVC2"u8;
    private const int ChecksumLength = sizeof(ulong);

    public static int HeaderLength => Magic.Length + ContentHash.Length + ChecksumLength;

    /// <summary>Writes the header in front of an encoding made with room for it (<see cref="EncodedResult.Encode"/>).</summary>
    public static byte[] Seal(ContentHash key, byte[] value)
    {
        Magic.CopyTo(value);
        key.CopyTo(value.AsSpan(Magic.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(Magic.Length + ContentHash.Length), XxHash3.HashToUInt64(value.AsSpan(HeaderLength)));
        return value;
    }

    /// <summary>The encoding in a stored value, if the value is one this version wrote for this key, whole.</summary>
    public static bool TryRead(byte[] value, ContentHash key, out ReadOnlyMemory<byte> encoding)
    {
        encoding = default;
        if (value.Length < HeaderLength || !value.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || !key.Matches(value.AsSpan(Magic.Length, ContentHash.Length)))
        {
            return false;
        }
        var checksum = BinaryPrimitives.ReadUInt64LittleEndian(value.AsSpan(Magic.Length + ContentHash.Length));
        if (XxHash3.HashToUInt64(value.AsSpan(HeaderLength)) != checksum)
        {
            return false;
        }
        encoding = value.AsMemory(HeaderLength);
        return true;
    }
}
