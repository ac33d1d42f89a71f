using System.Text;

namespace ReportValidation.Cli.Output;

/// <summary>
/// Fills lines up to a display width. Lines break at spaces and between Chinese characters, never
/// inside a Latin word or number, never before closing punctuation (，。）) nor after opening
/// punctuation (（《“). A single word wider than the line (a long path, a rule id on a narrow
/// terminal) is kept whole, so it can still be copied and searched for. A no-break space (U+00A0)
/// glues a Chinese term to its English one ("通过 PASS") into one piece; it prints as a space.
/// </summary>
internal static class LineWrapper
{
    private const string NoBreakBefore = "，。、；：？！）》」』】〕〉”’…,.;:?!)]}%";
    private const string NoBreakAfter = "（《「『【〔〈“‘([{";
    private static readonly char[] Spaces = [' ', '\t', '\r', '\n', '\u3000'];

    public static IEnumerable<string> Wrap(string text, int width, string firstIndent, string restIndent)
    {
        var line = new StringBuilder(firstIndent);
        var lineWidth = DisplayWidth.Of(firstIndent);
        var lineHasText = false;
        foreach (var (unit, spaceBefore) in Units(text))
        {
            var unitWidth = DisplayWidth.Of(unit);
            var gap = lineHasText && spaceBefore ? 1 : 0;
            if (lineHasText && lineWidth + gap + unitWidth > width)
            {
                yield return line.ToString();
                line.Clear().Append(restIndent);
                lineWidth = DisplayWidth.Of(restIndent);
                gap = 0;
            }
            line.Append(' ', gap).Append(unit);
            lineWidth += gap + unitWidth;
            lineHasText = true;
        }
        yield return line.ToString().TrimEnd();
    }

    public static void Write(TextWriter output, string text, int width, string firstIndent, string restIndent)
    {
        foreach (var line in Wrap(text, width, firstIndent, restIndent))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>The pieces a line may not be broken inside, each with whether a space came before it.</summary>
    private static IEnumerable<(string Unit, bool SpaceBefore)> Units(string text)
    {
        foreach (var word in text.Split(Spaces, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Contains(Glue, StringComparison.Ordinal))
            {
                yield return (Printed(word), true);
                continue;
            }
            var spaceBefore = true;
            var start = 0;
            Rune? previous = null;
            var index = 0;
            foreach (var rune in word.EnumerateRunes())
            {
                if (previous is { } before && CanBreakBetween(before, rune))
                {
                    yield return (Printed(word[start..index]), spaceBefore);
                    spaceBefore = false;
                    start = index;
                }
                previous = rune;
                index += rune.Utf16SequenceLength;
            }
            yield return (Printed(word[start..]), spaceBefore);
        }
    }

    private static string Printed(string unit) => unit.Replace(Glue, ' ');

    public const char Glue = '\u00A0';

    private static bool CanBreakBetween(Rune before, Rune after) =>
        (DisplayWidth.IsWide(before) || DisplayWidth.IsWide(after))
        && !Contains(NoBreakBefore, after)
        && !Contains(NoBreakAfter, before);

    private static bool Contains(string set, Rune rune) => rune.IsBmp && set.Contains((char)rune.Value, StringComparison.Ordinal);
}
