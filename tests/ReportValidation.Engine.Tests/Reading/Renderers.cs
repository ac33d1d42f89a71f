using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace ReportValidation.Tests.Reading;

/// <summary>
/// A seed's layout as a CMS page: navigation, breadcrumb, the title in an h1 outside the article,
/// paragraphs indented with &amp;nbsp;, Word-style cells (p.MsoNormal, spans, o:p), labels broken with
/// &lt;br&gt;, real colspan/rowspan, then a footer and share buttons.
/// </summary>
internal static class HtmlRendering
{
    public static string Render(List<LayoutBlock> blocks, string charsetMeta = "utf-8")
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head>");
        if (charsetMeta.Length > 0)
        {
            html.Append("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=").Append(charsetMeta).Append("\">");
        }
        html.Append("<title>政府信息公开_某区人民政府</title><style>td{border:1px solid}</style><script>var nav='主动公开 行政复议';</script></head>\n<body>\n");
        html.Append("<div class=\"top\"><nav><a href=\"/\">首页</a> <a href=\"/zwgk\">政务公开</a> <a>主动公开</a> <a>行政复议</a> <a>总体情况</a></nav>\n");
        html.Append("<div class=\"crumb\">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div></div>\n<div class=\"main\">\n");
        var start = 0;
        if (blocks.Count > 0 && blocks[0] is LayoutParagraph title && title.Text.Contains("报告", StringComparison.Ordinal))
        {
            html.Append("<h1 class=\"title\">").Append(WebUtility.HtmlEncode(title.Text)).Append("</h1>\n");
            start = 1;
        }
        html.Append("<div class=\"info\"><span>来源：本站</span></div>\n<div class=\"article\"><div class=\"TRS_Editor\">\n");
        for (var i = start; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case LayoutParagraph p:
                    html.Append("<p class=MsoNormal style='text-indent:2em'>&nbsp;&nbsp;<span style='font-family:仿宋'>")
                        .Append(WebUtility.HtmlEncode(p.Text)).Append("</span></p>\n");
                    break;
                case LayoutTable t:
                    html.Append("<table class=MsoNormalTable border=1 cellspacing=0><tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var cell in row)
                        {
                            html.Append("<td");
                            if (cell.ColSpan > 1)
                            {
                                html.Append(" colspan=").Append(cell.ColSpan);
                            }
                            if (cell.RowSpan > 1)
                            {
                                html.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
                            }
                            html.Append("><p class=MsoNormal align=center><span lang=EN-US style='font-size:10.5pt'>");
                            // A space in a seed label is where the publisher's cell broke the line.
                            html.Append(string.Join("<br>\n", cell.Text.Split(' ').Select(WebUtility.HtmlEncode)));
                            html.Append("<o:p></o:p></span></p></td>");
                        }
                        html.Append("</tr>\n");
                    }
                    html.Append("</tbody></table>\n");
                    break;
            }
        }
        html.Append("</div></div></div>\n<footer><p>主办单位：某区人民政府办公室 版权所有</p></footer>\n");
        html.Append("<div class=\"share\"><button>分享到微信</button><a>打印本页</a><a>关闭窗口</a></div>\n</body></html>\n");
        return html.ToString();
    }
}

/// <summary>
/// A seed's layout as a Word document: section headings 一、…六、 as automatic numbering (the
/// ordinal is not in the text), tables with gridSpan and vMerge, labels broken into paragraphs.
/// </summary>
internal static partial class DocxRendering
{
    private static readonly string[] Ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

