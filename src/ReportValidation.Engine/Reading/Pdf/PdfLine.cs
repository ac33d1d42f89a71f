using System.Text;

namespace ReportValidation.Reading.Pdf;

/// <summary>Letters of one line set close together: a word, a label or a value.</summary>
internal sealed class PdfCell(double x, double right, double y, double size)
{
    public StringBuilder Text { get; } = new();
    public double X { get; } = x;
    public double Right { get; set; } = right;
    public double Y { get; } = y;
    public double Size { get; } = size;
    public double Center => (X + Right) / 2;
}

/// <summary>Something on a page, top to bottom: a line of text outside tables, or a ruled table.</summary>
internal abstract record PdfBlock(int Page, double Top);

/// <summary>A line of text outside tables: one cell, or several when wide gaps part it (an unruled table row).</summary>
internal sealed record PdfTextLine(int Page, double Y, double Size, List<PdfCell> Cells) : PdfBlock(Page, Y + Size)
{
    public double Left => Cells[0].X;
    public double Right => Cells[^1].Right;
    public string Text => string.Join(" ", Cells.Select(c => c.Text.ToString()));
}

internal sealed record PdfTableBlock(PdfTable Table) : PdfBlock(Table.Page, Table.Top);

/// <summary>A page as read: its size and its blocks, top to bottom.</summary>
internal sealed record PdfPageContent(int Number, double Width, double Height, List<PdfBlock> Blocks);
