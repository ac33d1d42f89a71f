using System.Text;
using UglyToad.PdfPig.Content;

namespace ReportValidation.Reading.Pdf;

/// <summary>Letters to text: lines by baseline, words by spacing, wrapped lines joined as one text.</summary>
internal static class PdfText
{
    public static double Size(Letter letter) => letter.PointSize > 0 ? letter.PointSize : Math.Max(letter.FontSize, 1);

    public static double MedianSize(IReadOnlyList<Letter> letters)
    {
        if (letters.Count == 0)
        {
            return 0;
        }
        var sizes = new double[letters.Count];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = Size(letters[i]);
        }
        Array.Sort(sizes);
        return sizes[sizes.Length / 2];
    }

    public static double Left(Letter letter) => letter.StartBaseLine.X;

    public static double Right(Letter letter) => Math.Max(letter.EndBaseLine.X, letter.StartBaseLine.X + letter.Width);

    public static double CenterX(Letter letter) => (Left(letter) + Right(letter)) / 2;

    /// <summary>The middle of the letter's body: a third of its size above the baseline.</summary>
    public static double CenterY(Letter letter) => letter.StartBaseLine.Y + Size(letter) * 0.33;

    /// <summary>Letters on one baseline (within a third of their size), top line first, each left to right.</summary>
    public static List<List<Letter>> Lines(IEnumerable<Letter> letters)
    {
        var lines = new List<List<Letter>>();
        List<Letter>? line = null;
        double y = 0, size = 0;
        foreach (var letter in TopDownLeftToRight(letters))
        {
            if (line is null || Math.Abs(letter.StartBaseLine.Y - y) > Math.Max(size, Size(letter)) * 0.35)
            {
                line = [];
                lines.Add(line);
                y = letter.StartBaseLine.Y;
                size = Size(letter);
            }
            line.Add(letter);
        }
        foreach (var l in lines)
        {
            l.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
        }
        return lines;
    }

    /// <summary>
    /// The letters by baseline, top first, then left to right; letters on the same spot keep the
    /// page's order (a stable sort, as LINQ's OrderBy is, without its key arrays and delegates per comparison).
    /// </summary>
    private static Letter[] TopDownLeftToRight(IEnumerable<Letter> letters)
    {
        var sorted = letters.ToArray();
        var keys = new ReadingPosition[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            keys[i] = new ReadingPosition(sorted[i].StartBaseLine.Y, sorted[i].StartBaseLine.X, i);
        }
        Array.Sort(keys, sorted);
        return sorted;
    }

    private readonly record struct ReadingPosition(double Y, double X, int Index) : IComparable<ReadingPosition>
    {
        public int CompareTo(ReadingPosition other)
        {
            var byY = other.Y.CompareTo(Y);
            if (byY != 0)
            {
                return byY;
            }
            var byX = X.CompareTo(other.X);
            return byX != 0 ? byX : Index.CompareTo(other.Index);
        }
    }

    /// <summary>
    /// One line's text: a gap wider than a fifth of the letter size is a space, except between two
    /// CJK characters, which justified cells spread apart without meaning a space.
    /// </summary>
    public static string LineText(IReadOnlyList<Letter> line)
    {
        var text = new StringBuilder();
        double right = double.NaN;
        var pendingSpace = false;
        foreach (var letter in line)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                pendingSpace = text.Length > 0;
                continue;
            }
            var gap = Left(letter) - right > Size(letter) * 0.2 && !(CellText.IsCjk(text[^1]) && CellText.IsCjk(letter.Value[0]));
            if (text.Length > 0 && (pendingSpace || gap))
            {
                text.Append(' ');
            }
            pendingSpace = false;
            text.Append(letter.Value);
            right = double.IsNaN(right) ? Right(letter) : Math.Max(right, Right(letter));
        }
        return text.ToString();
    }

    /// <summary>A block's lines as one text: one cell however many lines the layout wrapped it over.</summary>
    public static string BlockText(IEnumerable<Letter> letters)
    {
        var text = "";
        foreach (var line in Lines(letters))
        {
            text = JoinWrapped(text, LineText(line));
        }
        return text;
    }

    /// <summary>
    /// Joins a line the layout wrapped: digits split across lines ("２４３" over "６") are one number;
    /// otherwise a soft break, which <see cref="CellText"/> joins tight between CJK characters and
    /// with a space between words.
    /// </summary>
    public static string JoinWrapped(string before, string after)
    {
        if (before.Length == 0 || after.Length == 0)
        {
            return before + after;
        }
        return IsDigit(before[^1]) && IsDigit(after[0]) ? before + after : before + CellText.Break + after;
    }

    private static bool IsDigit(char c) => char.IsAsciiDigit(c) || c is >= '０' and <= '９';
}
