using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ReportValidation;
using ReportValidation.Reading;
using ReportValidation.Tests.Reading;

// Usage: FixtureTool <seeds folder> <output folder>
// Writes <seed>.<layout>.<variant>.docx|html for every seed, layout (the seed's own, the official
// template's) and variant (page, columns, footer, borders, digits) that make-fixtures.sh prints.
var seeds = args[0];
var output = Directory.CreateDirectory(args[1]).FullName;
foreach (var path in Directory.EnumerateFiles(seeds, "*.txt").Order(StringComparer.Ordinal))
{
    var id = Path.GetFileName(path)[..3];
    var text = File.ReadAllText(path);
    var report = ReportEngine.Default.Parse(InputDocument.FromText(text));
    var layouts = new Dictionary<string, List<LayoutBlock>>
    {
        ["seed"] = SeedLayout.FromText(text),
        ["template"] = TemplateLayout.FromReport(report),
    };
    foreach (var (layoutName, blocks) in layouts)
    {
        foreach (var variant in FixtureVariant.All.Where(v => layoutName == "seed" || v.Name is "a4-dash" or "a5-narrow"))
        {
            var name = Path.Combine(output, $"{id}.{layoutName}.{variant.Name}");
            var laidOut = variant.FullWidthDigits ? FixtureVariant.WithFullWidthDigits(blocks) : blocks;
            if (variant.Html)
            {
                // The CMS page's tables fit the page's width, as a browser's print would fit them. Word's
                // HTML marks only Latin runs lang=EN-US: a Chinese label so marked is to LibreOffice one
                // English word it never breaks, and table 四's fifteen columns ran off the page's edge.
                var html = ChineseMarkedAsEnglish().Replace(HtmlRendering.Render(laidOut), "<span $1").Replace("<table class=MsoNormalTable border=1 cellspacing=0>",
                    "<table class=MsoNormalTable border=1 cellspacing=0 width=\"100%\" style=\"font-size:9pt\">", StringComparison.Ordinal);
                File.WriteAllText(name + ".html", html, Encoding.UTF8);
            }
            else
            {
                File.WriteAllBytes(name + ".docx", variant.Apply(DocxRendering.Render(laidOut)));
            }
        }
    }
}

internal static partial class Program
{
    /// <summary>A span marked English whose text (up to its end) has a non-ASCII character.</summary>
    [GeneratedRegex(@"<span lang=EN-US (style='[^']*'>)(?=(?:(?!</span>).)*[^\x00-\x7F])", RegexOptions.Singleline)]
    private static partial Regex ChineseMarkedAsEnglish();
}

/// <summary>How a publisher's Word set the page: size, orientation, footer, borders, header rows.</summary>
internal sealed record FixtureVariant(string Name, int PageWidth, int PageHeight, string Footer, bool FullBorders,
    bool RepeatHeader, bool FullWidthDigits = false, bool Html = false)
{
    // Page sizes in twentieths of a point.
    public static readonly FixtureVariant[] All =
    [
        new("a4-dash", 11906, 16838, "- {PAGE} -", FullBorders: true, RepeatHeader: true),
        new("a5-narrow", 8391, 11906, "第 {PAGE} 页", FullBorders: true, RepeatHeader: false, FullWidthDigits: true),
        new("a4-landscape", 16838, 11906, "{PAGE}/{NUMPAGES}", FullBorders: false, RepeatHeader: false),
        new("html", 0, 0, "", FullBorders: true, RepeatHeader: false, Html: true),
    ];

    public byte[] Apply(byte[] docx)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var main = document.MainDocumentPart!;
            var body = main.Document!.Body!;
            foreach (var table in body.Elements<Table>())
            {
                Style(table);
            }
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Right }),
                new Run(new Text("某区人民政府办公室 政府信息公开工作年度报告"))));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(FooterParagraph());
            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight, Orient = PageWidth > PageHeight ? PageOrientationValues.Landscape : PageOrientationValues.Portrait },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1134, Right = 1134, Header = 720, Footer = 720 }));
        }
        return stream.ToArray();
    }

    private Paragraph FooterParagraph()
    {
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        foreach (var part in Footer.Split('{', '}'))
        {
            if (part is "PAGE" or "NUMPAGES")
            {
                paragraph.Append(new SimpleField(new Run(new Text("1"))) { Instruction = $" {part} " });
            }
            else if (part.Length > 0)
            {
                paragraph.Append(new Run(new Text(part) { Space = SpaceProcessingModeValues.Preserve }));
            }
        }
        return paragraph;
    }

    private void Style(Table table)
    {
        var properties = table.GetFirstChild<TableProperties>()!;
        properties.RemoveAllChildren<TableBorders>();
        properties.Append(new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" });
        if (FullBorders)
        {
            properties.Append(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }));
        }
        else
        {
            properties.Append(new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }));
        }
        var rows = table.Elements<TableRow>().ToList();
        if (!RepeatHeader || rows.Count < 10)
        {
            return;
        }
        // The header rows (no figures in them) repeat at the top of every page the table runs onto.
        foreach (var row in rows.TakeWhile(r => !r.InnerText.Any(char.IsAsciiDigit)))
        {
            row.PrependChild(new TableRowProperties(new TableHeader()));
        }
    }

    /// <summary>Figures in table cells in full-width digits, as some publishers type them.</summary>
    public static List<LayoutBlock> WithFullWidthDigits(List<LayoutBlock> blocks) => blocks.Select(b => b is LayoutTable t
        ? new LayoutTable(t.Rows.Select(r => r.Select(c => new LayoutCell(
            c.Text.All(ch => char.IsAsciiDigit(ch) || ch == '.') ? string.Concat(c.Text.Select(ch => char.IsAsciiDigit(ch) ? (char)(ch - '0' + '０') : ch)) : c.Text,
            c.ColSpan, c.RowSpan)).ToList()).ToList())
        : b).ToList();
}
