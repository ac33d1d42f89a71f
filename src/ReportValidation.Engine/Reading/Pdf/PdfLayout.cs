using ReportValidation.V1;

namespace ReportValidation.Reading.Pdf;

/// <summary>
/// Pages to the grid, as a person reads the printout: page furniture left out, a table that runs on
/// to the next page read as one (its repeated header rows once), wrapped paragraphs whole.
/// </summary>
internal static class PdfLayout
{
    public static SourceDocument Emit(List<PdfPageContent> pages)
    {
        PdfPageFurniture.Remove(pages);
        PdfTableContinuation.Join(pages);
        foreach (var table in pages.SelectMany(p => p.Blocks).OfType<PdfTableBlock>())
        {
            table.Table.HideEmptyCells();
        }
        var blocks = ParagraphReflow.Join(pages);
        var builder = new SourceDocumentBuilder();
        var linesOnPage = new Dictionary<int, int>();
        var tablesOnPage = new Dictionary<int, int>();
        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case PdfTableBlock { Table: var table }:
                    var t = tablesOnPage[table.Page] = tablesOnPage.GetValueOrDefault(table.Page) + 1;
                    for (var r = 0; r < table.Rows.Count; r++)
                    {
                        var row = table.Rows[r].Where(c => !c.Hidden);
                        builder.AddRow([.. row.Select((cell, c) => (cell.Text, new CellOrigin($"page[{table.Page}]/table[{t}]/row[{r + 1}]/cell[{c + 1}]", cell.Page, cell.X, cell.Y)))]);
                    }
                    break;
                case PdfTextLine line:
                    var n = linesOnPage[line.Page] = linesOnPage.GetValueOrDefault(line.Page) + 1;
                    var cells = line.Cells.Select((cell, c) => (cell.Text.ToString(), new CellOrigin($"page[{line.Page}]/line[{n}]/cell[{c + 1}]", line.Page,
                        Math.Round(cell.X, 2), Math.Round(cell.Y, 2)))).ToList();
                    // A one-cell line between two unruled rows is a row too: a label spanning the table (第二十条第（一）项).
                    if (line.Cells.Count > 1 || (IsUnruledRow(blocks, i - 1) && IsUnruledRow(blocks, i + 1)))
                    {
                        builder.AddRow(cells);
                    }
                    else
                    {
                        builder.AddParagraph(cells[0].Item1, cells[0].Item2);
                    }
                    break;
            }
        }
        return builder.Build(SourceFormat.Pdf);
    }

    private static bool IsUnruledRow(List<PdfBlock> blocks, int index) =>
        index >= 0 && index < blocks.Count && blocks[index] is PdfTextLine { Cells.Count: > 1 };
}
