using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;

namespace ReportValidation.Reading.Pdf;

/// <summary>A cell of a printed table: its text (however many lines it wraps over) and where it starts.</summary>
internal sealed record PdfTableCell(string Text, int Page, double X, double Y)
{
    /// <summary>The type size of the cell's text (0 for an empty cell).</summary>
    public double Size { get; init; }

    /// <summary>Where the cell's text ends on the right (its left edge for an empty cell).</summary>
    public double Right { get; init; }

    /// <summary>How many of the page's table rows the cell spans (a merged group label, several).</summary>
    public int RowSpan { get; init; } = 1;

    /// <summary>
    /// An empty cell a reader does not take for a cell: one no ruling shows (a table without vertical
    /// rulings), or one in a column where nothing of the table is printed.
    /// </summary>
    public bool Hidden { get; init; }
}

/// <summary>A table found on one page: its rows top to bottom, a merged cell once, in its first row.</summary>
internal sealed record PdfTable(int Page, double Top, List<List<PdfTableCell>> Rows)
{
    private const double ColumnTolerance = 3;

    /// <summary>Drawn without vertical rulings: an empty cell is not drawn, a row shows only its texts.</summary>
    public bool Unruled { get; init; }

    /// <summary>
    /// Hides the empty cells that are no cells to a reader: those of columns where nothing of the
    /// table (on any page it runs over) is printed, the strips that rows of unequal colspans or
    /// rulings whose ends do not line up leave; and in a table printed one cell per row (no row with
    /// two texts), the empty cells beside each one, which only pad its rows to the table's width.
    /// </summary>
    public void HideEmptyCells()
    {
        var printed = Rows.SelectMany(r => r).Where(c => c.Text.Length > 0).Select(c => Math.Round(c.X)).Distinct().ToList();
        var oneCellPerRow = Rows.All(r => r.Count(c => c.Text.Length > 0) <= 1);
        foreach (var row in Rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (row[i].Text.Length == 0 && (oneCellPerRow || !printed.Any(x => Math.Abs(x - row[i].X) <= ColumnTolerance)))
                {
                    row[i] = row[i] with { Hidden = true };
                }
            }
        }
    }
}

/// <summary>
/// Rebuilds a printed table's grid the way a reader sees it (after Camelot's and Tabula's lattice
/// modes): the rulings that meet make one table; the distinct positions of its rulings are the
/// grid's column and row boundaries; two neighbouring grid cells with no ruling between them are one
/// merged cell; every letter belongs to the cell its centre falls in. A table drawn with horizontal
/// rulings only takes its columns from the rulings' ends and splits a row's text at wide gaps.
/// </summary>
internal static partial class PdfTableGrid
{
    private const double Tolerance = 2.0;
    private const double MaxRowHeight = 150;

    public static List<PdfBlock> Find(int page, List<Ruling> rulings, List<Letter> letters, HashSet<Letter> used)
    {
        var blocks = new List<PdfBlock>();
        var components = Components(rulings);
        var runStarts = components.Count > 0 ? PdfOverprint.RunStarts(letters) : [];
        foreach (var component in components)
        {
            if (Build(page, component, letters, runStarts, used) is { } table)
            {
                blocks.AddRange(component.Any(r => !r.Horizontal) ? [new PdfTableBlock(table)] : SplitAtHeadings(table));
            }
        }
        return blocks;
    }

    /// <summary>
    /// Horizontal rulings alone cannot tell two tables from one: a section heading set between two
    /// tables ("三、收到和处理政府信息公开申请情况", alone in its band) is a line of text that parts them.
    /// </summary>
    private static IEnumerable<PdfBlock> SplitAtHeadings(PdfTable table)
    {
        var rows = new List<List<PdfTableCell>>();
        foreach (var row in table.Rows)
        {
            var filled = row.Where(c => c.Text.Length > 0).ToList();
            // A numbered heading keeps its tab after the number ("三、" ⇥ "收到和处理…"): one heading.
            var text = filled.Count == 2 && ListNumber().IsMatch(filled[0].Text) ? filled[0].Text + filled[1].Text
                : filled.Count == 1 ? filled[0].Text : "";
            if (SectionHeading().IsMatch(text))
            {
                if (rows.Count > 0)
                {
                    yield return new PdfTableBlock(new PdfTable(table.Page, rows[0].Max(c => c.Y), rows) { Unruled = table.Unruled });
                    rows = [];
                }
                var heading = filled[0];
                var cell = new PdfCell(heading.X, heading.X, heading.Y - heading.Size, heading.Size);
                cell.Text.Append(text);
                yield return new PdfTextLine(table.Page, heading.Y - heading.Size, heading.Size, [cell]);
                continue;
            }
            rows.Add(row);
        }
        if (rows.Count > 0)
        {
            yield return new PdfTableBlock(new PdfTable(table.Page, rows[0].Max(c => c.Y), rows) { Unruled = table.Unruled });
        }
    }

