using System.Globalization;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>
/// Reads the text of a value cell: numbers with full-width digits, thousands separators, signs,
/// 增/减 words and unit suffixes; blank markers ("/", "—", "无") as unknown, never as 0.
/// </summary>
public static class CellValueText
{
    private static readonly string[] BlankMarkers = ["", "/", "\\", "-", "--", "—", "——", "–", "_", "无", "空", "n/a", "na", "×", "x", "*"];

    // Counts up to 999 as written (no leading zero): most cells are one of these, so they share strings.
    private static readonly string?[] SmallCounts = new string?[1000];

    /// <summary>Whether a cell's text is a value (number or blank marker) rather than a label.</summary>
    public static bool IsValue(string text) => IsValue(text.AsSpan());

    /// <inheritdoc cref="IsValue(string)"/>
    public static bool IsValue(ReadOnlySpan<char> text)
    {
        var s = WhiteSpace.Trim(text);
        if (s.Length == 0)
        {
            return true;
        }
        var digits = 0;
        var words = 0;
        var first = s[0];
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c) || c is >= '０' and <= '９')
            {
                digits++;
            }
            else if (c is '.' or ',' or '+' or '-' or ' ' or '%' or '，' or '．' or '＋' or '－' or '−' or '\u3000')
            {
                continue;
            }
            else if (c is '元' or '万' or '件' or '个' or '项' or '条' or '次' or '增' or '减')
            {
                words++;
            }
            else if (digits == 0 && s.Length <= 3)
            {
                // "/", "—", "无", "N/A": a blank marker is a value too.
                return IsCompactBlankMarker(text);
            }
            else
            {
                return false;
            }
        }
        // "5", "1,234", "+3", "减4", "251000元", "398.3675万元", "4件": digits with at most a unit word.
        return digits > 0 ? words <= 2 : IsCompactBlankMarker(text) || (words == 0 && first is '-' or '－');
    }

    private static bool IsCompactBlankMarker(ReadOnlySpan<char> text)
    {
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        return IsBlankMarker(Compact(text, buffer));
    }

    /// <summary>Whether a cell's text is an explicit blank: "/", "—", "无", or whitespace.</summary>
    public static bool IsBlankMarker(string compact) => IsBlankMarker(compact.AsSpan());

    /// <inheritdoc cref="IsBlankMarker(string)"/>
    public static bool IsBlankMarker(ReadOnlySpan<char> compact)
    {
        foreach (var marker in BlankMarkers)
        {
            if (compact.Equals(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses a value cell. <paramref name="headerUnit"/> is the unit its column header names.</summary>
    public static Cell Read(string text, string headerUnit = "") => Read(text.AsSpan(), headerUnit);

    /// <inheritdoc cref="Read(string, string)"/>
    public static Cell Read(ReadOnlySpan<char> text, string headerUnit = "")
    {
        var raw = WhiteSpace.Trim(text);
        // Most cells are plain ASCII counts ("0", "12"): read them without folding.
        if (raw.Length is > 0 and <= 18 && AsciiCount(raw) is { } integer)
        {
            var count = new Cell { Raw = CountText(raw, integer), Unit = headerUnit, State = CellState.Number };
            count.SetCount(integer);
            return count;
        }
        var cell = new Cell { Raw = raw.ToString(), Unit = headerUnit };
        var buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        ReadOnlySpan<char> s = Compact(raw, buffer);
        if (IsBlankMarker(s))
        {
            cell.State = CellState.Blank;
            return cell;
        }
        var sign = 1;
        // A space between the figure and its word ("129014 元", "减 4") is the printer's CJK–Latin gap or the clerk's.
        if (s.StartsWith('减'))
        {
            sign = -1;
            s = s[1..].TrimStart();
        }
        else if (s.StartsWith('增'))
        {
            s = s[1..].TrimStart();
        }
        foreach (var unit in (ReadOnlySpan<string>)["万元", "元", "件", "个", "项", "条", "次"])
        {
            if (s.EndsWith(unit, StringComparison.Ordinal))
            {
                s = s[..^unit.Length].TrimEnd();
                if (unit.EndsWith('元'))
                {
                    cell.Unit = unit;
                }
                break;
            }
        }
        if (s.StartsWith('+'))
        {
            s = s[1..];
        }
        else if (s.StartsWith('-'))
        {
            sign = -sign;
            s = s[1..];
        }
        var digits = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        s = RemoveThousandsSeparators(s, digits);
        if (s.Length == 0 || !IsPlainNumber(s))
        {
            cell.State = CellState.Text;
            return cell;
        }
        cell.State = CellState.Number;
        var point = s.IndexOf('.');
        if (point < 0 && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            cell.SetCount(sign * value);
        }
        else if (point >= 0 && decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            // Kept as written: "398.3675" 万元 must not lose digits to a binary float.
            cell.Decimal = string.Concat(sign < 0 ? "-" : "", s);
        }
        else
        {
            cell.State = CellState.Text;
        }
        return cell;
    }

    private static string CountText(ReadOnlySpan<char> digits, long value)
    {
        if (value >= SmallCounts.Length || (digits.Length > 1 && digits[0] == '0'))
        {
            return digits.ToString();
        }
        // A race only makes the same string twice.
        return SmallCounts[value] ??= digits.ToString();
    }

    /// <summary>The numeric value of a cell, when it has one.</summary>
    public static decimal? Value(Cell? cell) => cell?.ValueCase switch
    {
        Cell.ValueOneofCase.Integer => cell.Integer,
        Cell.ValueOneofCase.Decimal when decimal.TryParse(cell.Decimal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>The value of ASCII digits alone (at most 18: no overflow); null when anything else is there.</summary>
    private static long? AsciiCount(ReadOnlySpan<char> s)
    {
        var value = 0L;
        foreach (var c in s)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return null;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static bool IsPlainNumber(ReadOnlySpan<char> s)
    {
        var seenPoint = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.')
            {
                if (seenPoint || i == 0 || i == s.Length - 1)
                {
                    return false;
                }
                seenPoint = true;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>"1,234,567" as "1234567" in <paramref name="destination"/>; any other use of commas unchanged.</summary>
    private static ReadOnlySpan<char> RemoveThousandsSeparators(ReadOnlySpan<char> s, Span<char> destination)
    {
        var comma = s.IndexOf(',');
        if (comma < 0)
        {
            return s;
        }
        // Every group after a comma has exactly three digits (before a decimal point).
        var rest = s[(comma + 1)..];
        while (true)
        {
            var next = rest.IndexOf(',');
            var group = next < 0 ? rest : rest[..next];
            var point = group.IndexOf('.');
            if ((point >= 0 ? point : group.Length) != 3)
            {
                return s;
            }
            if (next < 0)
            {
                break;
            }
            rest = rest[(next + 1)..];
        }
        var length = 0;
        foreach (var c in s)
        {
            if (c != ',')
            {
                destination[length++] = c;
            }
        }
        return destination[..length];
    }

    /// <summary>Full-width forms folded, surrounding and inner spaces kept only between digits.</summary>
    private static Span<char> Compact(ReadOnlySpan<char> text, Span<char> destination)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            destination[i] = ch switch
            {
                >= '０' and <= '９' => (char)(ch - '０' + '0'),
                '，' => ',',
                '．' or '。' => '.',
                '＋' => '+',
                '－' or '−' => '-',
                '／' => '/',
                '\u3000' or '\u00A0' or '\t' or '\r' or '\n' => ' ',
                _ => ch,
            };
        }
        return destination[..text.Length].Trim();
    }
}
