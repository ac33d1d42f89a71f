using System.Buffers;
using System.Text;

namespace ReportValidation.Reading;

/// <summary>
/// Text decoded from bytes, and what decoding had to repair: byte sequences invalid in the encoding
/// (each now U+FFFD) and NUL bytes dropped, with the first place of each in <see cref="Text"/> (−1: none).
/// </summary>
public sealed record DecodedText(string Text, string EncodingName, int Replaced = 0, int FirstReplaced = -1, int DroppedNuls = 0, int FirstDroppedNul = -1);

/// <summary>
/// Bytes to text: BOM first, then UTF-8, then GB18030 (older CMS pages are GBK/GB18030). A UTF-8
/// document broken in a few places (a truncated last character, a stray 0xFF) stays UTF-8 with
/// U+FFFD where it is broken: GBK text read as UTF-8 breaks nearly everywhere, so a handful of bad
/// sequences among many good ones is damage, not another encoding. NUL bytes are dropped.
/// </summary>
public static class TextDecoding
{
    /// <summary>At most this many invalid sequences, and one per this many non-ASCII bytes, keep a text UTF-8.</summary>
    private const int MaxRepairs = 16;
    private const int NonAsciiBytesPerRepair = 200;

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 { get; } = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>Decodes with an explicitly named charset when given, else by detection.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset = null) => DecodeText(bytes, charset).Text;

    /// <summary>Decodes as <see cref="Decode"/> does, saying what was repaired.</summary>
    public static DecodedText DecodeText(ReadOnlySpan<byte> bytes, string? charset = null)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return new DecodedText(Encoding.Unicode.GetString(bytes[2..]), "UTF-16LE");
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return new DecodedText(Encoding.BigEndianUnicode.GetString(bytes[2..]), "UTF-16BE");
        }
        // NULs are no text in any byte encoding: left out before the encoding is judged.
        var firstNul = bytes.IndexOf((byte)0);
        byte[]? rented = null;
        try
        {
            var kept = bytes;
            var nuls = 0;
            if (firstNul >= 0)
            {
                rented = ArrayPool<byte>.Shared.Rent(bytes.Length);
                var length = 0;
                foreach (var b in bytes)
                {
                    if (b == 0)
                    {
                        nuls++;
                    }
                    else
                    {
                        rented[length++] = b;
                    }
                }
                kept = rented.AsSpan(0, length);
            }
            var decoded = Detect(kept, charset);
            return nuls == 0 ? decoded : decoded with
            {
                DroppedNuls = nuls,
                FirstDroppedNul = GetEncoding(decoded.EncodingName).GetCharCount(kept[..firstNul]),
            };
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static DecodedText Detect(ReadOnlySpan<byte> bytes, string? charset)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Decoded(bytes[3..], Encoding.UTF8, InvalidUtf8Sequences(bytes[3..], out _));
        }
        if (!string.IsNullOrWhiteSpace(charset) && TryGetEncoding(charset) is { } named)
        {
            return Decoded(bytes, named, 0);
        }
        if (TryDecodeValidUtf8(bytes) is { } valid)
        {
            return new DecodedText(valid, "UTF-8");
        }
        var invalid = InvalidUtf8Sequences(bytes, out var nonAscii);
        if (invalid == 0 || (invalid <= MaxRepairs && (long)invalid * NonAsciiBytesPerRepair <= nonAscii))
        {
            return Decoded(bytes, Encoding.UTF8, invalid);
        }
        return Decoded(bytes, Gb18030, 0);
    }

    private static Encoding GetEncoding(string name) => name == "GB18030" ? Gb18030 : TryGetEncoding(name) ?? Encoding.UTF8;

    private static DecodedText Decoded(ReadOnlySpan<byte> bytes, Encoding encoding, int replaced)
    {
        var text = encoding.GetString(bytes);
        var name = encoding == Gb18030 ? "GB18030" : encoding.WebName.ToUpperInvariant();
        return new DecodedText(text, name, replaced, replaced > 0 ? text.IndexOf('\uFFFD') : -1);
    }

    /// <summary>The text when the bytes are valid UTF-8 (the common case), checked and decoded in one pass; else null.</summary>
    private static string? TryDecodeValidUtf8(ReadOnlySpan<byte> bytes)
    {
        // A UTF-8 byte never becomes more than one UTF-16 unit.
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false);
            return status == OperationStatus.Done ? new string(buffer, 0, written) : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Byte sequences that are not UTF-8, counted as the decoder replaces them; and the non-ASCII bytes.</summary>
    private static int InvalidUtf8Sequences(ReadOnlySpan<byte> bytes, out int nonAscii)
    {
        var invalid = 0;
        nonAscii = 0;
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            var ascii = IndexOfNonAscii(rest);
            rest = rest[ascii..];
            if (rest.IsEmpty)
            {
                break;
            }
            var status = Rune.DecodeFromUtf8(rest, out _, out var consumed);
            nonAscii += consumed;
            if (status != OperationStatus.Done)
            {
                invalid++;
            }
            rest = rest[Math.Max(consumed, 1)..];
        }
        return invalid;
    }

    private static int IndexOfNonAscii(ReadOnlySpan<byte> bytes)
    {
        var at = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        return at < 0 ? bytes.Length : at;
    }

    public static Encoding? TryGetEncoding(string charset)
    {
        var name = charset.Trim().Trim('"', '\'').ToLowerInvariant();
        if (name is "gbk" or "gb2312" or "gb18030" or "x-gbk" or "cp936")
        {
            return Gb18030;
        }
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
