using System.Text.RegularExpressions;

namespace ReportValidation.Reading.Pdf;

/// <summary>
/// Paragraph lines the layout wrapped, joined back into one: a one-cell line that runs to the right
/// edge of the text continues on the next one-cell line when that line is set the usual line
/// spacing below (or opens the next page) in the same type size and does not start left of the text.
/// A line the author ended (short of the edge) stays a line, so headings and list items keep theirs.
/// </summary>
internal static partial class ParagraphReflow
{
    public static List<PdfBlock> Join(List<PdfPageContent> pages)
    {
        // The text area: where the document's paragraph lines start, and the right edge most full
        // lines run to (justified lines end there; a line a wide glyph pushed past it is no measure).
        var lines = pages.SelectMany(p => p.Blocks).OfType<PdfTextLine>().Where(l => l.Cells.Count == 1).ToList();
        var edges = lines.Count == 0 ? (Left: 0.0, Right: 0.0) : (Left: lines.Min(l => l.Left), Right: RightEdge(lines, pages[0].Width - lines.Min(l => l.Left)));
        JoinTitle(pages, lines);
        var result = new List<PdfBlock>();
        PdfTextLine? open = null;
        PdfTextLine? last = null;
        foreach (var block in pages.SelectMany(p => p.Blocks))
        {
            if (block is PdfTextLine line && open is not null && last is not null && Continues(last, line, edges))
            {
                var joined = PdfText.JoinWrapped(open.Cells[0].Text.ToString(), line.Cells[0].Text.ToString());
                open.Cells[0].Text.Clear().Append(joined);
                last = line;
                continue;
            }
            result.Add(block);
            open = block is PdfTextLine { Cells.Count: 1 } single ? single : null;
            last = open;
        }
        return result;
    }

    /// <summary>
    /// The title: the first lines of the first page in one type size larger than the body's, set a
    /// line apart, centred or not (a CMS page prints its h1 flush left, under the site's navigation).
    /// Authors break a long title where it looks balanced, not where it ends.
    /// </summary>
    private static void JoinTitle(List<PdfPageContent> pages, List<PdfTextLine> lines)
    {
        if (pages.Count == 0 || lines.Count == 0)
        {
            return;
        }
        var body = lines.GroupBy(l => Math.Round(l.Size)).OrderByDescending(g => g.Count()).First().Key;
        var blocks = pages[0].Blocks;
        bool IsTitleLine(int i) => i < blocks.Count && blocks[i] is PdfTextLine { Cells.Count: 1 } l && l.Size > body * 1.15;
        var first = Enumerable.Range(0, Math.Min(blocks.Count, TitleSearchLines)).FirstOrDefault(IsTitleLine, -1);
        if (first < 0)
        {
            return;
        }
        var title = (PdfTextLine)blocks[first];
        while (IsTitleLine(first + 1) && blocks[first + 1] is PdfTextLine next && Math.Abs(next.Size - title.Size) < title.Size * 0.1
            && title.Y - next.Y <= title.Size * 2.2 && !Heading().IsMatch(next.Cells[0].Text.ToString()))
        {
            var joined = PdfText.JoinWrapped(title.Cells[0].Text.ToString(), next.Cells[0].Text.ToString());
            title.Cells[0].Text.Clear().Append(joined);
            blocks.RemoveAt(first + 1);
        }
    }

    // The title comes before the body, after at most a site's navigation and breadcrumb.
    private const int TitleSearchLines = 6;

    /// <summary>
    /// The right edge full lines reach: the most common right end among lines of ten characters or
    /// more that end within two characters of the longest (justified lines end on the edge, hanging
    /// punctuation or a wide glyph pushes a line past it), when at least two share it; or, in a report
    /// with one wrapped paragraph, the longest line's end when it meets the margin mirrored from the
    /// left one (<paramref name="mirroredMargin"/>). Short lines that happen to end together (a title
    /// and a list item) are no edge; without one there is nothing to tell a wrap by, and nothing joins.
    /// </summary>
    private static double RightEdge(List<PdfTextLine> lines, double mirroredMargin)
    {
        var candidates = lines.Where(l => l.Cells[0].Text.Length >= 10).ToList();
        if (candidates.Count == 0)
        {
            return double.PositiveInfinity;
        }
        var size = candidates.GroupBy(l => Math.Round(l.Size)).OrderByDescending(g => g.Count()).First().Key;
        var longest = candidates.Max(l => l.Right);
        var edge = candidates.Where(l => l.Right >= longest - size * 2).GroupBy(l => Math.Round(l.Right))
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
        if (edge.Count() >= 2)
        {
            return edge.Key;
        }
        return Math.Abs(longest - mirroredMargin) <= size * 2 ? longest : double.PositiveInfinity;
    }

    private static bool Continues(PdfTextLine previous, PdfTextLine line, (double Left, double Right) edges)
    {
        if (line.Cells.Count != 1 || Math.Abs(line.Size - previous.Size) > previous.Size * 0.1 || Heading().IsMatch(line.Cells[0].Text.ToString()))
        {
            return false;
        }
        if (previous.Right < edges.Right - previous.Size * 1.5 || line.Left < edges.Left - line.Size * 0.5)
        {
            return false;
        }
        return line.Page == previous.Page
            ? previous.Y - line.Y is var gap && gap > 0 && gap <= previous.Size * 2.2
            : line.Page == previous.Page + 1;
    }

    /// <summary>A numbered heading or list item ("二、", "（三）", "1.", "2、") always starts a line of its own.</summary>
    [GeneratedRegex(@"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")]
    private static partial Regex Heading();

    /// <summary>
    /// A heading numbered by the word processor ("一、", "（二）") sets a tab between the number and
    /// the words; the gap is layout, not a cell boundary.
    /// </summary>
    public static void JoinListNumber(PdfTextLine line)
    {
        if (line.Cells.Count == 2 && ListNumber().IsMatch(line.Cells[0].Text.ToString()))
        {
            line.Cells[0].Text.Append(line.Cells[1].Text);
            line.Cells[0].Right = line.Cells[1].Right;
            line.Cells.RemoveAt(1);
        }
    }

    [GeneratedRegex(@"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*$")]
    private static partial Regex ListNumber();
}
