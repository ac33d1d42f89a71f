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
/// </summary>
internal sealed class SourceDocumentBuilder
{
    private const string CellSeparator = " | ";
    private readonly StringBuilder _text = new();
    private readonly List<GridLine> _lines = [];

    public int LineCount => _lines.Count;

    /// <summary>A line outside tables: one cell, skipped when it holds nothing.</summary>
    public void AddParagraph(string text, CellOrigin origin)
    {
        text = CellText.Normalize(text);
        if (text.Length == 0)
        {
            return;
        }
        var start = BeginLine();
        _text.Append(text);
        var cell = new GridCell(text, start, start + text.Length)
        {
            Container = origin.Container,
            Page = origin.Page,
            X = origin.X,
            Y = origin.Y,
        };
        EndLine(start, [cell], isRow: false);
    }

    /// <summary>
    /// A table row: one cell per source cell, in order. Empty cells are kept (they are genuine blanks).
    /// A row whose every cell is empty adds nothing.
    /// </summary>
    public void AddRow(IReadOnlyList<(string Text, CellOrigin Origin)> cells, bool isRow = true)
    {
        var normalized = new string[cells.Count];
        var any = false;
        for (var i = 0; i < cells.Count; i++)
        {
            normalized[i] = CellText.Normalize(cells[i].Text);
            any |= normalized[i].Length > 0;
        }
        if (!any)
        {
            return;
        }
        var start = BeginLine();
        var gridCells = new List<GridCell>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(CellSeparator);
            }
            var cellStart = _text.Length;
            _text.Append(normalized[i]);
            var origin = cells[i].Origin;
            gridCells.Add(new GridCell(normalized[i], cellStart, _text.Length)
            {
                Container = origin.Container,
                Page = origin.Page,
                X = origin.X,
                Y = origin.Y,
            });
        }
        EndLine(start, gridCells, isRow);
    }

    public SourceDocument Build(SourceFormat format) => new(_text.ToString(), _lines, format);

    private int BeginLine()
    {
        if (_lines.Count > 0)
        {
            _text.Append('\n');
        }
        return _text.Length;
    }

    private void EndLine(int start, List<GridCell> cells, bool isRow)
    {
        var end = _text.Length;
        _lines.Add(new GridLine(_lines.Count + 1, start, end, _text.ToString(start, end - start), cells, isRow));
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

    public static string Normalize(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
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
            if (sb.Length > 0 && (pendingSpace || pendingBreak))
            {
                // Spaces next to a break are source indentation, not content.
                var joinTight = pendingBreak && IsCjk(sb[^1]) && IsCjk(c);
                if (!joinTight)
                {
                    sb.Append(' ');
                }
            }
            pendingSpace = pendingBreak = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    internal static bool IsCjk(char c) =>
        c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF')
            or (>= '\u3000' and <= '\u303F');
}
