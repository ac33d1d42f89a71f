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
        var lines = new List<GridLine>(text.Length / 16 + 1);
        var number = 0;
        var start = 0;
        // Whether the last line with content ended its cells with pipes: then a line of pipes alone
        // holds empty cells; otherwise it separates cells.
        var pipeTerminated = false;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            number++;
            if ((number & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var line = ReadLine(text, number, start, contentEnd, pipeTerminated, out var kind);
            if (kind != LineKind.Blank && kind != LineKind.PipesOnly)
            {
                pipeTerminated = kind == LineKind.PipeRow;
            }
            lines.Add(line);
            if (newline < 0)
            {
                break;
            }
            start = newline + 1;
        }
        return new SourceDocument(text, lines, SourceFormat.Text);
    }

    private enum LineKind
    {
        Blank,
        Plain,
        PipeRow,
        PipesOnly,
    }

    private static GridLine ReadLine(string text, int number, int start, int end, bool pipesAreCells, out LineKind kind)
    {
        var line = text.AsSpan(start, end - start);
        var pipes = line.Count('|');
        kind = LineKind.Plain;
        if (pipes == 0)
        {
            // The common case, one cell or none: no list, and the line shares the cell's string when
            // the cell is the whole line.
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
            if (cellStart == cellEnd)
            {
                kind = LineKind.Blank;
                return new GridLine(number, start, end, "", [], isRow: false);
            }
            var cellText = text[cellStart..cellEnd];
            var lineText = cellEnd - cellStart == end - start ? cellText : text[start..end];
            return new GridLine(number, start, end, lineText, [new GridCell(cellText, cellStart, cellEnd)], isRow: false);
        }
        var cells = new List<GridCell>(Math.Min(pipes + 1, 16));
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
                    cells.Add(new GridCell("", first, first));
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
                    AddTrimmed(text, segmentStart, i, cells, keepBlank: bounded);
                    segmentStart = i + 1;
                    segment++;
                }
            }
        }
        return new GridLine(number, start, end, text[start..end], cells, pipes > 0);
    }

    private static void AddTrimmed(string text, int start, int end, List<GridCell> cells, bool keepBlank)
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
                cells.Add(new GridCell(text[start..end], start, end));
            }
        }
        else if (keepBlank && start > rawStart)
        {
            cells.Add(new GridCell("", rawStart, rawStart));
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
