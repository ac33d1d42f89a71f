using System.Globalization;

namespace ReportValidation.Reading.Pdf;

/// <summary>
/// A table that ends one page and opens the next is one table: the next page's header rows, when
/// they repeat the table's first rows, are read once; a row the page break cut in two (its label's
/// last lines over the break, no figures) is joined back to the row it continues.
/// </summary>
internal static class PdfTableContinuation
{
    private const double ColumnTolerance = 3;

    public static void Join(List<PdfPageContent> pages)
    {
        PdfTable? open = null;
        foreach (var page in pages)
        {
            if (open is not null && page.Blocks.Count > 0 && page.Blocks[0] is PdfTableBlock { Table: var next })
            {
                Append(open, next);
                page.Blocks.RemoveAt(0);
                if (page.Blocks.Count == 0)
                {
                    continue;
                }
            }
            open = page.Blocks.Count > 0 && page.Blocks[^1] is PdfTableBlock { Table: var last } ? last : null;
        }
    }

    private static void Append(PdfTable table, PdfTable next)
    {
        var rows = next.Rows;
        var repeated = 0;
        while (repeated < rows.Count - 1 && repeated < table.Rows.Count && SameTexts(rows[repeated], table.Rows[repeated]))
        {
            repeated++;
        }
        rows = rows.Skip(repeated).ToList();
        if (rows.Count > 0 && CutByThePage(table.Rows, rows[0]))
        {
            foreach (var piece in rows[0].Where(c => c.Text.Length > 0))
            {
                var (row, index) = CellAbove(table.Rows, piece)!.Value;
                row[index] = row[index] with { Text = PdfText.JoinWrapped(row[index].Text, piece.Text) };
            }
            rows.RemoveAt(0);
        }
        table.Rows.AddRange(rows);
    }

    /// <summary>
    /// The rest of a row the page break cut: text only in columns where the rows above have a cell
    /// (the label's last lines), some cells empty, no figures.
    /// </summary>
    private static bool CutByThePage(List<List<PdfTableCell>> above, List<PdfTableCell> row) =>
        row.Any(c => c.Text.Length == 0) && row.Any(c => c.Text.Length > 0)
        && row.All(c => c.Text.Length == 0 || (!IsFigure(c.Text) && CellAbove(above, c) is not null));

    /// <summary>The nearest cell above in the same column: the last row's, or a merged cell's first row.</summary>
    private static (List<PdfTableCell> Row, int Index)? CellAbove(List<List<PdfTableCell>> rows, PdfTableCell cell)
    {
        for (var r = rows.Count - 1; r >= 0 && r >= rows.Count - 30; r--)
        {
            var index = rows[r].FindIndex(c => Math.Abs(c.X - cell.X) <= ColumnTolerance);
            if (index >= 0)
            {
                return (rows[r], index);
            }
        }
        return null;
    }

    private static bool IsFigure(string text) =>
        Compact(text) is var t && (t == "/" || decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out _));

    private static bool SameTexts(List<PdfTableCell> a, List<PdfTableCell> b) =>
        a.Count == b.Count && a.Zip(b).All(p => Compact(p.First.Text) == Compact(p.Second.Text));

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