    [GeneratedRegex(@"^\s*[一二三四五六七八九十]+、\S+情况$")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"^\s*[一二三四五六七八九十]+、\s*$")]
    private static partial Regex ListNumber();

    /// <summary>Rulings that meet (a vertical crossing a horizontal), or horizontals stacked over one another with no verticals.</summary>
    private static List<List<Ruling>> Components(List<Ruling> rulings)
    {
        var parent = Enumerable.Range(0, rulings.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                i = parent[i] = parent[parent[i]];
            }
            return i;
        }
        void Union(int a, int b) => parent[Root(a)] = Root(b);
        var crossed = new bool[rulings.Count];
        for (var i = 0; i < rulings.Count; i++)
        {
            for (var j = i + 1; j < rulings.Count; j++)
            {
                var (a, b) = (rulings[i], rulings[j]);
                if (a.Horizontal != b.Horizontal && a.Covers(b.Position, Tolerance) && b.Covers(a.Position, Tolerance))
                {
                    Union(i, j);
                    crossed[i] = crossed[j] = true;
                }
            }
        }
        // Tables ruled with horizontals only (top, bottom and between rows): each horizontal joins the
        // next one below it that spans much of the same width, a row's height away.
        var loose = Enumerable.Range(0, rulings.Count).Where(i => rulings[i].Horizontal && !crossed[i])
            .OrderByDescending(i => rulings[i].Position).ToList();
        for (var k = 0; k + 1 < loose.Count; k++)
        {
            var (a, b) = (rulings[loose[k]], rulings[loose[k + 1]]);
            var overlap = Math.Min(a.To, b.To) - Math.Max(a.From, b.From);
            if (overlap >= 0.5 * Math.Min(a.Length, b.Length) && a.Position - b.Position <= MaxRowHeight)
            {
                Union(loose[k], loose[k + 1]);
            }
        }
        return Enumerable.Range(0, rulings.Count).GroupBy(Root)
            .Select(g => g.Select(i => rulings[i]).ToList())
            .Where(c => c.Count(r => r.Horizontal) >= 2)
            .ToList();
    }

    private static PdfTable? Build(int page, List<Ruling> component, List<Letter> letters, Dictionary<Letter, Letter> runStarts, HashSet<Letter> used)
    {
        var horizontals = component.Where(r => r.Horizontal).ToList();
        var verticals = component.Where(r => !r.Horizontal).ToList();
        var ruledColumns = verticals.Count > 0;
        var xs = Distinct(ruledColumns
            ? verticals.Select(v => v.Position).Concat(horizontals.SelectMany(h => new[] { h.From, h.To }))
            : horizontals.SelectMany(h => new[] { h.From, h.To }));
        var ys = Distinct(horizontals.Select(h => h.Position).Concat(verticals.SelectMany(v => new[] { v.From, v.To })));
        ys.Reverse();
        if (xs.Count < 2 || ys.Count < 2)
        {
            return null;
        }
        var grid = new MergedGrid(xs, ys);
        for (var r = 0; r < grid.Rows; r++)
        {
            var midY = (ys[r] + ys[r + 1]) / 2;
            for (var c = 0; c < grid.Columns; c++)
            {
                var midX = (xs[c] + xs[c + 1]) / 2;
                // Without vertical rulings every column boundary (a ruling's end) is taken for a wall.
                if (c + 1 < grid.Columns && ruledColumns && !verticals.Any(v => Math.Abs(v.Position - xs[c + 1]) <= Tolerance && v.Covers(midY, -Tolerance)))
                {
                    grid.Merge(r, c, r, c + 1);
                }
                if (r + 1 < grid.Rows && !horizontals.Any(h => Math.Abs(h.Position - ys[r + 1]) <= Tolerance && h.Covers(midX, -Tolerance)))
                {
                    grid.Merge(r, c, r + 1, c);
                }
            }
        }
        var inside = new List<(Letter Letter, int Row, int Column)>();
        foreach (var letter in letters)
        {
            // Text set over other text belongs to the cell it starts in.
            var x = PdfText.CenterX(runStarts.GetValueOrDefault(letter, letter));
            if (!used.Contains(letter) && grid.Locate(x, PdfText.CenterY(letter)) is { } at)
            {
                inside.Add((letter, at.Row, at.Column));
            }
        }
        MergeWhereTextCrosses(grid, inside.Where(l => !runStarts.ContainsKey(l.Letter)));
        var contents = new Dictionary<int, List<Letter>>();
        foreach (var (letter, row, column) in inside)
        {
            used.Add(letter);
            var cell = grid.CellOf(row, column);
            (contents.TryGetValue(cell, out var list) ? list : contents[cell] = []).Add(letter);
        }
        if (contents.Count == 0)
        {
            return null;
        }
        return new PdfTable(page, ys[0], grid.Emit(page, contents, splitAtGaps: !ruledColumns)) { Unruled = !ruledColumns };
    }

    /// <summary>
    /// Text never runs through a cell border: where the letters of one word sit on both sides of a
    /// vertical ruling (a printer that draws a column's border through a merged cell), the cells are one
    /// (text set over other text aside: it ran over its border).
    /// </summary>
    private static void MergeWhereTextCrosses(MergedGrid grid, IEnumerable<(Letter Letter, int Row, int Column)> inside)
    {
        foreach (var line in inside.Where(l => !string.IsNullOrWhiteSpace(l.Letter.Value))
            .GroupBy(l => (l.Row, Baseline: Math.Round(l.Letter.StartBaseLine.Y))))
        {
            var ordered = line.OrderBy(l => l.Letter.StartBaseLine.X).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (a, b) = (ordered[i - 1], ordered[i]);
                if (b.Column > a.Column && PdfText.Left(b.Letter) - PdfText.Right(a.Letter) < PdfText.Size(a.Letter) * 0.3)
                {
                    for (var c = a.Column; c < b.Column; c++)
                    {
                        grid.Merge(a.Row, c, a.Row, c + 1);
                    }
                }
            }
        }
    }

    /// <summary>Sorted positions, those within the tolerance of the previous one dropped.</summary>
    private static List<double> Distinct(IEnumerable<double> positions)
    {
        var result = new List<double>();
        foreach (var p in positions.Order())
        {
            if (result.Count == 0 || p - result[^1] > Tolerance)
            {
                result.Add(p);
            }
        }
        return result;
    }
}
