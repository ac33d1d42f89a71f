using ReportValidation.V1;

namespace ReportValidation.Reading;

/// <summary>
/// Plain text to lines of cells. A line with pipes is a row: its non-empty segments are cells, a
/// whitespace segment between two pipes is an empty cell, and "||" is filler; any other non-blank
/// line is one cell. A line of pipes alone is empty cells where cells end in pipes ("0 |", seed
/// 004), and a mere separator where cells stand on lines of their own between such lines.
/// </summary>
public static class PlainTextReader
{
    public static SourceDocument Read(string text, CancellationToken cancellationToken = default)
    {
        // Exact bounds, so the pooled arrays are rented once: a line has at most its pipes plus one cells.
        var lineCount = text.AsSpan().Count('\n') + 1;
        var grid = new GridWriter(lineCount, lineCount + text.AsSpan().Count('|'), withOrigins: false);
        var shortLines = text.Length < (long)lineCount * ShortLine;
        var number = 0;
        var start = 0;
        // Whether the last line with content ended its cells with pipes: then a line of pipes alone
        // holds empty cells; otherwise it separates cells.
        var pipeTerminated = false;
        while (start <= text.Length)
        {
            var (end, pipes) = LineEnd(text, start, shortLines);
            var newline = end < text.Length ? end : -1;
            var contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            number++;
            if ((number & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var kind = ReadLine(text, start, contentEnd, pipes, pipeTerminated, grid);
            if (kind != LineKind.Blank && kind != LineKind.PipesOnly)
            {
                pipeTerminated = kind == LineKind.PipeRow;
            }
            if (newline < 0)
            {
                break;
            }
            start = newline + 1;
        }
        return grid.Build(text, SourceFormat.Text);
    }

    private enum LineKind
    {
        Blank,
        Plain,
        PipeRow,
        PipesOnly,
    }

    // Below this average line length, a line's end and pipes are found a character at a time.
    private const int ShortLine = 10;

    /// <summary>
    /// Where the line from <paramref name="start"/> ends (its '\n', or the end of the text), and how many
    /// pipes it holds. Where lines are a few characters long ("0 |", one cell a line), one pass over
    /// the characters costs less than two vectorised searches a line; where they are long, less.
    /// </summary>
    private static (int End, int Pipes) LineEnd(string text, int start, bool shortLines)
    {
        var rest = text.AsSpan(start);
        if (!shortLines)
        {
            var newline = rest.IndexOf('\n');
            var line = newline < 0 ? rest : rest[..newline];
            return (start + line.Length, line.Count('|'));
        }
        var pipes = 0;
        var length = 0;
        for (; length < rest.Length; length++)
        {
            var c = rest[length];
            if (c == '\n')
            {
                break;
            }
            if (c == '|')
            {
                pipes++;
            }
        }
        return (start + length, pipes);
    }

    private static LineKind ReadLine(string text, int start, int end, int pipes, bool pipesAreCells, GridWriter grid)
    {
        var line = text.AsSpan(start, end - start);
        var firstCell = grid.CellCount;
        if (pipes == 0)
        {
            // The common case, one cell or none.
            var cellStart = start;
            var cellEnd = end;
            while (cellStart < cellEnd && IsSpace(text[cellStart]))
            {
                cellStart++;
            }
            while (cellEnd > cellStart && IsSpace(text[cellEnd - 1]))
            {
                cellEnd--;
            }
            if (cellStart < cellEnd)
            {
                grid.AddCell(cellStart, cellEnd);
            }
            grid.AddLine(start, end, firstCell, isRow: false);
            return cellStart == cellEnd ? LineKind.Blank : LineKind.Plain;
        }
        LineKind kind;
        if (line.Trim().Trim('|').IsWhiteSpace())
        {
            // A line of pipes alone stands for that many empty cells in renderings that end every
            // cell with a pipe ("|" for an empty cell, "|||" for three).
            kind = LineKind.PipesOnly;
            if (pipesAreCells)
            {
                var first = start + line.IndexOf('|');
                for (var i = 0; i < pipes; i++)
                {
                    grid.AddCell(first, first);
                }
            }
        }
        else
        {
            kind = LineKind.PipeRow;
            var segmentStart = start;
            var segment = 0;
            for (var i = start; i <= end; i++)
            {
                if (i == end || text[i] == '|')
                {
                    // Between two pipes, whitespace is an empty cell; "||" is the filler of collapsed
                    // merged cells and carries nothing.
                    var bounded = segment > 0 && i < end;
                    AddTrimmed(text, segmentStart, i, grid, keepBlank: bounded);
                    segmentStart = i + 1;
                    segment++;
                }
            }
        }
        grid.AddLine(start, end, firstCell, isRow: true);
        return kind;
    }

    private static void AddTrimmed(string text, int start, int end, GridWriter grid, bool keepBlank)
    {
        var rawStart = start;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }
        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start)
        {
            if (!IsSeparatorRow(text, start, end))
            {
                grid.AddCell(start, end);
            }
        }
        else if (keepBlank && start > rawStart)
        {
            grid.AddCell(rawStart, rawStart);
        }
    }

    // Markdown-style separator cells ("---") carry no content.
    private static bool IsSeparatorRow(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] != '-' && text[i] != ':')
            {
                return false;
            }
        }
        return end - start >= 3;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\u3000' or '\u00A0' or '\r' or '\uFEFF';
}
