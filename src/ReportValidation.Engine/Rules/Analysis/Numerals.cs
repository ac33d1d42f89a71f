namespace ReportValidation.Rules.Analysis;

/// <summary>
/// Counts as clerks write them, on folded text (full-width digits already half-width): Arabic digits
/// with thousands separators (1,234), Chinese numerals (六, 两, 十二, 一百零五, 二千〇八, 三万),
/// mixed forms (1万2千, 2.5万, 3千5百). A run it cannot read as one exact number (两三, 十几)
/// is no number: silence rather than a guess.
/// </summary>
public static class Numerals
{
    private const string ChineseDigits = "零一二三四五六七八九";

    public static bool IsDigit(char ch) => ch is >= '0' and <= '9' or >= '０' and <= '９';

    private static int DigitValue(char ch) => ch <= '9' ? ch - '0' : ch - '０';

    /// <summary>Whether a character can be part of a written number.</summary>
    public static bool IsNumeralChar(char ch) =>
        IsDigit(ch) || ch is '〇' or '○' or '两' or '十' or '百' or '千' or '万' or '亿' || ChineseDigits.Contains(ch);

    /// <summary>Reads a whole written number; false when it is not one exact value.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }
        long total = 0;     // completed 亿 and 万 sections
        long section = 0;   // below 万
        long pending = -1;  // a number not yet multiplied by a unit
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (IsDigit(ch))
            {
                if (pending >= 0)
                {
                    return false; // "2两" or digits after a Chinese digit
                }
                if (!TryArabic(text, ref i, out pending))
                {
                    return false;
                }
                continue;
            }
            var digit = ch is '〇' or '○' ? 0 : ch == '两' ? 2 : ChineseDigits.IndexOf(ch);
            if (digit >= 0)
            {
                if (pending > 0 || (pending == 0 && digit == 0))
                {
                    return false; // "两三": two digits without a unit between them is a range
                }
                pending = digit;
                i++;
                continue;
            }
            long unit = ch switch { '十' => 10, '百' => 100, '千' => 1000, '万' => 10_000, '亿' => 100_000_000, _ => 0 };
            if (unit == 0)
            {
                return false;
            }
            if (unit < 10_000)
            {
                if (pending < 0)
                {
                    if (unit != 10)
                    {
                        return false; // 百 and 千 need a digit before them; 十 may lead ("十二")
                    }
                    pending = 1;
                }
                section += pending * unit;
            }
            else
            {
                var head = section + Math.Max(pending, 0);
                if (head == 0)
                {
                    return false;
                }
                total = unit == 100_000_000 ? (total + head) * unit : total + head * unit;
                section = 0;
            }
            pending = -1;
            i++;
            if (total > 1_000_000_000_000L || section > 1_000_000_000_000L)
            {
                return false;
            }
        }
        value = total + section + Math.Max(pending, 0);
        return true;
    }

    /// <summary>Arabic digits from <paramref name="i"/>, with thousands separators and a decimal part a following 万 makes whole (2.5万).</summary>
    private static bool TryArabic(ReadOnlySpan<char> text, ref int i, out long value)
    {
        value = 0;
        var digits = 0;
        while (i < text.Length && (IsDigit(text[i]) || (text[i] == ',' && IsThousandsComma(text, i))))
        {
            if (text[i] != ',')
            {
                value = value * 10 + DigitValue(text[i]);
                if (++digits > 13)
                {
                    return false;
                }
            }
            i++;
        }
        if (i < text.Length && text[i] == '.')
        {
            // Only "2.5万" / "1.2亿": a fraction before a large unit is an exact count.
            var j = i + 1;
            long fraction = 0;
            long scale = 1;
            while (j < text.Length && IsDigit(text[j]))
            {
                fraction = fraction * 10 + DigitValue(text[j]);
                scale *= 10;
                j++;
            }
            if (scale == 1 || j >= text.Length || text[j] is not ('万' or '亿'))
            {
                return false;
            }
            long unit = text[j] == '万' ? 10_000 : 100_000_000;
            if (unit % scale != 0)
            {
                return false;
            }
            // The fraction is folded in here; the unit that follows multiplies 1 (value already scaled).
            value = value * unit + fraction * (unit / scale);
            i = j + 1;
            return true;
        }
        return digits > 0;
    }

    private static bool IsThousandsComma(ReadOnlySpan<char> text, int at) =>
        at > 0 && IsDigit(text[at - 1]) && at + 3 < text.Length
        && IsDigit(text[at + 1]) && IsDigit(text[at + 2]) && IsDigit(text[at + 3])
        && (at + 4 >= text.Length || !IsDigit(text[at + 4]));

    /// <summary>
    /// The number ending right before <paramref name="end"/> and starting no earlier than
    /// <paramref name="floor"/>. Approximations (约10件, 近10件, 数十件, 上千件) and ordinals (第3件)
    /// are not counts.
    /// </summary>
    public static bool TryNumberBefore(ReadOnlySpan<char> text, int floor, int end, out int start, out long value)
    {
        // Word processors and clerks print "24 件" and "约 24": a space or two either side of a number.
        end = SkipSpacesBack(text, floor, end);
        start = end;
        value = 0;
        var i = end - 1;
        while (i >= floor && (IsNumeralChar(text[i]) || (text[i] is ',' or '.' && i > floor && IsDigit(text[i - 1]) && i + 1 < end && IsDigit(text[i + 1]))))
        {
            i--;
        }
        if (i == end - 1)
        {
            return false;
        }
        start = i + 1;
        var before = SkipSpacesBack(text, floor, i + 1) - 1;
        if (before >= floor && text[before] is '第' or '约' or '近' or '逾' or '超' or '数' or '几' or '上' or '成' or '过' or '.')
        {
            return false;
        }
        return TryParse(text.Slice(start, end - start), out value);
    }

    /// <summary>The spaces word processors and clerks put around numbers: ASCII, no-break and ideographic.</summary>
    public static bool IsSpace(char ch) => ch is ' ' or '\u00A0' or '\u3000';

    private static int SkipSpacesBack(ReadOnlySpan<char> text, int floor, int end)
    {
        var at = end;
        while (at > floor && end - at < 2 && IsSpace(text[at - 1]))
        {
            at--;
        }
        return at;
    }
}
