using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ReportValidation.V1;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using ReportValidation.Reading.Pdf;

namespace ReportValidation.Reading;

/// <summary>
/// PDF to the grid. A PDF has no cells, only positioned glyphs: letters on one baseline make a line,
/// a horizontal gap wider than a character splits it into cells, and a table header whose narrow
/// columns wrap one or two characters per line is stacked back into one row of labels.
/// </summary>
public static partial class PdfReader
{
    private const string FormatName = "PDF";
    private static readonly byte[] EndOfFile = "%%EOF"u8.ToArray();

    public static SourceDocument Read(ReadOnlyMemory<byte> content, ReadingLimits limits, CancellationToken cancellationToken)
    {
        var bytes = content.Span;
        // A PDF always closes with %%EOF; without it the file was cut short (lenient parsing would
        // otherwise read what it can and hide that pages are missing).
        if (bytes[Math.Max(0, bytes.Length - 2048)..].IndexOf(EndOfFile) < 0)
        {
            throw DocumentReadException.Corrupt(FormatName, "truncated: no %%EOF marker");
        }
        // Everything PdfPig would recurse through or inflate is measured first, on the bytes.
        var objects = new PdfObjectGraph(limits, cancellationToken);
        objects.AddFile(bytes);
        PdfStreamBudget.Check(content, limits, objects, cancellationToken);
        objects.CheckReferenceDepth();
        var pages = new List<PdfPageContent>();
        var letters = 0;
        try
        {
            // PdfPig reads the caller's bytes in place: a copy of the file per read is not needed.
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.NumberOfPages > limits.MaxPdfPages)
            {
                throw DocumentReadException.LimitExceeded("PDF 页数", "PDF page count", document.NumberOfPages, limits.MaxPdfPages, nameof(ReadingLimits.MaxPdfPages));
            }
            for (var p = 1; p <= document.NumberOfPages; p++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = document.GetPage(p);
                letters += page.Letters.Count;
                pages.Add(ReadPage(page, p));
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            throw DocumentReadException.Encrypted(FormatName);
        }
        catch (DocumentReadException)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // Whatever PdfPig throws on a broken file (its PdfDocumentStackDepthException included) is
            // that file's error, never the caller's crash.
            cancellationToken.ThrowIfCancellationRequested();
            throw DocumentReadException.Corrupt(FormatName, e.GetType().Name);
        }
        if (letters == 0)
        {
            // Pages of images only: a scan. Reading it needs OCR, which this service does not do.
            throw DocumentReadException.UnsupportedFormat("没有文字层的 PDF（扫描件，需先进行文字识别） / a PDF without a text layer (a scan; it needs OCR first)");
        }
        return PdfLayout.Emit(pages);
    }

    private static List<PdfTextLine> PageLines(IEnumerable<Letter> pageLetters, int pageNumber)
    {
        var lines = new List<PdfTextLine>();
        foreach (var line in PdfText.Lines(pageLetters))
        {
            AddLine(line, pageNumber, lines);
        }
        return lines;
    }

    /// <summary>One line's letters (left to right) as cells: a gap wider than a character parts them.</summary>
    private static void AddLine(List<Letter> letters, int pageNumber, List<PdfTextLine> lines)
    {
        var size = PdfText.MedianSize(letters);
        var y = letters[0].StartBaseLine.Y;
        var cells = new List<PdfCell>();
        PdfCell? cell = null;
        var pendingSpace = false;
        foreach (var letter in letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                pendingSpace = cell is not null;
                continue;
            }
            var left = letter.StartBaseLine.X;
            var right = Math.Max(letter.EndBaseLine.X, left + letter.Width);
            if (cell is null || left - cell.Right > size * 1.0)
            {
                // A gap wider than a character: a new cell (table columns), not a word space.
                cell = new PdfCell(left, right, y, size);
                cells.Add(cell);
                pendingSpace = false;
            }
            else
            {
                if (pendingSpace || left - cell.Right > size * 0.2)
                {
                    cell.Text.Append(' ');
                }
                pendingSpace = false;
            }
            cell.Text.Append(letter.Value);
            cell.Right = Math.Max(cell.Right, right);
        }
        if (cells.Count == 0)
        {
            return;
        }
        lines.Add(new PdfTextLine(pageNumber, y, size, cells));
    }

    /// <summary>
    /// Narrow table columns (table 四 has fifteen) wrap their header labels, often one character per
    /// line. A line of short cells set close under a multi-cell line, each cell under one of that
    /// line's cells, continues those cells: its text is appended to the cell above.
    /// </summary>
    private static List<PdfTextLine> StackWrappedHeaders(List<PdfTextLine> lines)
    {
        var result = new List<PdfTextLine>(lines.Count);
        PdfTextLine? anchor = null;
        PdfTextLine? previous = null;
        foreach (var line in lines)
        {
            if (anchor is not null && previous is not null && Continues(anchor, previous, line))
            {
                foreach (var cell in line.Cells)
                {
                    var above = anchor.Cells.MinBy(a => Math.Abs(a.Center - cell.Center))!;
                    above.Text.Append(cell.Text);
                    above.Right = Math.Max(above.Right, cell.Right);
                }
                previous = line;
                continue;
            }
            if (anchor is not null && previous is not null && WrappedLabel(anchor, previous, line) is { } label)
            {
                label.Text.Append(line.Cells[0].Text);
                previous = line;
                continue;
            }
            result.Add(line);
            anchor = line.Cells.Count >= 2 ? line : null;
            previous = line;
        }
        return result;
    }

    private static bool Continues(PdfTextLine anchor, PdfTextLine previous, PdfTextLine line)
    {
        if (line.Cells.Count < 2 || line.Page != previous.Page || previous.Y - line.Y > line.Size * 1.5 || previous.Y <= line.Y)
        {
            return false;
        }
        var used = new HashSet<PdfCell>();
        foreach (var cell in line.Cells)
        {
            var text = cell.Text.ToString();
            if (text.Length > 4 || IsNumber(text))
            {
                return false;
            }
            var above = anchor.Cells.MinBy(a => Math.Abs(a.Center - cell.Center))!;
            var aligned = Math.Abs(above.Center - cell.Center) <= line.Size * 0.75 || Math.Abs(above.X - cell.X) <= line.Size * 0.5;
            if (!aligned || !used.Add(above))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A long row label wrapped inside its column ("（二）部分公开（区分处理的，只计这一情形，" then
    /// "不计其他情形）"): one text cell set close under a label of the row above, starting where it
    /// starts and ending before the next column. Returns the label it continues.
    /// </summary>
    private static PdfCell? WrappedLabel(PdfTextLine anchor, PdfTextLine previous, PdfTextLine line)
    {
        if (line.Cells.Count != 1 || line.Page != previous.Page || previous.Y <= line.Y || previous.Y - line.Y > line.Size * 1.5)
        {
            return null;
        }
        var cell = line.Cells[0];
        if (IsNumber(cell.Text.ToString()))
        {
            return null;
        }
        for (var i = 0; i + 1 < anchor.Cells.Count; i++)
        {
            var label = anchor.Cells[i];
            if (Math.Abs(label.X - cell.X) <= line.Size * 0.5 && cell.Right < anchor.Cells[i + 1].X && !IsNumber(label.Text.ToString()))
            {
                return label;
            }
        }
        return null;
    }

    private static bool IsNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
}
