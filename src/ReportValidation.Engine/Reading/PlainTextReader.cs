using ReportValidation.V1;

namespace ReportValidation.Reading;

/// <summary>
/// Plain text to lines of cells. A line with pipes is a row whose non-empty segments are cells (empty
/// segments are the filler of collapsed merged cells); any other non-blank line is one cell.
/// </summary>
public static class PlainTextReader
{
    public static SourceDocument Read(string text)
    {
        var lines = new List<GridLine>(text.Length / 16 + 1);
        var number = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            number++;
            lines.Add(ReadLine(text, number, start, contentEnd));
            if (newline < 0)
            {
                break;
            }
            start = newline + 1;
        }
        return new SourceDocument(text, lines, SourceFormat.Text);
    }

    private static GridLine ReadLine(string text, int number, int start, int end)
    {
        var line = text.AsSpan(start, end - start);
        var cells = new List<GridCell>(1);
        var isRow = line.IndexOf('|') >= 0;
        if (isRow)
        {
            var segmentStart = start;
            for (var i = start; i <= end; i++)
            {
                if (i == end || text[i] == '|')
                {
                    AddTrimmed(text, segmentStart, i, cells);
                    segmentStart = i + 1;
                }
            }
        }
        else
        {
            AddTrimmed(text, start, end, cells);
        }
        return new GridLine(number, start, end, text[start..end], cells, isRow);
    }

    private static void AddTrimmed(string text, int start, int end, List<GridCell> cells)
    {
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }
        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start && !IsSeparatorRow(text, start, end))
        {
            cells.Add(new GridCell(text[start..end], start, end));
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
