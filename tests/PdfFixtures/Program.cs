using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ReportValidation;
using ReportValidation.Reading;
using ReportValidation.Tests.Measurement;
using ReportValidation.Tests.Reading;

// Usage: FixtureTool <seeds folder> <output folder>
// Writes <source>.<layout>.<variant>.docx|html for every fixture make-fixtures.sh prints, and beside it
// <source>.<layout>.<variant>.txt: the text the fixture carries, which the tests read the PDF against.
// Sources: the seeds, in their own layout and the official template's; clean reports of the held-out
// measurement's generator (issue 12), both templates, in their own text layout.
var seeds = args[0];
var output = Directory.CreateDirectory(args[1]).FullName;
foreach (var path in Directory.EnumerateFiles(seeds, "*.txt").Order(StringComparer.Ordinal))
{
    var id = Path.GetFileName(path)[..3];
    var text = File.ReadAllText(path);
    var report = ReportEngine.Default.Parse(InputDocument.FromText(text));
    foreach (var variant in FixtureVariant.All.Where(v => v.ForSeeds))
    {
        Write($"{id}.seed.{variant.Name}", SeedLayout.FromText(text), variant);
    }
    foreach (var variant in FixtureVariant.All.Where(v => v.Name is "a4-dash" or "a5-narrow"))
    {
        Write($"{id}.template.{variant.Name}", TemplateLayout.FromReport(report), variant);
    }
}
// Layouts and quirks the seeds lack: the 2019 template, figures in the hundred thousands wrapped in
// narrow columns, long official labels in a narrow label column, full-width digits in the prose's
// dates and period, a traditional-script narrative, the seed 004 template layout with narrow labels.
foreach (var (generatorSeed, variantName) in GeneratedFixtures.All)
{
    var generated = HeldOutReports.Generate(generatorSeed, defect: null);
    Write($"clean-{generatorSeed:0000}.seed.{variantName}", SeedLayout.FromText(generated.Text), FixtureVariant.Named(variantName));
}
Write("004.template.a4-narrow-labels", TemplateLayout.FromReport(ReportEngine.Default.Parse(InputDocument.FromText(
    File.ReadAllText(Directory.EnumerateFiles(seeds, "004_*.txt").Single())))), FixtureVariant.Named("a4-narrow-labels"));

void Write(string fixture, List<LayoutBlock> blocks, FixtureVariant variant)
{
    var name = Path.Combine(output, fixture);
    var laidOut = variant.Digits(blocks);
    File.WriteAllText(name + ".txt", LayoutText.Render(laidOut), new UTF8Encoding(false));
    if (variant.Html)
    {
        // The CMS page's tables fit the page's width, as a browser's print would fit them. Word's HTML
        // marks only Latin runs lang=EN-US: a Chinese label so marked is to LibreOffice one English
        // word it never breaks, and table 四's fifteen columns ran off the page's edge.
        var html = ChineseMarkedAsEnglish().Replace(HtmlRendering.Render(laidOut), "<span $1").Replace("<table class=MsoNormalTable border=1 cellspacing=0>",
            "<table class=MsoNormalTable border=1 cellspacing=0 width=\"100%\" style=\"font-size:9pt\">", StringComparison.Ordinal);
        File.WriteAllText(name + ".html", html, Encoding.UTF8);
    }
    else
    {
        File.WriteAllBytes(name + ".docx", variant.Apply(DocxRendering.Render(laidOut)));
    }
}

/// <summary>The held-out generator's clean reports printed as fixtures: its seed (which picks the template, year, text layout, scale, issuer, period form) and the page setup.</summary>
internal static class GeneratedFixtures
{
    public static readonly (int Seed, string Variant)[] All =
    [
        (14, "a4-dash"),          // 2019 template, pipe rows, ×7
        (24, "a5-narrow"),        // 2019, blank-separated cells, full-width figures in narrow columns
        (16, "a4-landscape"),     // 2019, figures ×101, horizontal rulings only
        (3, "a4-narrow-labels"),  // 2019, "统计时间为2020.1.1-2020.12.31", labels wrapped in a narrow column
        (6, "a5-narrow"),         // 2021, figures ×101: five-digit full-width numbers wrap in their cells
        (13, "a4-narrow-labels"), // 2021, figures ×101, long official labels over many lines
        (8, "a4-landscape"),      // 2021, traditional-script narrative, full-width year in the period
        (106, "a5-fullwidth"),    // 2019, ×101, every digit full-width, prose too: "统计期限为２０２０ 年 １ 月 １ 日至…"
        (123, "html"),            // 2021, the CMS page, traditional script, "统计期限从2024年1月1日到12月31日止"
    ];
}

internal static partial class Program
{
    /// <summary>A span marked English whose text (up to its end) has a non-ASCII character.</summary>
    [GeneratedRegex(@"<span lang=EN-US (style='[^']*'>)(?=(?:(?!</span>).)*[^\x00-\x7F])", RegexOptions.Singleline)]
    private static partial Regex ChineseMarkedAsEnglish();
}

/// <summary>How a publisher's Word set the page: size, orientation, footer, borders, header rows.</summary>
internal sealed record FixtureVariant(string Name, int PageWidth, int PageHeight, string Footer, bool FullBorders,
    bool RepeatHeader, bool FullWidthDigits = false, bool Html = false, bool ForSeeds = true, bool NarrowLabels = false,
    bool FullWidthProse = false)
{
    // Page sizes in twentieths of a point.
    public static readonly FixtureVariant[] All =
    [
        new("a4-dash", 11906, 16838, "- {PAGE} -", FullBorders: true, RepeatHeader: true),
        new("a5-narrow", 8391, 11906, "第 {PAGE} 页", FullBorders: true, RepeatHeader: false, FullWidthDigits: true),
        new("a4-landscape", 16838, 11906, "{PAGE}/{NUMPAGES}", FullBorders: false, RepeatHeader: false),
        new("html", 0, 0, "", FullBorders: true, RepeatHeader: false, Html: true),
        new("a4-narrow-labels", 11906, 16838, "第 {PAGE} 页", FullBorders: true, RepeatHeader: true, ForSeeds: false, NarrowLabels: true),
        new("a5-fullwidth", 8391, 11906, "{PAGE}/{NUMPAGES}", FullBorders: true, RepeatHeader: true, FullWidthDigits: true, ForSeeds: false, FullWidthProse: true),
    ];

    public static FixtureVariant Named(string name) => All.Single(v => v.Name == name);

    /// <summary>The blocks with this variant's full-width digits: the tables' figures, and the prose's too when it says so.</summary>
    public List<LayoutBlock> Digits(List<LayoutBlock> blocks)
    {
        var laidOut = FullWidthDigits ? WithFullWidthDigits(blocks) : blocks;
        return FullWidthProse ? laidOut.Select(b => b is LayoutParagraph p ? new LayoutParagraph(FullWidth(p.Text)) : b).ToList() : laidOut;
    }

    private static string FullWidth(string text) => string.Concat(text.Select(ch => char.IsAsciiDigit(ch) ? (char)(ch - '0' + '０') : ch));

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
        if (NarrowLabels)
        {
            // A label column a third of a figure column's width: long labels wrap over many lines.
            properties.Append(new TableLayout { Type = TableLayoutValues.Fixed });
            var columns = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().ToList();
            foreach (var column in columns)
            {
                column.Width = column == columns[0] ? "400" : "1200";
            }
        }
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
            c.Text.All(ch => char.IsAsciiDigit(ch) || ch == '.') ? FullWidth(c.Text) : c.Text,
            c.ColSpan, c.RowSpan)).ToList()).ToList())
        : b).ToList();
}
