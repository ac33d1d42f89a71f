using System.Buffers;
using System.Text;
using ReportValidation.V1;

namespace ReportValidation.Reading;

/// <summary>
/// Where a structured reader found a cell: a container path (HTML/DOCX) or a page position (PDF).
/// </summary>
internal readonly record struct CellOrigin(string Container, int Page = 0, double X = 0, double Y = 0);

/// <summary>
/// Builds the extracted text and its grid together, so every cell's offsets point at its own text:
/// a table row is its cells joined by " | ", a paragraph is one line, lines are joined by "\n".
/// Cells are normalised straight into the text; no cell becomes a string of its own.
/// </summary>
internal sealed class SourceDocumentBuilder
{
    private const string CellSeparator = " | ";
    private readonly StringBuilder _text = new();
    private readonly GridWriter _grid = new(lineCapacity: 64, cellCapacity: 128, withOrigins: true);

    public int LineCount => _grid.LineCount;

    /// <summary>A line outside tables: one cell, skipped when it holds nothing.</summary>
    public void AddParagraph(string text, CellOrigin origin)
    {
        var mark = _text.Length;
        var start = BeginLine();
        if (CellText.AppendNormalized(_text, text) == 0)
        {
            _text.Length = mark;
            return;
        }
        var firstCell = _grid.CellCount;
        _grid.AddCell(start, _text.Length, origin);
        _grid.AddLine(start, _text.Length, firstCell, isRow: false);
    }

    /// <summary>
    /// A table row: one cell per source cell, in order. Empty cells are kept (they are genuine blanks).
    /// A row whose every cell is empty adds nothing.
    /// </summary>
    public void AddRow(IReadOnlyList<(string Text, CellOrigin Origin)> cells, bool isRow = true)
    {
        var mark = _text.Length;
        var start = BeginLine();
        var firstCell = _grid.CellCount;
        var any = false;
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(CellSeparator);
            }
            var cellStart = _text.Length;
            any |= CellText.AppendNormalized(_text, cells[i].Text) > 0;
            _grid.AddCell(cellStart, _text.Length, cells[i].Origin);
        }
        if (!any)
        {
            _text.Length = mark;
            _grid.TruncateCells(firstCell);
            return;
        }
        _grid.AddLine(start, _text.Length, firstCell, isRow);
    }

    public SourceDocument Build(SourceFormat format) => _grid.Build(_text.ToString(), format);

    private int BeginLine()
    {
        if (_grid.LineCount > 0)
        {
            _text.Append('\n');
        }
        return _text.Length;
    }
}

/// <summary>Collects a document's lines and cells as offsets, in pooled arrays the document takes over.</summary>
internal sealed class GridWriter(int lineCapacity, int cellCapacity, bool withOrigins)
{
    private LineRecord[] _lines = GridPool.Rent<LineRecord>(lineCapacity);
    private CellRange[] _cells = GridPool.Rent<CellRange>(cellCapacity);
    private CellOrigin[]? _origins = withOrigins ? GridPool.Rent<CellOrigin>(cellCapacity) : null;

    public int LineCount { get; private set; }
    public int CellCount { get; private set; }

    public void AddCell(int start, int end)
    {
        if (CellCount == _cells.Length)
        {
            _cells = GridPool.Grow(_cells, CellCount);
        }
        _cells[CellCount++] = new CellRange(start, end);
    }

    public void AddCell(int start, int end, CellOrigin origin)
    {
        if (_origins is { } origins)
        {
            if (CellCount == origins.Length)
            {
                _origins = origins = GridPool.Grow(origins, CellCount);
            }
            origins[CellCount] = origin;
        }
        AddCell(start, end);
    }

    /// <summary>Forgets the cells from <paramref name="count"/> on (a row that turned out empty).</summary>
    public void TruncateCells(int count) => CellCount = count;

    /// <summary>A line holding the cells added since <paramref name="firstCell"/>.</summary>
    public void AddLine(int start, int end, int firstCell, bool isRow)
    {
        if (LineCount == _lines.Length)
        {
            _lines = GridPool.Grow(_lines, LineCount);
        }
        _lines[LineCount++] = new LineRecord(start, end, firstCell, CellCount - firstCell, isRow);
    }

    public SourceDocument Build(string text, SourceFormat format)
    {
        var document = new SourceDocument(text, _lines, LineCount, _cells, _origins, format);
        _lines = [];
        _cells = [];
        _origins = null;
        return document;
    }
}

/// <summary>
/// Cell and paragraph text as the grid carries it: one line, single spaces, no invisible characters.
/// A break between two CJK characters joins them ("本年新&lt;br&gt;公开数量" is one label); a break
/// between other characters becomes a space.
/// </summary>
internal static class CellText
{
    /// <summary>Marks a soft line break (HTML &lt;br&gt;, a paragraph boundary inside a cell).</summary>
    public const char Break = '\n';

    // What normalisation changes; text without any of them is already normalised.
    private static readonly SearchValues<char> Changed =
        SearchValues.Create("\u200B\u200C\u200D\uFEFF\u00AD\n\r\v\f\u2028\u2029 \t\u00A0\u3000\u2002\u2003\u2009\u202F|");

    public static string Normalize(string text)
    {
        if (!text.AsSpan().ContainsAny(Changed))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        AppendNormalized(sb, text);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="text"/> normalised; returns how many characters that added.</summary>
    public static int AppendNormalized(StringBuilder target, string text)
    {
        if (!text.AsSpan().ContainsAny(Changed))
        {
            target.Append(text);
            return text.Length;
        }
        var written = 0;
        var last = '\0';
        var pendingSpace = false;
        var pendingBreak = false;
        foreach (var raw in text)
        {
            var c = raw;
            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD')
            {
                continue;
            }
            if (c is '\n' or '\r' or '\v' or '\f' or '\u2028' or '\u2029')
            {
                pendingBreak = true;
                continue;
            }
            if (c is ' ' or '\t' or '\u00A0' or '\u3000' or '\u2002' or '\u2003' or '\u2009' or '\u202F')
            {
                pendingSpace = true;
                continue;
            }
            if (c == '|')
            {
                c = '｜'; // a literal pipe would read as a cell boundary in the extracted text
            }
            if (written > 0 && (pendingSpace || pendingBreak))
            {
                // Spaces next to a break are source indentation, not content.
                var joinTight = pendingBreak && IsCjk(last) && IsCjk(c);
                if (!joinTight)
                {
                    target.Append(' ');
                    written++;
                }
            }
            pendingSpace = pendingBreak = false;
            target.Append(c);
            written++;
            last = c;
        }
        return written;
    }

    internal static bool IsCjk(char c) =>
        c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF')
            or (>= '\u3000' and <= '\u303F');
}
