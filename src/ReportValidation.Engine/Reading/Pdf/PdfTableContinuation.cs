using System.Globalization;
using System.Text.RegularExpressions;

namespace ReportValidation.Reading.Pdf;

/// <summary>
/// A table that ends one page and opens the next is one table: the next page's header rows, when
/// they repeat the table's first rows, are read once; a merged cell the break cut is read once; a row
/// the page break cut in two (its label's last lines over the break, no figures) is joined back to the
/// row it continues.
/// </summary>
internal static partial class PdfTableContinuation
{
    private const double ColumnTolerance = 3;
    private const int MaxUnruledRows = 3;

    public static void Join(List<PdfPageContent> pages)
    {
        PdfTable? open = null;
        foreach (var page in pages)
        {
            PdfTable? carried = null;
            if (open is not null && page.Blocks.Count > 0 && page.Blocks[0] is PdfTableBlock { Table: var next })
            {
                Append(open, next);
                page.Blocks.RemoveAt(0);
                carried = open;
            }
            open = TableClosingThePage(page, carried);
        }
    }

    /// <summary>
    /// The table the page ends with. A table ruled with horizontals only has no bottom ruling where
    /// the page cut it: the unruled rows after its last ruling (lines of several cells) are its rows.
    /// </summary>
    private static PdfTable? TableClosingThePage(PdfPageContent page, PdfTable? carried)
    {
        // A table carried over from the page before stands above everything left on this page.
        var index = page.Blocks.FindLastIndex(b => b is PdfTableBlock);
        if ((index < 0 && carried is null) || page.Blocks.Count - index - 1 > MaxUnruledRows
            || page.Blocks.Skip(index + 1).Any(b => b is not PdfTextLine { Cells.Count: > 1 }))
        {
            return null;
        }
        var table = index >= 0 ? ((PdfTableBlock)page.Blocks[index]).Table : carried!;
        foreach (var line in page.Blocks.Skip(index + 1).Cast<PdfTextLine>())
        {
            table.Rows.Add([.. line.Cells.Select(c => new PdfTableCell(c.Text.ToString(), line.Page, Math.Round(c.X, 2), Math.Round(c.Y + c.Size, 2))
                { Size = c.Size, Right = Math.Round(c.Right, 2) })]);
        }
        page.Blocks.RemoveRange(index + 1, page.Blocks.Count - index - 1);
        return table;
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
        if (rows.Count > 0)
        {
            ContinueMergedCells(table.Rows, rows);
        }
        if (rows.Count > 0 && CutByThePage(table.Rows, rows[0], next.Unruled))
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
    /// A merged cell the page break cut (a group label spanning rows on both pages) goes on at the top
    /// of the next page as an empty cell spanning down, where the cell above spans to the bottom of
    /// the page: it is the same cell, read once, in its first row.
    /// </summary>
    private static void ContinueMergedCells(List<List<PdfTableCell>> rows, List<List<PdfTableCell>> next)
    {
        var first = next[0];
        for (var i = first.Count - 1; i >= 0; i--)
        {
            var cell = first[i];
            if (cell.Text.Length > 0 || cell.RowSpan < 2 || CellAbove(rows, cell) is not var (row, index))
            {
                continue;
            }
            var below = rows.Count - rows.IndexOf(row);
            if (below > row[index].RowSpan)
            {
                continue;
            }
            // The cell now spans on to the bottom of this page when its rest does.
            row[index] = row[index] with { RowSpan = cell.RowSpan >= next.Count ? below + next.Count : row[index].RowSpan };
            first.RemoveAt(i);
        }
        if (first.Count == 0)
        {
            next.RemoveAt(0);
        }
    }

    /// <summary>
    /// The rest of a row the page break cut: less than a row (its figures stayed above the break: some
    /// cells empty, or, where empty cells are not drawn, fewer than the row above has), no figures, each
    /// text under a label of the rows above that it goes on from, within that label's column. A label
    /// never goes on from a figure, and one that opens with its own number ("2.", "（四）",
    /// "第二十条第（八）项") starts a row, unless the label above is a number alone.
    /// </summary>
    private static bool CutByThePage(List<List<PdfTableCell>> above, List<PdfTableCell> row, bool unruled)
    {
        var texts = row.Where(c => c.Text.Length > 0).ToList();
        return texts.Count > 0 && above.Count > 0 && (texts.Count < row.Count || (unruled && texts.Count < above[^1].Count(c => !c.Hidden)))
            && texts.All(c => !IsFigure(c.Text) && CellAbove(above, c) is var (r, i) && !IsFigure(r[i].Text)
                && (!ItemNumber().IsMatch(Compact(c.Text)) || IsNumberAlone(r[i].Text)) && (i + 1 == r.Count || c.Right <= r[i + 1].X + ColumnTolerance));
    }

    /// <summary>A label cut right after its number ("（三）" over the break, "6.属于四类过程性信息" under it).</summary>
    private static bool IsNumberAlone(string label) => ItemNumber().Match(Compact(label)) is { Success: true } m && m.Length == Compact(label).Length;

    [GeneratedRegex(@"^\s*([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+\s*[.．、]|第[一二三四五六七八九十]+条)")]
    private static partial Regex ItemNumber();

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

    /// <summary>A figure as printed: digits in ASCII or full width, or "/" for not applicable (an item number "2." is not one).</summary>
    private static bool IsFigure(string text)
    {
        var t = string.Concat(Compact(text).Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c));
        return t == "/" || (!t.EndsWith('.') && decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out _));
    }

    private static bool SameTexts(List<PdfTableCell> a, List<PdfTableCell> b) =>
        a.Count == b.Count && a.Zip(b).All(p => Compact(p.First.Text) == Compact(p.Second.Text));

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
