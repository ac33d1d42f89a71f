using ReportValidation.Reading.Pdf;
using UglyToad.PdfPig.Content;

namespace ReportValidation.Reading;

public static partial class PdfReader
{
    /// <summary>
    /// A page's ruled tables first (their letters are theirs), then the lines of the letters left:
    /// paragraphs, headings, page furniture and tables printed without rulings.
    /// </summary>
    private static PdfPageContent ReadPage(Page page, int pageNumber)
    {
        var letters = page.Letters
            .Where(l => l.TextOrientation == TextOrientation.Horizontal && !string.IsNullOrEmpty(l.Value))
            .ToList();
        var used = new HashSet<Letter>(ReferenceEqualityComparer.Instance);
        var blocks = new List<PdfBlock>();
        blocks.AddRange(PdfTableGrid.Find(pageNumber, PdfRulings.Read(page), letters, used));
        var lines = PageLines(letters.Where(l => !used.Contains(l)), pageNumber);
        lines.ForEach(ParagraphReflow.JoinListNumber);
        blocks.AddRange(StackWrappedHeaders(lines));
        // Top to bottom; ties (never in practice) by kind, so the order never depends on the sort.
        blocks = [.. blocks.OrderByDescending(b => Math.Round(b.Top, 1)).ThenBy(b => b is PdfTableBlock ? 0 : 1)];
        return new PdfPageContent(pageNumber, page.Width, page.Height, blocks);
    }
}
