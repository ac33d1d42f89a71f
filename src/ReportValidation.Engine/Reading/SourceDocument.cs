using ReportValidation.V1;

namespace ReportValidation.Reading;

/// <summary>
/// One cell as a reader found it: its text and where it stands in <see cref="SourceDocument.Text"/>.
/// Structured readers (HTML, DOCX, PDF) also say where it came from in their own structure.
/// </summary>
public sealed record GridCell(string Text, int Start, int End)
{
    public string Container { get; init; } = "";
    public int Page { get; init; }
    public double X { get; init; }
    public double Y { get; init; }
}

/// <summary>
/// A line of the extracted text. When the source marks cells (pipe rows, HTML/DOCX table rows, a
/// PDF line of positioned words) <see cref="IsRow"/> is true and <see cref="Cells"/> holds them;
/// otherwise the line is a single cell, which is how one-cell-per-line renderings arrive.
/// </summary>
public sealed class GridLine(int number, int start, int end, string text, IReadOnlyList<GridCell> cells, bool isRow)
{
    /// <summary>1-based line number in <see cref="SourceDocument.Text"/>.</summary>
    public int Number { get; } = number;
    public int Start { get; } = start;
    public int End { get; } = end;
    public string Text { get; } = text;
    public IReadOnlyList<GridCell> Cells { get; } = cells;
    public bool IsRow { get; } = isRow;
    public bool IsBlank => Cells.Count == 0;
}

/// <summary>
/// The common shape every reader produces: the extracted text and its lines as cells with source
/// offsets. Table extraction, sections and rules work on this alone, whatever the input format.
/// </summary>
public sealed class SourceDocument
{
    private readonly int[] _lineStarts;

    public SourceDocument(string text, IReadOnlyList<GridLine> lines, SourceFormat format)
    {
        Text = text;
        Lines = lines;
        Format = format;
        _lineStarts = LineIndex.Build(text);
    }

    public string Text { get; }
    public IReadOnlyList<GridLine> Lines { get; }
    public SourceFormat Format { get; }

    /// <summary>What the reader repaired in the text (invalid bytes, NULs), for the report to carry.</summary>
    public List<ReadingNote> ReadingNotes { get; } = [];

    /// <summary>The span of [start, end) in <see cref="Text"/>, with line and column.</summary>
    public SourceSpan Span(int start, int end) => LineIndex.Span(_lineStarts, start, end);

    public SourceSpan Span(GridCell cell)
    {
        var span = Span(cell.Start, cell.End);
        span.Container = cell.Container;
        span.Page = cell.Page;
        span.X = cell.X;
        span.Y = cell.Y;
        return span;
    }
}

/// <summary>Offsets to line/column, by binary search over line starts.</summary>
public static class LineIndex
{
    public static int[] Build(string text)
    {
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return [.. starts];
    }

    public static SourceSpan Span(int[] lineStarts, int start, int end)
    {
        var index = Array.BinarySearch(lineStarts, start);
        if (index < 0)
        {
            index = ~index - 1;
        }
        return new SourceSpan
        {
            Line = index + 1,
            Column = start - lineStarts[index] + 1,
            StartOffset = start,
            EndOffset = end,
        };
    }

    /// <summary>
    /// A span inside a section's text, from offsets relative to that text. Section text is an exact
    /// substring of the document text starting at the section span's start offset.
    /// </summary>
    public static SourceSpan Within(Section section, int relativeStart, int relativeEnd)
    {
        var text = section.Text;
        var origin = section.Span ?? new SourceSpan { Line = 1, Column = 1 };
        var line = origin.Line;
        var lineStart = 0;
        var limit = Math.Min(relativeStart, text.Length);
        for (var i = 0; i < limit; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        var column = line == origin.Line ? origin.Column + relativeStart : relativeStart - lineStart + 1;
        return new SourceSpan
        {
            Line = line,
            Column = column,
            StartOffset = origin.StartOffset + relativeStart,
            EndOffset = origin.StartOffset + relativeEnd,
        };
    }
}
