namespace ReportValidation.Rules.Analysis;

/// <summary>A count the narrative states ("收到申请6件", "两件"), with its offsets in the section text.</summary>
public readonly record struct StatedCount(int Start, int End, long Value);

/// <summary>
/// Reading numbers out of narrative Chinese: counts before a measure word (read by
/// <see cref="Numerals"/>), sentences and clauses, years. No regular expressions: one pass over the
/// section text, so narrative checks stay cheap.
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

    /// <summary>The number ending right before <paramref name="end"/> (see <see cref="Numerals"/>).</summary>
    public static bool TryNumberBefore(string text, int floor, int end, out int start, out long value) =>
        Numerals.TryNumberBefore(text, floor, end, out start, out value);

    public static bool IsDigit(char ch) => Numerals.IsDigit(ch);

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

    /// <summary>
    /// Years written as "2020年" in [from, to), also "2020 年" as word processors print them (a space or
    /// two between the digits and 年): the year and where its digits start. Found as they are
    /// enumerated, by a struct: the narrative rules look at every sentence, and an iterator per
    /// sentence was a twentieth of what the rules allocated.
    /// </summary>
    public static YearScan Years(string text, int from, int to) => new(text, from, to);

    /// <summary>The enumeration <see cref="Years"/> returns (pattern-based, for <c>foreach</c>).</summary>
    public struct YearScan(string text, int from, int to)
    {
        private int _at = from + 3; // a year's four digits stand before its 年

        public (int Year, int Start, int End) Current { get; private set; }

        public readonly YearScan GetEnumerator() => this;

        public bool MoveNext()
        {
            while (++_at < to)
            {
                if (text[_at] != '年')
                {
                    continue;
                }
                var last = _at - 1;
                while (last > _at - 3 && last >= from && Numerals.IsSpace(text[last]))
                {
                    last--;
                }
                var first = last - 3;
                if (first < from || (first - 1 >= from && IsDigit(text[first - 1])) || !TryYear(text, first, out var year))
                {
                    continue;
                }
                Current = (year, first, _at + 1);
                return true;
            }
            return false;
        }
    }

    private static bool TryYear(string text, int first, out int year)
    {
        year = 0;
        for (var j = first; j < first + 4; j++)
        {
            if (!IsDigit(text[j]))
            {
                return false;
            }
            year = year * 10 + (text[j] <= '9' ? text[j] - '0' : text[j] - '０');
        }
        return year is >= 1990 and <= 2100;
    }
}
