using System.Buffers;
using System.Collections;
using ReportValidation.V1;

namespace ReportValidation.Reading;

/// <summary>
/// One cell as a reader found it: where it stands in <see cref="SourceDocument.Text"/> and, from
/// structured readers (HTML, DOCX, PDF), where it came from in their own structure. A view into the
/// document's grid: <see cref="Text"/> is made when asked, <see cref="AsSpan"/> reads it in place.
/// </summary>
public readonly struct GridCell : IEquatable<GridCell>
{
    private readonly SourceDocument _document;
    private readonly int _index;

    internal GridCell(SourceDocument document, int index)
    {
        _document = document;
        _index = index;
    }

    public int Start => _document.CellRange(_index).Start;
    public int End => _document.CellRange(_index).End;
    public int Length => _document.CellRange(_index).Length;

    /// <summary>The cell's text, a new string on every call; parsing reads <see cref="AsSpan"/>.</summary>
    public string Text => _document.Text.Substring(Start, Length);

    public string Container => Origin.Container ?? "";
    public int Page => Origin.Page;
    public double X => Origin.X;
    public double Y => Origin.Y;

    internal CellOrigin Origin => _document.CellOrigin(_index);

    public ReadOnlySpan<char> AsSpan()
    {
        // The range read once: parsing reads every cell's text this way, several times.
        ref readonly var range = ref _document.CellRange(_index);
        return _document.Text.AsSpan(range.Start, range.Length);
    }

    public bool Equals(GridCell other) => ReferenceEquals(_document, other._document) && _index == other._index;
    public override bool Equals(object? obj) => obj is GridCell other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_document, _index);
    public override string ToString() => Text;
    public static bool operator ==(GridCell left, GridCell right) => left.Equals(right);
    public static bool operator !=(GridCell left, GridCell right) => !left.Equals(right);
}

/// <summary>
/// A line of the extracted text. When the source marks cells (pipe rows, HTML/DOCX table rows, a
/// PDF line of positioned words) <see cref="IsRow"/> is true and <see cref="Cells"/> holds them;
/// otherwise the line is a single cell, which is how one-cell-per-line renderings arrive.
/// </summary>
public readonly struct GridLine : IEquatable<GridLine>
{
    private readonly SourceDocument _document;
    private readonly int _index;

    internal GridLine(SourceDocument document, int index)
    {
        _document = document;
        _index = index;
    }

    /// <summary>1-based line number in <see cref="SourceDocument.Text"/>.</summary>
    public int Number => _index + 1;
    public int Start => _document.LineRecord(_index).Start;
    public int End => _document.LineRecord(_index).End;

    /// <summary>The line's text, a new string on every call; parsing reads <see cref="AsSpan"/>.</summary>
    public string Text => _document.Text.Substring(Start, End - Start);

    public GridCells Cells
    {
        get
        {
            ref readonly var line = ref _document.LineRecord(_index);
            return new(_document, line.FirstCell, line.CellCount);
        }
    }
    public bool IsRow => _document.LineRecord(_index).IsRow;
    public bool IsBlank => _document.LineRecord(_index).CellCount == 0;

    public ReadOnlySpan<char> AsSpan()
    {
        ref readonly var line = ref _document.LineRecord(_index);
        return _document.Text.AsSpan(line.Start, line.End - line.Start);
    }

    public bool Equals(GridLine other) => ReferenceEquals(_document, other._document) && _index == other._index;
    public override bool Equals(object? obj) => obj is GridLine other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_document, _index);
    public override string ToString() => Text;
    public static bool operator ==(GridLine left, GridLine right) => left.Equals(right);
    public static bool operator !=(GridLine left, GridLine right) => !left.Equals(right);
}

/// <summary>The cells of one line: a range of the document's cells, enumerated without allocating.</summary>
public readonly struct GridCells : IReadOnlyList<GridCell>
{
    private readonly SourceDocument _document;
    private readonly int _first;

    internal GridCells(SourceDocument document, int first, int count)
    {
        _document = document;
        _first = first;
        Count = count;
    }

    public int Count { get; }

    public GridCell this[int index] =>
        (uint)index < (uint)Count ? new GridCell(_document, _first + index) : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(this);
    IEnumerator<GridCell> IEnumerable<GridCell>.GetEnumerator() => GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<GridCell>
    {
        private readonly GridCells _cells;
        private int _offset;

        internal Enumerator(GridCells cells)
        {
            _cells = cells;
            _offset = -1;
        }

        public readonly GridCell Current => new(_cells._document, _cells._first + _offset);
        readonly object IEnumerator.Current => Current;
        public bool MoveNext() => ++_offset < _cells.Count;
        public void Reset() => _offset = -1;
        public readonly void Dispose()
        {
        }
    }
}

/// <summary>The lines of a document, in order.</summary>
public sealed class GridLines : IReadOnlyList<GridLine>
{
    private readonly SourceDocument _document;

    internal GridLines(SourceDocument document) => _document = document;

    public int Count => _document.LineCount;

