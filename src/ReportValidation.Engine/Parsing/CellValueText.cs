using System.Globalization;
using System.Text;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>
/// Reads the text of a value cell: numbers with full-width digits, thousands separators, signs,
/// 增/减 words and unit suffixes; blank markers ("/", "—", "无") as unknown, never as 0.
/// </summary>
public static class CellValueText
{
    private static readonly string[] BlankMarkers = ["", "/", "\\", "-", "--", "—", "——", "–", "_", "无", "空", "n/a", "na", "×", "x", "*"];

    /// <summary>Whether a cell's text is a value (number or blank marker) rather than a label.</summary>
    public static bool IsValue(string text)
    {
        var s = text.AsSpan().Trim();
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
                return IsBlankMarker(Compact(text));
            }
            else
            {
                return false;
            }
        }
        // "5", "1,234", "+3", "减4", "251000元", "398.3675万元", "4件": digits with at most a unit word.
        return digits > 0 ? words <= 2 : IsBlankMarker(Compact(text)) || (words == 0 && first is '-' or '－');
    }

    /// <summary>Whether a cell's text is an explicit blank: "/", "—", "无", or whitespace.</summary>
    public static bool IsBlankMarker(string compact)
    {
        foreach (var marker in BlankMarkers)
        {
            if (string.Equals(compact, marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses a value cell. <paramref name="headerUnit"/> is the unit its column header names.</summary>
    public static Cell Read(string text, string headerUnit = "")
    {
        var raw = text.Trim();
        // Most cells are plain ASCII counts ("0", "12"): read them without folding.
        if (raw.Length is > 0 and <= 18 && IsAsciiDigits(raw))
        {
            return new Cell { Raw = raw, Unit = headerUnit, State = CellState.Number, Integer = long.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture) };
        }
        var cell = new Cell { Raw = raw, Unit = headerUnit };
        var s = Compact(raw);
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
        s = RemoveThousandsSeparators(s);
        if (s.Length == 0 || !IsPlainNumber(s))
        {
            cell.State = CellState.Text;
            return cell;
        }
        cell.State = CellState.Number;
        var point = s.IndexOf('.');
        if (point < 0 && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
        {
            cell.Integer = sign * integer;
        }
        else if (point >= 0 && decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            // Kept as written: "398.3675" 万元 must not lose digits to a binary float.
            cell.Decimal = (sign < 0 ? "-" : "") + s;
        }
        else
        {
            cell.State = CellState.Text;
        }
        return cell;
    }

    /// <summary>The numeric value of a cell, when it has one.</summary>
    public static decimal? Value(Cell? cell) => cell?.ValueCase switch
    {
        Cell.ValueOneofCase.Integer => cell.Integer,
        Cell.ValueOneofCase.Decimal when decimal.TryParse(cell.Decimal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static bool IsAsciiDigits(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsPlainNumber(string s)
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

    private static string RemoveThousandsSeparators(string s)
    {
        if (!s.Contains(','))
        {
            return s;
        }
        // "1,234,567": every group after a comma has exactly three digits.
        var groups = s.Split(',');
        for (var i = 1; i < groups.Length; i++)
        {
            var g = groups[i];
            var digits = g.IndexOf('.') is var p && p >= 0 ? g[..p] : g;
            if (digits.Length != 3)
            {
                return s;
            }
        }
        return string.Concat(groups);
    }

    /// <summary>Full-width forms folded, surrounding and inner spaces kept only between digits.</summary>
    private static string Compact(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = ch switch
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
            builder.Append(c);
        }
        return builder.ToString().Trim();
    }
}
