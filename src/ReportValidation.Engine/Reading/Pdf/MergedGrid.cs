using UglyToad.PdfPig.Content;

namespace ReportValidation.Reading.Pdf;

/// <summary>
/// The cells between a table's column and row boundaries, neighbours with no ruling between them
/// merged into one cell (a colspan or rowspan).
/// </summary>
internal sealed class MergedGrid(List<double> xs, List<double> ys)
{
    private readonly int[] _parent = Enumerable.Range(0, (xs.Count - 1) * (ys.Count - 1)).ToArray();

    public int Columns { get; } = xs.Count - 1;
    public int Rows { get; } = ys.Count - 1;

    private int Root(int i)
    {
        while (_parent[i] != i)
        {
            i = _parent[i] = _parent[_parent[i]];
        }
        return i;
    }

    public void Merge(int r1, int c1, int r2, int c2)
    {
        var (a, b) = (Root(r1 * Columns + c1), Root(r2 * Columns + c2));
        // The smaller index (top-left) stays the root, so a merged cell is named by its first grid cell.
        _parent[Math.Max(a, b)] = Math.Min(a, b);
    }

    /// <summary>The grid cell (row, column) holding a point, or null outside the table.</summary>
    public (int Row, int Column)? Locate(double x, double y)
    {
        if (x < xs[0] || x > xs[^1] || y > ys[0] || y < ys[^1])
        {
            return null;
        }
        var c = 0;
        while (c + 1 < Columns && x > xs[c + 1])
        {
            c++;
        }
        var r = 0;
        while (r + 1 < Rows && y < ys[r + 1])
        {
            r++;
        }
        return (r, c);
    }

    /// <summary>The merged cell a grid cell belongs to, named by its first grid cell.</summary>
    public int CellOf(int row, int column) => Root(row * Columns + column);

    /// <summary>
    /// Rows of cells: each merged cell once, in its first row, left to right, with the rows it spans.
    /// Without vertical rulings an empty cell cannot be seen: it is kept (it may be a merged cell a
    /// page break cut) but hidden.
    /// </summary>
    public List<List<PdfTableCell>> Emit(int page, Dictionary<int, List<Letter>> contents, bool splitAtGaps)
    {
        var extents = Extents();
        var rows = new List<List<PdfTableCell>>();
        for (var r = 0; r < Rows; r++)
        {
            var row = new List<PdfTableCell>();
            for (var c = 0; c < Columns; c++)
            {
                var index = r * Columns + c;
                if (Root(index) != index)
                {
                    continue;
                }
                var lastRow = extents[index];
                var letters = contents.GetValueOrDefault(index) ?? [];
                var rowSpan = lastRow - r + 1;
                if (splitAtGaps)
                {
                    row.AddRange(GapColumns.Split(page, letters, xs[c], ys[r]).Select(cell => cell with { RowSpan = rowSpan, Hidden = letters.Count == 0 }));
                }
                else
                {
                    row.Add(new PdfTableCell(PdfText.BlockText(letters), page, Math.Round(xs[c], 2), Math.Round(ys[r], 2))
                    {
                        Size = PdfText.MedianSize(letters),
                        Right = Math.Round(letters.Count == 0 ? xs[c] : letters.Max(PdfText.Right), 2),
                        RowSpan = rowSpan,
                    });
                }
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The last row each merged cell reaches, by its first grid cell.</summary>
    private Dictionary<int, int> Extents()
    {
        var extents = new Dictionary<int, int>();
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                extents[Root(r * Columns + c)] = r;
            }
        }
        return extents;
    }
}

/// <summary>
/// A cell's text split into columns by alignment (Tabula's stream mode, within one ruled row): pieces
/// of lines set apart by more than a character's width, pieces that overlap across lines one column.
/// </summary>
internal static class GapColumns
{
    public static IEnumerable<PdfTableCell> Split(int page, List<Letter> letters, double left, double top)
    {
        if (letters.Count == 0)
        {
            return [new PdfTableCell("", page, Math.Round(left, 2), Math.Round(top, 2)) { Right = Math.Round(left, 2) }];
        }
        var pieces = new List<(double Left, double Right, List<Letter> Letters)>();
        foreach (var line in PdfText.Lines(letters))
        {
            List<Letter>? piece = null;
            double right = 0;
            foreach (var letter in line.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
            {
                if (piece is null || PdfText.Left(letter) - right > PdfText.Size(letter))
                {
                    piece = [];
                    pieces.Add((PdfText.Left(letter), 0, piece));
                }
                piece.Add(letter);
                right = PdfText.Right(letter);
                pieces[^1] = pieces[^1] with { Right = right };
            }
        }
        // Pieces whose spans overlap are one column; columns left to right.
        var columns = new List<(double Left, double Right, List<Letter> Letters)>();
        foreach (var piece in pieces.OrderBy(p => p.Left))
        {
            if (columns.Count > 0 && piece.Left <= columns[^1].Right)
            {
                var last = columns[^1];
                last.Letters.AddRange(piece.Letters);
                columns[^1] = last with { Right = Math.Max(last.Right, piece.Right) };
            }
            else
            {
                columns.Add((piece.Left, piece.Right, [.. piece.Letters]));
            }
        }
        return columns.Select(c => new PdfTableCell(PdfText.BlockText(c.Letters), page, Math.Round(c.Left, 2), Math.Round(top, 2))
            { Size = PdfText.MedianSize(c.Letters), Right = Math.Round(c.Right, 2) });
    }
}
