namespace ReportValidation.Parsing;

/// <summary>
/// White space as <see cref="char.IsWhiteSpace(char)"/> sees it, told without its Unicode tables for
/// the CJK text a report is mostly made of: no character above U+3000 is white space.
/// </summary>
internal static class WhiteSpace
{
    public static bool Is(char c) => c <= '\u3000' && char.IsWhiteSpace(c);

    /// <summary>As <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/>.</summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && Is(text[start]))
        {
            start++;
        }
        var end = text.Length;
        while (end > start && Is(text[end - 1]))
        {
            end--;
        }
        return text[start..end];
    }

    /// <summary>As <see cref="MemoryExtensions.IsWhiteSpace(ReadOnlySpan{char})"/>: true for an empty text.</summary>
    public static bool IsAll(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!Is(c))
            {
                return false;
            }
        }
        return true;
    }
}