    public static byte[] Render(List<LayoutBlock> blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(
                    new Level(
                        new StartNumberingValue { Val = 1 },
                        new NumberingFormat { Val = NumberFormatValues.ChineseCounting },
                        new LevelText { Val = "%1、" })
                    { LevelIndex = 0 })
                { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            var body = new Body();
            var next = 0;
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case LayoutParagraph p:
                        var heading = SectionHeading().Match(p.Text);
                        if (heading.Success && next < Ordinals.Length && heading.Groups[1].Value == Ordinals[next])
                        {
                            next++;
                            body.Append(new Paragraph(
                                new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
                                TextRun(heading.Groups[2].Value)));
                        }
                        else
                        {
                            body.Append(new Paragraph(TextRun(p.Text)));
                        }
                        break;
                    case LayoutTable t:
                        body.Append(Table(t));
                        body.Append(new Paragraph());
                        break;
                }
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    [GeneratedRegex(@"^([一二三四五六七八九])、(.+)$")]
    private static partial Regex SectionHeading();

    private static Run TextRun(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Table Table(LayoutTable layout)
    {
        var (placed, width, covered) = layout.Place();
        var table = new Table(new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single }, new InsideHorizontalBorder { Val = BorderValues.Single })));
        var grid = new TableGrid();
        for (var c = 0; c < width; c++)
        {
            grid.Append(new GridColumn { Width = "800" });
        }
        table.Append(grid);
        for (var r = 0; r < placed.Count; r++)
        {
            var row = new TableRow();
            var byColumn = placed[r].ToDictionary(p => p.Column, p => p.Cell);
            var col = 0;
            TableCell? last = null;
            while (col < width)
            {
                if (byColumn.TryGetValue(col, out var cell))
                {
                    var properties = new TableCellProperties();
                    if (cell.ColSpan > 1)
                    {
                        properties.Append(new GridSpan { Val = cell.ColSpan });
                    }
                    if (cell.RowSpan > 1)
                    {
                        properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
                    }
                    last = new TableCell(properties);
                    foreach (var part in cell.Text.Split(' '))
                    {
                        last.Append(new Paragraph(TextRun(part)));
                    }
                    row.Append(last);
                    col += cell.ColSpan;
                }
                else if (covered[r, col])
                {
                    // The continuation of a merged cell above: Word writes it, empty, with vMerge.
                    var span = 1;
                    while (col + span < width && covered[r, col + span] && !byColumn.ContainsKey(col + span))
                    {
                        span++;
                    }
                    var properties = new TableCellProperties(new VerticalMerge());
                    if (span > 1)
                    {
                        properties.PrependChild(new GridSpan { Val = span });
                    }
                    row.Append(new TableCell(properties, new Paragraph()));
                    last = null;
                    col += span;
                }
                else if (last is not null)
                {
                    // The seed's row is shorter than the table: its last cell spans the rest.
                    var properties = last.TableCellProperties!;
                    var span = properties.GetFirstChild<GridSpan>();
                    if (span is null)
                    {
                        properties.PrependChild(new GridSpan { Val = 2 });
                    }
                    else
                    {
                        span.Val = span.Val!.Value + 1;
                    }
                    col++;
                }
                else
                {
                    row.Append(new TableCell(new Paragraph()));
                    col++;
                }
            }
            table.Append(row);
        }
        return table;
    }
}

/// <summary>
/// A seed's layout as a PDF with a CJK TrueType font from Debian's fonts-arphic-gbsn00lp: paragraphs
/// wrapped to the page width, table cells at their grid columns (a rowspan label in its first
/// row), tables running over page breaks.
/// </summary>
internal static class PdfRendering
{
    public const string FontPath = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";
    // AR PL SungtiL GB (fonts-arphic-gbsn00lp) for CJK; ASCII and Latin punctuation from DejaVu (fonts-dejavu-core).
    public const string LatinFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private const double Margin = 40;
    private const double PageWidth = 595;
    private const double PageHeight = 842;

    public static byte[] Render(List<LayoutBlock> blocks)
    {
        var builder = new PdfDocumentBuilder();
        var writer = new PageWriter(builder);
        foreach (var block in blocks)
        {
            switch (block)
            {
                case LayoutParagraph p:
                    writer.Paragraph(p.Text, 10);
                    break;
                case LayoutTable t:
                    writer.Table(t);
                    break;
            }
        }
        return builder.Build();
    }

    internal sealed class PageWriter(PdfDocumentBuilder builder)
    {
        private static readonly byte[] CjkFont = File.ReadAllBytes(FontPath);
        private readonly PdfDocumentBuilder.AddedFont _latin = builder.AddTrueTypeFont(File.ReadAllBytes(LatinFontPath));
        // PdfPig writes simple TrueType fonts, which address at most 255 characters: another copy of
        // the font takes the next 255.
        private readonly List<(PdfDocumentBuilder.AddedFont Font, HashSet<char> Chars)> _cjk = [];

