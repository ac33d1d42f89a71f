using System.Buffers;
using System.Globalization;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules.Analysis;

/// <summary>How a row of a table stands, which decides whether its cells may be checked.</summary>
public enum RowState
{
    /// <summary>Found with one value per column: its cells can be checked.</summary>
    Usable,
    /// <summary>The table or the row was not found.</summary>
    NotFound,
    /// <summary>Found, but with more or fewer values than columns: they could not be assigned.</summary>
    Incomplete,
}

/// <summary>
/// The cells of one report laid out by the cell catalog: what each holds, as values the evaluator
/// can add up without touching the messages again. Its arrays are rented from the pool (indexed by
/// cell and row, they may be longer than the layout); disposing the grid gives them back, and a grid
/// that is never disposed is simply collected.
/// </summary>
public sealed class ReportGrid : IDisposable
{
    private bool _disposed;

    public ReportGrid(Report report, TemplateLayout layout)
    {
        Report = report;
        Layout = layout;
        var count = layout.Cells.Count;
        Cells = Rent<Cell?>(count);
        Values = Rent<long>(count);
        Known = Rent<bool>(count);
        Folded = Rent<bool>(count);
        RowStates = Rent<RowState>(layout.Rows.Count);
        Sources = Rent<RowSource?>(layout.Rows.Count);
        var otherAsOneRow = layout.Version == TemplateVersion._2021 && ApplicationsTemplate.OtherHandlingAsOneRow(report.Applications);
        foreach (var row in layout.Rows)
        {
            var message = TableFound(report, row.Table) ? row.Message(report) : null;
            if (otherAsOneRow && row.Table == CellCatalog.Applications && ApplicationsTemplate.IsOtherHandlingSubRow(row.Row))
            {
                // The 2019 single row carries the （六） group's sum: it stands in the place of 3.其他, and
                // the sub-rows it does not split out add nothing of their own.
                if (row.Row != "other.other")
                {
                    FoldedIntoGroup(row);
                    continue;
                }
                message = report.Applications.Other;
            }
            if (message is not null)
            {
                row.Shape!.CopyCells(message, Cells, row.FirstCell);
            }
            Sources[row.Index] = message is null ? null : row.SourceOf(message);
            var state = message is null ? RowState.NotFound : StateOf(Sources[row.Index], row, Cells);
            RowStates[row.Index] = state;
            if (state != RowState.Usable)
            {
                continue;
            }
            var known = 0;
            for (var i = row.FirstCell; i < row.FirstCell + row.CellCount; i++)
            {
                if (Cells[i] is { } cell && TryInteger(cell, out var value))
                {
                    Values[i] = value;
                    Known[i] = true;
                    known++;
                }
            }
            ApplicationsHasNumbers |= known > 0 && row.Table == CellCatalog.Applications;
            ReviewHasNumbers |= known > 0 && row.Table == CellCatalog.ReviewLitigation;
        }
    }

    /// <summary>A pooled array whose first <paramref name="length"/> elements are cleared.</summary>
    private static T[] Rent<T>(int length)
    {
        var array = ArrayPool<T>.Shared.Rent(length);
        Array.Clear(array, 0, length);
        return array;
    }

    /// <summary>Gives the arrays back to the pool: the grid must not be read after.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // The references are cleared so the pool does not keep a report's cells alive.
        ArrayPool<Cell?>.Shared.Return(Cells, clearArray: true);
        ArrayPool<long>.Shared.Return(Values);
        ArrayPool<bool>.Shared.Return(Known);
        ArrayPool<bool>.Shared.Return(Folded);
        ArrayPool<RowState>.Shared.Return(RowStates);
        ArrayPool<RowSource?>.Shared.Return(Sources, clearArray: true);
    }

    private void FoldedIntoGroup(RowSlot row)
    {
        RowStates[row.Index] = RowState.Usable;
        for (var i = row.FirstCell; i < row.FirstCell + row.CellCount; i++)
        {
            Known[i] = true;
            Folded[i] = true;
        }
    }

    public Report Report { get; }
    public TemplateLayout Layout { get; }
    public Cell?[] Cells { get; }
    /// <summary>Integer values; meaningful only where <see cref="Known"/> is set.</summary>
    public long[] Values { get; }
    public bool[] Known { get; }
    /// <summary>Cells of （六） sub-rows a 2019 single row stands for: no cell of their own, nothing to report on them.</summary>
    public bool[] Folded { get; }
    public RowState[] RowStates { get; }
    /// <summary>Where the reader found each row (the 2019 single row for 3.其他 when it stands for the （六） group).</summary>
    public RowSource?[] Sources { get; }
    public bool ApplicationsHasNumbers { get; }
    public bool ReviewHasNumbers { get; }

    public RowState StateOfRow(RowSlot row) => RowStates[row.Index];

    public RowState StateOfCell(int index) => StateOfRow(Layout.Cells[index].RowSlot);

    public bool HasNumbers(string table) => table switch
    {
        CellCatalog.Applications => ApplicationsHasNumbers,
        CellCatalog.ReviewLitigation => ReviewHasNumbers,
        _ => true,
    };

    public static bool TableFound(Report report, string table) => table switch
    {
        CellCatalog.Applications => report.Applications?.Found == true,
        CellCatalog.ReviewLitigation => report.ReviewLitigation?.Found == true,
        _ => report.ActiveDisclosure?.Found == true,
    };

    /// <summary>Whether a found row's cells can be checked, from how the reader found it.</summary>
    private static RowState StateOf(RowSource? source, RowSlot row, Cell?[] cells)
    {
        if (source is null)
        {
            // A structured report (portal form) has no source rows: its cells are as given.
            return RowState.Usable;
        }
        if (!source.Found)
        {
            return RowState.NotFound;
        }
        if (IsIncomplete(source, row.CellCount))
        {
            return RowState.Incomplete;
        }
        // A label with nothing the reader could find after it: the whole row is missing, which the
        // structure rules report once rather than as a blank in every cell.
        if (source.ValuesFound == 0 && row.CellCount > 0)
        {
            for (var i = row.FirstCell; i < row.FirstCell + row.CellCount; i++)
            {
                if (cells[i] is { State: not (CellState.Missing or CellState.Unspecified) })
                {
                    return RowState.Usable;
                }
            }
            return RowState.Incomplete;
        }
        return RowState.Usable;
    }

    /// <summary>
    /// A row whose values the reader kept unassigned, or whose value count differs from the column
    /// count, unless it carries no value at all (seed 004 left its first row of table 二 blank).
    /// </summary>
    public static bool IsIncomplete(RowSource source, int columns) =>
        source.UnassignedValues.Count > 0 || (source.ValuesFound != columns && source.ValuesFound != 0);

    public static bool TryInteger(Cell cell, out long value)
    {
        if (cell.State == CellState.Number && cell.ValueCase == Cell.ValueOneofCase.Integer)
        {
            value = cell.Integer;
            return true;
        }
        // A decimal that is a whole number ("12.0") counts as that integer.
        var whole = TryDecimal(cell, out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue;
        value = whole ? (long)d : 0;
        return whole;
    }

    public static bool TryDecimal(Cell? cell, out decimal value)
    {
        value = 0;
        if (cell is null || cell.State != CellState.Number)
        {
            return false;
        }
        switch (cell.ValueCase)
        {
            case Cell.ValueOneofCase.Integer:
                value = cell.Integer;
                return true;
            case Cell.ValueOneofCase.Decimal:
                return decimal.TryParse(cell.Decimal, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
            default:
                return false;
        }
    }
}
