using System.Buffers;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>A cell of a table region with its label form and whether it reads as a value.</summary>
internal readonly record struct TableToken(GridCell Cell, ReadOnlyMemory<char> LabelForm, bool IsValue)
{
    /// <summary>The cell's text folded as labels are matched (<see cref="LabelText.Normalize(string)"/>); empty for values.</summary>
    public ReadOnlySpan<char> Label => LabelForm.Span;

    /// <summary>An empty cell the reader kept as a genuine blank (whitespace between pipes, an empty td).</summary>
    public bool IsImplicitBlank => WhiteSpace.IsAll(Cell.AsSpan());
}

/// <summary>The lines [Start, End) of the document that hold one table.</summary>
internal readonly record struct LineRange(int Start, int End)
{
    public bool IsEmpty => End <= Start;
}

/// <summary>
/// The tokens of the three table regions, in one array rented from the shared pool: labels that
/// folding changes are written into one rented buffer, the others point into the document text.
/// </summary>
internal sealed class TableTokenSet : IDisposable
{
    private TableToken[] _tokens;
    private char[] _labels;
    private int _used;
    private int _labelsUsed;

    public TableTokenSet(SourceDocument document, TableRegions regions)
    {
        var (cells, chars) = Size(document, regions.ActiveDisclosure);
        var (applicationCells, applicationChars) = Size(document, regions.Applications);
        var (reviewCells, reviewChars) = Size(document, regions.ReviewLitigation);
        cells += applicationCells + reviewCells;
        chars += applicationChars + reviewChars;
        _tokens = cells == 0 ? [] : ArrayPool<TableToken>.Shared.Rent(cells);
        _labels = chars == 0 ? [] : ArrayPool<char>.Shared.Rent(chars);
        ActiveDisclosure = Read(document, regions.ActiveDisclosure);
        Applications = Read(document, regions.Applications);
        ReviewLitigation = Read(document, regions.ReviewLitigation);
    }

    public TableTokenList ActiveDisclosure { get; }
    public TableTokenList Applications { get; }
    public TableTokenList ReviewLitigation { get; }

    private static (int Cells, int Chars) Size(SourceDocument document, LineRange range)
    {
        var lines = document.Lines;
        var cells = 0;
        var chars = 0;
        for (var i = range.Start; i < range.End; i++)
        {
            cells += lines[i].Cells.Count;
            chars += lines[i].End - lines[i].Start;
        }
        return (cells, chars);
    }

    private TableTokenList Read(SourceDocument document, LineRange range)
    {
        var first = _used;
        var lines = document.Lines;
        for (var i = range.Start; i < range.End; i++)
        {
            foreach (var cell in lines[i].Cells)
            {
                var text = cell.AsSpan();
                var isValue = CellValueText.IsValue(text);
                var label = ReadOnlyMemory<char>.Empty;
                if (!isValue)
                {
                    if (LabelText.FirstChanged(text) < 0)
                    {
                        label = document.Text.AsMemory(cell.Start, cell.Length);
                    }
                    else
                    {
                        var length = LabelText.Normalize(text, _labels.AsSpan(_labelsUsed));
                        label = new ReadOnlyMemory<char>(_labels, _labelsUsed, length);
                        _labelsUsed += length;
                    }
                }
                _tokens[_used++] = new TableToken(cell, label, isValue);
            }
        }
        return new TableTokenList(_tokens, first, _used - first);
    }

    public void Dispose()
    {
        if (_tokens.Length > 0)
        {
            ArrayPool<TableToken>.Shared.Return(_tokens, clearArray: true);
        }
        if (_labels.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_labels);
        }
        _tokens = [];
        _labels = [];
    }
}

/// <summary>The tokens of one table region, in document order: a range of a <see cref="TableTokenSet"/>.</summary>
internal sealed class TableTokenList(TableToken[] tokens, int first, int count)
{
    public int Count => count;

    public TableToken this[int index] => (uint)index < (uint)count ? tokens[first + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public ReadOnlySpan<TableToken>.Enumerator GetEnumerator() => new ReadOnlySpan<TableToken>(tokens, first, count).GetEnumerator();

    public int IndexOf(TableToken token)
    {
        var at = Array.IndexOf(tokens, token, first, count);
        return at < 0 ? at : at - first;
    }
}

internal static class TableTokens
{
    public static Cell ToCell(SourceDocument document, TableToken token, string headerUnit = "")
    {
        var cell = CellValueText.Read(token.Cell.AsSpan(), headerUnit);
        cell.Span = document.Span(token.Cell);
        return cell;
    }

    public static Cell Missing() => new() { State = CellState.Missing };

    /// <summary>A row's cells, all missing: a row not found, or whose values could not be assigned.</summary>
    public static Cell[] MissingCells(int columns)
    {
        var cells = new Cell[columns];
        for (var c = 0; c < columns; c++)
        {
            cells[c] = Missing();
        }
        return cells;
    }

    public static Cell Blank(SourceSpan? span) => new() { State = CellState.Blank, Span = span };

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
