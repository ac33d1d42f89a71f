namespace ReportValidation.Rules.Analysis;

/// <summary>A count the narrative states ("收到申请6件", "两件"), with its offsets in the section text.</summary>
public readonly record struct StatedCount(int Start, int End, long Value);

/// <summary>
/// Reading numbers out of narrative Chinese: Arabic or Chinese numerals before a measure word,
/// sentences and clauses, and the key phrase a number belongs to. No regular expressions: one pass
/// over the section text, so narrative checks stay cheap.
/// </summary>
public static class Narrative
{
    private const string SentenceEnds = "。；;！？!?\n";
    private const string ClauseEnds = "。；;！？!?\n，,、：:（）()【】[]";

    /// <summary>Counts stated with measure word <paramref name="unit"/> in [from, to) of the text.</summary>
    public static List<StatedCount> Counts(string text, int from, int to, char unit)
    {
        var counts = new List<StatedCount>();
        for (var i = from; i < to; i++)
        {
            if (text[i] == unit && TryNumberBefore(text, from, i, out var start, out var value))
            {
                counts.Add(new StatedCount(start, i, value));
            }
        }
        return counts;
    }

    /// <summary>
    /// The number ending right before <paramref name="end"/>: digits (half- or full-width, with
    /// thousands separators) or Chinese numerals (六, 两, 十二, 一百零五). Approximations (约10件,
    /// 近10件, 10余件) and ordinals (第3件) are not counts.
    /// </summary>
    public static bool TryNumberBefore(string text, int floor, int end, out int start, out long value)
    {
        start = end;
        value = 0;
        var i = end - 1;
        if (i >= floor && IsDigit(text[i]))
        {
            long place = 1;
            // Thousands separators only between digits ("1,234"); a full-width comma ends the clause.
            while (i >= floor && (IsDigit(text[i]) || (text[i] == ',' && i > floor && IsDigit(text[i - 1]))))
            {
                if (IsDigit(text[i]))
                {
                    if (place > 1_000_000_000_000L)
                    {
                        return false;
                    }
                    value += DigitValue(text[i]) * place;
                    place *= 10;
                }
                i--;
            }
        }
        else
        {
            while (i >= floor && IsChineseNumeral(text[i]))
            {
                i--;
            }
            if (i == end - 1 || !TryChineseNumber(text.AsSpan(i + 1, end - i - 1), out value))
            {
                return false;
            }
        }
        start = i + 1;
        if (i >= floor && text[i] is '第' or '约' or '近' or '逾' or '超' or '.' or '．')
        {
            return false;
        }
        return true;
    }

    public static bool IsDigit(char ch) => ch is >= '0' and <= '9' or >= '０' and <= '９';

    private static int DigitValue(char ch) => ch <= '9' ? ch - '0' : ch - '０';

    private static bool IsChineseNumeral(char ch) => "〇零一二两三四五六七八九十百千".Contains(ch);

    /// <summary>Chinese numerals to a value: 六 → 6, 十二 → 12, 二十 → 20, 一百零五 → 105.</summary>
    public static bool TryChineseNumber(ReadOnlySpan<char> numeral, out long value)
    {
        value = 0;
        long section = 0;
        long digit = -1;
        foreach (var ch in numeral)
        {
            var d = "零一二三四五六七八九".IndexOf(ch);
            if (ch == '〇')
            {
                d = 0;
            }
            else if (ch == '两')
            {
                d = 2;
            }
            if (d >= 0)
            {
                digit = d;
                continue;
            }
            var unit = ch switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0)
            {
                return false;
            }
            section += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
        }
        value = section + Math.Max(digit, 0);
        return numeral.Length > 0;
    }

    /// <summary>
    /// How far a sentence or clause is looked for either side of a position: a text without
    /// punctuation is read as pieces of this length, so checking each of its numbers stays linear.
    /// </summary>
    private const int MaxSentenceLength = 1000;

    /// <summary>Start of the sentence holding position <paramref name="at"/>.</summary>
    public static int SentenceStart(string text, int floor, int at) => Start(text, Math.Max(floor, at - MaxSentenceLength), at, SentenceEnds);

    public static int SentenceEnd(string text, int at, int ceiling) => End(text, at, Math.Min(ceiling, at + MaxSentenceLength), SentenceEnds);

    public static int ClauseStart(string text, int floor, int at) => Start(text, Math.Max(floor, at - MaxSentenceLength), at, ClauseEnds);

    public static int ClauseEnd(string text, int at, int ceiling) => End(text, at, Math.Min(ceiling, at + MaxSentenceLength), ClauseEnds);

    private static int Start(string text, int floor, int at, string ends)
    {
        var i = at - 1;
        while (i >= floor && !ends.Contains(text[i]))
        {
            i--;
        }
        return i + 1;
    }

    private static int End(string text, int at, int ceiling, string ends)
    {
        var i = at;
        while (i < ceiling && !ends.Contains(text[i]))
        {
            i++;
        }
        return i;
    }

    /// <summary>
    /// The key phrase nearest before <paramref name="end"/> in [from, end): the one ending last, the
    /// longer on a tie (不予以公开 over the shorter phrase it ends with). Returns its index in <paramref name="keys"/>, or −1.
    /// </summary>
    public static int NearestKey(string text, int from, int end, string[] keys, out int keyStart, out int keyEnd)
    {
        var best = -1;
        keyStart = keyEnd = -1;
        var span = text.AsSpan(from, end - from);
        for (var k = 0; k < keys.Length; k++)
        {
            var at = span.LastIndexOf(keys[k].AsSpan(), StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }
            var e = from + at + keys[k].Length;
            if (e > keyEnd || (e == keyEnd && keys[k].Length > keyEnd - keyStart))
            {
                best = k;
                keyStart = from + at;
                keyEnd = e;
            }
        }
        return best;
    }

    public static bool ContainsAny(ReadOnlySpan<char> text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.Contains(word.AsSpan(), StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Years written as "2020年" in [from, to): the year and where its digits start.</summary>
    public static IEnumerable<(int Year, int Start, int End)> Years(string text, int from, int to)
    {
        for (var i = from + 4; i < to; i++)
        {
            if (text[i] != '年' || (i - 5 >= from && IsDigit(text[i - 5])))
            {
                continue;
            }
            var year = 0;
            var ok = true;
            for (var j = i - 4; j < i; j++)
            {
                if (!IsDigit(text[j]))
                {
                    ok = false;
                    break;
                }
                year = year * 10 + DigitValue(text[j]);
            }
            if (ok && year is >= 1990 and <= 2100)
            {
                yield return (year, i - 4, i + 1);
            }
        }
    }
}
