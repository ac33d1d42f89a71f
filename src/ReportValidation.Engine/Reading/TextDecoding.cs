using System.Text;

namespace ReportValidation.Reading;

/// <summary>
/// Bytes to text: BOM first, then strict UTF-8, then GB18030 (older CMS pages are GBK/GB18030).
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 { get; } = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>Decodes with an explicitly named charset when given, else by detection.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset = null)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        if (!string.IsNullOrWhiteSpace(charset))
        {
            var named = TryGetEncoding(charset);
            if (named is not null)
            {
                return named.GetString(bytes);
            }
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(bytes);
        }
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
