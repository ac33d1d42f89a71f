using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>A cell of a table region with its label form and whether it reads as a value.</summary>
internal readonly record struct TableToken(GridCell Cell, string Label, bool IsValue)
{
    /// <summary>An empty cell the reader kept as a genuine blank (whitespace between pipes, an empty td).</summary>
    public bool IsImplicitBlank => Cell.Text.Length == 0 || string.IsNullOrWhiteSpace(Cell.Text);
}

/// <summary>The lines [Start, End) of the document that hold one table.</summary>
internal readonly record struct LineRange(int Start, int End)
{
    public bool IsEmpty => End <= Start;
}

internal static class TableTokens
{
    public static List<TableToken> Read(SourceDocument document, LineRange range)
    {
        var tokens = new List<TableToken>(Math.Max(0, range.End - range.Start) * 2);
        for (var i = range.Start; i < range.End; i++)
        {
            foreach (var cell in document.Lines[i].Cells)
            {
                var isValue = CellValueText.IsValue(cell.Text);
                tokens.Add(new TableToken(cell, isValue ? "" : LabelText.Normalize(cell.Text), isValue));
            }
        }
        return tokens;
    }

    public static Cell ToCell(SourceDocument document, TableToken token, string headerUnit = "")
    {
        var cell = CellValueText.Read(token.Cell.Text, headerUnit);
        cell.Span = document.Span(token.Cell);
        return cell;
    }

    public static Cell Missing() => new() { State = CellState.Missing };

    public static Cell Blank(SourceSpan? span) => new() { State = CellState.Blank, Span = span };

    public static SourceSpan? SpanOf(SourceDocument document, List<TableToken> tokens) =>
        tokens.Count == 0 ? null : document.Span(tokens[0].Cell.Start, tokens[^1].Cell.End);

    /// <summary>
    /// Fits the value tokens read after a row label to the row's column count. Returns the cells in
    /// column order, or null when the row cannot be assigned (then <paramref name="source"/> keeps
    /// what was read as unassigned values). Never places a value by guesswork.
    /// </summary>
    public static Cell[]? Assign(SourceDocument document, List<TableToken> values, int columns, bool followedByLabel,
        RowSource source, string headerUnit = "", Func<List<TableToken>, bool>? dropExtra = null)
    {
        while (values.Count > columns && values[^1].IsImplicitBlank)
        {
            values.RemoveAt(values.Count - 1);
        }
        if (values.Count == columns + 1)
        {
            // A recognised extra column (e.g. a 法人或其他组织 subtotal) is removed in place.
            dropExtra?.Invoke(values);
        }
        var cells = new Cell[columns];
        if (values.Count == columns)
        {
            source.ValuesFound = columns;
            for (var c = 0; c < columns; c++)
            {
                cells[c] = values[c].IsImplicitBlank ? Blank(document.Span(values[c].Cell)) : ToCell(document, values[c], headerUnit);
            }
            return cells;
        }
        var read = new List<TableToken>(values.Count);
        foreach (var value in values)
        {
            if (!value.IsImplicitBlank)
            {
                read.Add(value);
            }
        }
        source.ValuesFound = read.Count;
        if (read.Count == columns)
        {
            // The empty cells were filler around a full row of values.
            for (var c = 0; c < columns; c++)
            {
                cells[c] = ToCell(document, read[c], headerUnit);
            }
            return cells;
        }
        if (read.Count == 0)
        {
            // A label with nothing after it but the next label: the report left the row empty.
            var fill = followedByLabel ? Blank(source.LabelSpan) : Missing();
            for (var c = 0; c < columns; c++)
            {
                cells[c] = fill.Clone();
            }
            return cells;
        }
        foreach (var value in read)
        {
            source.UnassignedValues.Add(ToCell(document, value, headerUnit));
        }
        return null;
    }
}
