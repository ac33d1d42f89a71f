using System.Globalization;
using System.Text;

namespace ReportValidation.Cli.Output;

/// <summary>
/// How many terminal columns text takes: Chinese characters and full-width punctuation take two
/// (East Asian Width W and F), combining marks and format characters none, everything else one.
/// </summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Of(rune);
        }
        return width;
    }

    public static int Of(Rune rune) => IsWide(rune) ? 2 : IsInvisible(rune) ? 0 : 1;

    public static bool IsWide(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x115F => true,           // Hangul Jamo initials
        0x303F => false,                            // half-width ideographic space
        >= 0x2E80 and <= 0xA4CF => true,           // CJK radicals, punctuation, kana, ideographs, Yi
        >= 0xAC00 and <= 0xD7A3 => true,           // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,           // CJK compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true,           // CJK compatibility forms
        >= 0xFF00 and <= 0xFF60 => true,           // full-width forms (，：（）)
        >= 0xFFE0 and <= 0xFFE6 => true,           // full-width signs
        >= 0x20000 and <= 0x3FFFD => true,         // CJK extensions B and beyond
        _ => false,
    };

    private static bool IsInvisible(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format or UnicodeCategory.Control;
}
