using System.Text.RegularExpressions;

namespace ReportValidation.Reading.Pdf;

/// <summary>
/// Page furniture: what the printer repeats on every page around the body. A page number ("- 2 -",
/// "第2页", "2/5", "第 2 页 共 5 页") as the page's first or last line in its top or bottom margin,
/// centred or at the same height as on other pages;
/// a running header or footer: a line in the margin that comes back at the same height on other pages
/// (its page number aside). Tables are never furniture.
/// </summary>
internal static partial class PdfPageFurniture
{
    private const double MarginBand = 0.12;
    private const double SameHeight = 4;

    public static void Remove(List<PdfPageContent> pages)
    {
        // A running header is a line or two of text, never a row of figures (a table row at the top of
        // every page a long table runs over repeats its shape, not its text).
        var marginLines = pages.SelectMany(p => p.Blocks.OfType<PdfTextLine>().Where(l => l.Cells.Count <= 2 && InMargin(l, p))
            .Select(l => (Page: p.Number, Line: l, Key: Regex.Replace(Compact(l.Text), @"\d+", "#")))).ToList();
        var repeated = marginLines
            .Where(m => marginLines.Any(o => o.Page != m.Page && o.Key == m.Key && Math.Abs(o.Line.Y - m.Line.Y) <= SameHeight))
            .Select(m => m.Line).ToHashSet();
        var numbered = NumberedPages(pages);
        foreach (var page in pages)
        {
            // A page number that counts the pages needs no more evidence; one alone must be centred
            // and set apart from the body.
            page.Blocks.RemoveAll(b => b is PdfTextLine line && InMargin(line, page)
                && (PageNumber().IsMatch(Compact(line.Text))
                    ? numbered.Contains(line) || (IsEdge(line, page) && Centred(line, page) && Apart(line, page.Blocks))
                    : repeated.Contains(line) && line.Text.Any(char.IsLetter) && Apart(line, page.Blocks)));
        }
    }

    private static bool IsEdge(PdfTextLine line, PdfPageContent page) =>
        page.Blocks.Count > 0 && (ReferenceEquals(page.Blocks[0], line) || ReferenceEquals(page.Blocks[^1], line));

    /// <summary>
    /// Page numbers that count the pages: the first or last line of a page, its number the page's
    /// number plus the same offset, at the same height, on at least half the pages (a "1" and a "2"
    /// that happen to end two pages of figures do not count them).
    /// </summary>
    private static HashSet<PdfTextLine> NumberedPages(List<PdfPageContent> pages)
    {
        var candidates = new List<(PdfTextLine Line, int Offset)>();
        foreach (var page in pages)
        {
            foreach (var line in page.Blocks.OfType<PdfTextLine>().Where(l => IsEdge(l, page) && InMargin(l, page)))
            {
                var text = Compact(line.Text);
                if (PageNumber().IsMatch(text) && int.TryParse(Regex.Match(text, @"\d+").Value, out var number))
                {
                    candidates.Add((line, number - page.Number));
                }
            }
        }
        // Printed page numbers sit at one height and number most pages.
        var needed = Math.Max(2, (pages.Count + 1) / 2);
        return candidates.GroupBy(c => (c.Offset, Height: Math.Round(c.Line.Y / SameHeight)))
            .Where(g => g.Count() >= needed).SelectMany(g => g.Select(c => c.Line)).ToHashSet();
    }

    /// <summary>
    /// Furniture sits apart from the body, three lines and more: a "0" alone on the last
    /// line of a page of one-cell lines is a value, not a page number.
    /// </summary>
    private static bool Apart(PdfTextLine line, List<PdfBlock> blocks)
    {
        var index = blocks.IndexOf(line);
        foreach (var neighbour in new[] { index - 1, index + 1 })
        {
            if (neighbour >= 0 && neighbour < blocks.Count && blocks[neighbour] is PdfTextLine other
                && Math.Abs(other.Y - line.Y) < Math.Max(other.Size, line.Size) * 3)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A page number alone on one page counts only centred: a value at the foot of a table is not.</summary>
    private static bool Centred(PdfTextLine line, PdfPageContent page) =>
        Math.Abs((line.Left + line.Right) / 2 - page.Width / 2) < page.Width * 0.1;

    private static bool InMargin(PdfTextLine line, PdfPageContent page) =>
        page.Height > 0 && (line.Y < page.Height * MarginBand || line.Y > page.Height * (1 - MarginBand));

    private static string Compact(string text) => Regex.Replace(text, @"\s+", "");

    [GeneratedRegex(@"^[\-—–－]*(第)?(\d+|[０-９]+)页?([/／]\d+|共\d+页)?[\-—–－]*$")]
    private static partial Regex PageNumber();
}