    public GridLine this[int index] =>
        (uint)index < (uint)Count ? new GridLine(_document, index) : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(_document);
    IEnumerator<GridLine> IEnumerable<GridLine>.GetEnumerator() => GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<GridLine>
    {
        private readonly SourceDocument _document;
        private int _index;

        internal Enumerator(SourceDocument document)
        {
            _document = document;
            _index = -1;
        }

        public readonly GridLine Current => new(_document, _index);
        readonly object IEnumerator.Current => Current;
        public bool MoveNext() => ++_index < _document.LineCount;
        public void Reset() => _index = -1;
        public readonly void Dispose()
        {
        }
    }
}

/// <summary>A line as the grid stores it: its offsets and its range of the document's cells.</summary>
internal readonly record struct LineRecord(int Start, int End, int FirstCell, int CellCount, bool IsRow);

/// <summary>A cell as the grid stores it: offsets into the document text.</summary>
internal readonly record struct CellRange(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// The common shape every reader produces: the extracted text and its lines as cells with source
/// offsets. Table extraction, sections and rules work on this alone, whatever the input format.
/// Lines and cells are offsets into the one text, in arrays rented from the shared pool (a long
/// document's grid is no large-object garbage); <see cref="Dispose"/> gives them back.
/// </summary>
public sealed class SourceDocument : IDisposable
{
    private LineRecord[] _lines;
    private CellRange[] _cells;
    private CellOrigin[]? _origins;
    private int _lineCount;
    // The line the last span fell on: a hint only, checked before use, so a stale one costs a search.
    private int _lastLine;

    /// <param name="origins">Parallel to <paramref name="cells"/>, for structured sources; null for plain text.</param>
    internal SourceDocument(string text, LineRecord[] lines, int lineCount, CellRange[] cells, CellOrigin[]? origins, SourceFormat format)
    {
        Text = text;
        _lines = lines;
        _lineCount = lineCount;
        _cells = cells;
        _origins = origins;
        Format = format;
        Lines = new GridLines(this);
    }

    public string Text { get; }
    public GridLines Lines { get; }
    public SourceFormat Format { get; }

    /// <summary>What the reader repaired in the text (invalid bytes, NULs), for the report to carry.</summary>
    public List<ReadingNote> ReadingNotes { get; } = [];

    internal int LineCount => _lineCount;

    internal ref readonly LineRecord LineRecord(int index) => ref _lines[index];

    internal ref readonly CellRange CellRange(int index) => ref _cells[index];

    internal CellOrigin CellOrigin(int index) => _origins is null ? default : _origins[index];

    /// <summary>The span of [start, end) in <see cref="Text"/>, with line and column.</summary>
    public SourceSpan Span(int start, int end)
    {
        var line = LineOf(start);
        var lineStart = _lineCount == 0 ? 0 : _lines[line].Start;
        return new SourceSpan { Line = line + 1, Column = start - lineStart + 1, StartOffset = start, EndOffset = end };
    }

    /// <summary>
    /// The index of the last line starting at or before <paramref name="offset"/> (0 when none does).
    /// Parsing asks in document order, so the lines from the last answer on are tried (a few of them,
    /// blank lines and one-cell lines between) before a binary search.
    /// </summary>
    private int LineOf(int offset)
    {
        var count = _lineCount;
        // Lines start right after each '\n' (readers split and join on it), so the line records are the line index.
        var line = _lastLine;
        if (line < count && _lines[line].Start <= offset)
        {
            for (var step = 0; step < 8; step++, line++)
            {
                if (line + 1 == count || _lines[line + 1].Start > offset)
                {
                    _lastLine = line;
                    return line;
                }
            }
        }
        var low = 0;
        var high = count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >>> 1;
            if (_lines[middle].Start <= offset)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        _lastLine = low;
        return low;
    }

    public SourceSpan Span(GridCell cell)
    {
        var span = Span(cell.Start, cell.End);
        if (_origins is not null)
        {
            var origin = cell.Origin;
            span.Container = origin.Container ?? "";
            span.Page = origin.Page;
            span.X = origin.X;
            span.Y = origin.Y;
        }
        return span;
    }

    /// <summary>Gives the grid's arrays back to the pool; the lines read as none afterwards.</summary>
    public void Dispose()
    {
        var lines = _lines;
        var cells = _cells;
        var origins = _origins;
        _lineCount = 0;
        _lastLine = 0;
        _lines = [];
        _cells = [];
        _origins = null;
        GridPool.Return(lines);
        GridPool.Return(cells);
        if (origins is not null)
        {
            GridPool.Return(origins);
        }
    }
}

/// <summary>Rents and grows the grid's arrays from the shared pool.</summary>
internal static class GridPool
{
    public static T[] Rent<T>(int minimumLength) => ArrayPool<T>.Shared.Rent(Math.Max(minimumLength, 16));

    /// <summary>An array at least twice as long holding the first <paramref name="count"/> items; the old one goes back.</summary>
    public static T[] Grow<T>(T[] array, int count)
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(16, array.Length * 2));
        array.AsSpan(0, count).CopyTo(larger);
        Return(array);
        return larger;
    }

    public static void Return<T>(T[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array, System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }
}

/// <summary>Offsets to line/column, by binary search over line starts.</summary>
public static class LineIndex
{
    public static int[] Build(string text)
    {
        var starts = new int[text.AsSpan().Count('\n') + 1];
        var line = 1;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts[line++] = i + 1;
        }
        return starts;
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
