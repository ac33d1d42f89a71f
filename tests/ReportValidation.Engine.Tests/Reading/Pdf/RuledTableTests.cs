using ReportValidation.Reading;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace ReportValidation.Tests.Reading.Pdf;

/// <summary>
/// Ruled tables as a word processor draws them (each cell's four borders, a merged cell's borders
/// round the whole of it), on one page or across a page break: the cells a reader sees, no more.
/// </summary>
public class RuledTableTests
{
    private const double RowHeight = 20;
    private const double Size = 9;

    /// <summary>A cell of a drawn table: its text, its first row and column, and what it spans.</summary>
    private sealed record DrawnCell(string Text, int Row, int Column, int RowSpan = 1, int ColSpan = 1);

    /// <summary>Draws one page: a heading, then a table with the column boundaries given, its top at <paramref name="top"/>.</summary>
    private static void DrawPage(PdfRendering.PageWriter writer, string? heading, double[] columns, double top, params DrawnCell[] cells) =>
        Draw(writer, heading, columns, top, verticals: true, cells);

    /// <summary>The same with horizontal rulings only, between the rows (no cell's sides drawn).</summary>
    private static void DrawRowsRuledPage(PdfRendering.PageWriter writer, string? heading, double[] columns, double top, params DrawnCell[] cells) =>
        Draw(writer, heading, columns, top, verticals: false, cells);

    private static void Draw(PdfRendering.PageWriter writer, string? heading, double[] columns, double top, bool verticals, DrawnCell[] cells)
    {
        var page = writer.NewPage();
        if (heading is not null)
        {
            writer.Text(heading, 12, columns[0], top + 12);
        }
        foreach (var cell in cells)
        {
            var (left, right) = (columns[cell.Column], columns[cell.Column + cell.ColSpan]);
            var (upper, lower) = (top - cell.Row * RowHeight, top - (cell.Row + cell.RowSpan) * RowHeight);
            page.DrawLine(new PdfPoint(left, upper), new PdfPoint(right, upper), 0.5);
            page.DrawLine(new PdfPoint(left, lower), new PdfPoint(right, lower), 0.5);
            if (verticals)
            {
                page.DrawLine(new PdfPoint(left, upper), new PdfPoint(left, lower), 0.5);
                page.DrawLine(new PdfPoint(right, upper), new PdfPoint(right, lower), 0.5);
            }
            writer.Text(cell.Text, Size, left + 3, upper - 14);
        }
    }

    /// <summary>The rows read from the pages <paramref name="draw"/> prints, each as its cells' texts.</summary>
    private static List<List<string>> Rows(Action<PdfRendering.PageWriter> draw)
    {
        var builder = new PdfDocumentBuilder();
        draw(new PdfRendering.PageWriter(builder));
        return DocumentReader.Read(new InputDocument(builder.Build(), "application/pdf")).Lines
            .Where(l => l.IsRow).Select(l => l.Cells.Select(c => c.Text).ToList()).ToList();
    }

    [Fact]
    public void A_merged_cell_the_page_break_cut_is_read_once_in_its_first_row()
    {
        // The group label spans its rows on both pages; on the second it goes on as an empty cell.
        double[] columns = [60, 180, 320, 380];
        var rows = Rows(writer =>
        {
            DrawPage(writer, "三、收到和处理政府信息公开申请情况", columns, 200,
                new("三、本年度办理结果", 0, 0, RowSpan: 2), new("（一）予以公开", 0, 1), new("4", 0, 2), new("（二）部分公开", 1, 1), new("5", 1, 2));
            DrawPage(writer, null, columns, 780,
                new("", 0, 0, RowSpan: 2), new("（三）不予公开", 0, 1), new("6", 0, 2), new("（四）无法提供", 1, 1), new("7", 1, 2));
        });

        Assert.Equal([["三、本年度办理结果", "（一）予以公开", "4"], ["（二）部分公开", "5"], ["（三）不予公开", "6"], ["（四）无法提供", "7"]], rows);
    }

    [Fact]
    public void A_label_that_opens_a_page_under_a_figure_starts_its_own_row()
    {
        // A table printed one cell per row: the page ends on a figure, the next opens with a label.
        double[] columns = [60, 300, 360];
        var rows = Rows(writer =>
        {
            DrawPage(writer, "二、主动公开政府信息情况", columns, 200, new("规章", 0, 0), new("", 0, 1), new("0", 1, 0), new("", 1, 1));
            DrawPage(writer, null, columns, 780, new("行政规范性文件", 0, 0), new("", 0, 1), new("6", 1, 0), new("", 1, 1));
        });

        Assert.Equal([["规章"], ["0"], ["行政规范性文件"], ["6"]], rows);
    }