        private PdfDocumentBuilder.AddedFont CjkFor(char c)
        {
            foreach (var (font, chars) in _cjk)
            {
                if (chars.Contains(c))
                {
                    return font;
                }
            }
            if (_cjk.Count == 0 || _cjk[^1].Chars.Count >= 250)
            {
                _cjk.Add((builder.AddTrueTypeFont(CjkFont), []));
            }
            _cjk[^1].Chars.Add(c);
            return _cjk[^1].Font;
        }

        private PdfPageBuilder? _page;
        private double _y;

        public PdfPageBuilder Page => _page ?? NewPage();

        public PdfPageBuilder NewPage()
        {
            _page = builder.AddPage(PageWidth, PageHeight);
            _y = PageHeight - Margin;
            return _page;
        }

        public double Width(string text, double size) => Draw(text, size, 0, 0, measureOnly: true);

        /// <summary>Writes (or measures) text in runs of one font each; returns the width.</summary>
        private double Draw(string text, double size, double x, double y, bool measureOnly)
        {
            var start = x;
            var i = 0;
            while (i < text.Length)
            {
                var latin = text[i] < '\u2E80';
                var font = latin ? _latin : CjkFor(text[i]);
                var j = i + 1;
                while (j < text.Length && (text[j] < '\u2E80') == latin && (latin || Equals(CjkFor(text[j]), font)))
                {
                    j++;
                }
                var run = text[i..j];
                var letters = measureOnly
                    ? Page.MeasureText(run, size, new PdfPoint(x, y), font)
                    : Page.AddText(run, size, new PdfPoint(x, y), font);
                if (letters.Count > 0)
                {
                    x = letters[^1].EndBaseLine.X;
                }
                i = j;
            }
            return x - start;
        }

        /// <summary>Moves down by the line's height, breaking the page when it would run off.</summary>
        public double Advance(double height)
        {
            if (_page is null || _y - height < Margin)
            {
                NewPage();
            }
            _y -= height;
            return _y;
        }

        public void Text(string text, double size, double x, double y)
        {
            if (text.Length > 0)
            {
                Draw(text, size, x, y, measureOnly: false);
            }
        }

        public void Paragraph(string text, double size)
        {
            var available = PageWidth - 2 * Margin;
            var line = new StringBuilder();
            foreach (var ch in text)
            {
                line.Append(ch);
                if (Width(line.ToString(), size) > available)
                {
                    line.Length--;
                    Text(line.ToString(), size, Margin, Advance(size * 1.5));
                    line.Clear().Append(ch);
                }
            }
            if (line.Length > 0)
            {
                Text(line.ToString(), size, Margin, Advance(size * 1.5));
            }
        }

        public void Table(LayoutTable table)
        {
            var (placed, width, _) = table.Place();
            const double size = 7;
            var gap = size * 2;
            var columns = new double[width];
            foreach (var row in placed)
            {
                foreach (var (cell, col) in row)
                {
                    if (cell.ColSpan == 1)
                    {
                        columns[col] = Math.Max(columns[col], Width(cell.Text, size) + gap);
                    }
                }
            }
            foreach (var row in placed)
            {
                foreach (var (cell, col) in row)
                {
                    var spanned = 0.0;
                    for (var c = col; c < col + cell.ColSpan && c < width; c++)
                    {
                        spanned += columns[c];
                    }
                    var needed = Width(cell.Text, size) + gap;
                    if (spanned < needed)
                    {
                        columns[Math.Min(col + cell.ColSpan, width) - 1] += needed - spanned;
                    }
                }
            }
            var total = columns.Sum();
            var scale = Math.Min(1.0, (PageWidth - 2 * Margin) / total);
            var fontSize = size * scale;
            var lefts = new double[width];
            for (var c = 1; c < width; c++)
            {
                lefts[c] = lefts[c - 1] + columns[c - 1] * scale;
            }
            foreach (var row in placed)
            {
                var y = Advance(fontSize * 2.4);
                foreach (var (cell, col) in row)
                {
                    Text(cell.Text, fontSize, Margin + lefts[col], y);
                }
            }
            Advance(fontSize);
        }
    }
}