    [Fact]
    public void The_rest_of_a_label_the_page_break_cut_joins_its_label()
    {
        double[] columns = [60, 240, 300];
        var rows = Rows(writer =>
        {
            DrawPage(writer, "三、收到和处理政府信息公开申请情况", columns, 200, new("一、本年新收政府信息", 0, 0), new("3", 0, 1));
            DrawPage(writer, null, columns, 780, new("公开申请数量", 0, 0), new("", 0, 1), new("二、上年结转政府信息公开申请数量", 1, 0), new("1", 1, 1));
        });

        Assert.Equal([["一、本年新收政府信息公开申请数量", "3"], ["二、上年结转政府信息公开申请数量", "1"]], rows);
    }

    [Fact]
    public void A_label_the_page_break_cut_right_after_its_number_joins_its_number()
    {
        // "（三）" and the figures end the page; the item's own number and words open the next.
        double[] columns = [60, 240, 300];
        var rows = Rows(writer =>
        {
            DrawPage(writer, "三、收到和处理政府信息公开申请情况", columns, 200, new("（三）", 0, 0), new("4", 0, 1));
            DrawPage(writer, null, columns, 780, new("6.属于四类过程性信息", 0, 0), new("", 0, 1), new("7.属于行政执法案卷", 1, 0), new("5", 1, 1));
        });

        Assert.Equal([["（三）6.属于四类过程性信息", "4"], ["7.属于行政执法案卷", "5"]], rows.Select(r => r.Select(GridTexts.Compact).ToList()).ToList());
    }

    [Fact]
    public void Where_only_rows_are_ruled_the_rest_of_a_cut_label_joins_its_label_and_a_note_across_the_table_does_not()
    {
        // Empty cells are not drawn: the rest of the label is a row of one text, and so is the note.
        double[] columns = [60, 240, 300];
        var rows = Rows(writer =>
        {
            DrawRowsRuledPage(writer, "三、收到和处理政府信息公开申请情况", columns, 200,
                new("一、本年新收政府信息", 0, 0), new("3", 0, 1), new("二、上年结转政府信息", 1, 0), new("1", 1, 1));
            DrawRowsRuledPage(writer, null, columns, 780,
                new("公开申请数量", 0, 0), new("", 0, 1), new("四、结转下年度继续办理", 1, 0), new("2", 1, 1));
            DrawRowsRuledPage(writer, null, columns, 780,
                new("注：本表所列为本机关全年收到和办理的申请，不含转办", 0, 0, ColSpan: 2), new("五、说明", 1, 0), new("", 1, 1));
        });

        Assert.Equal(
            [["一、本年新收政府信息", "3"], ["二、上年结转政府信息公开申请数量", "1"], ["四、结转下年度继续办理", "2"], ["注：本表所列为本机关全年收到和办理的申请，不含转办"], ["五、说明"]],
            rows);
    }

    [Fact]
    public void A_label_too_wide_for_its_column_set_over_the_next_cells_text_reads_as_two_cells()
    {
        // The group label runs on over "（一）予以公开" on the same line; the printer drew each in one go.
        double[] columns = [60, 100, 240, 300];
        var rows = Rows(writer =>
        {
            DrawPage(writer, "三、收到和处理政府信息公开申请情况", columns, 780,
                new("三、本年度办理结果", 0, 0, RowSpan: 2), new("（一）予以公开", 0, 1), new("4", 0, 2), new("（二）部分公开", 1, 1), new("5", 1, 2));
        });

        Assert.Equal([["三、本年度办理结果", "（一）予以公开", "4"], ["（二）部分公开", "5"]], rows);
    }

    [Fact]
    public void A_strip_of_a_column_where_nothing_is_printed_is_no_column_but_a_blank_cell_under_a_header_is_read()
    {
        // Rows of unequal colspans leave a narrow column nothing is printed in, on every row.
        double[] columns = [60, 200, 320, 330];
        var rows = Rows(writer =>
        {
            DrawPage(writer, "二、主动公开政府信息情况", columns, 780,
                new("第二十条第（一）项", 0, 0, ColSpan: 3),
                new("信息内容", 1, 0), new("本年新制作数量", 1, 1), new("", 1, 2),
                new("规章", 2, 0), new("0", 2, 1), new("", 2, 2),
                new("规范性文件", 3, 0), new("", 3, 1), new("", 3, 2));
        });

        Assert.Equal([["第二十条第（一）项"], ["信息内容", "本年新制作数量"], ["规章", "0"], ["规范性文件", ""]], rows);
    }
}
