using System.Text;
using ReportValidation.Reading;
using ReportValidation.Tests.Parsing;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading;

/// <summary>Each seed, rendered as a publisher would publish it, reads to what its text version reads to.</summary>
public class SeedFormatTests
{
    public static IEnumerable<object[]> SeedNames() => GridTexts.SeedIds();

    private static SourceDocument ReadText(string seed) => DocumentReader.Read(InputDocument.FromText(ReportValidation.Tests.Seeds.Text(seed)));

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Html_rendering_reads_the_same_cells_as_the_text(string seed)
    {
        var document = DocumentReader.Read(Render(seed, "html"));
        Assert.Equal(SourceFormat.Html, document.Format);
        Assert.Equal(GridTexts.CellTexts(ReadText(seed)), GridTexts.CellTexts(document));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Docx_rendering_reads_the_same_cells_as_the_text(string seed)
    {
        var document = DocumentReader.Read(new InputDocument(Rendered(seed, "docx"), FileName: "report.docx"));
        Assert.Equal(SourceFormat.Docx, document.Format);
        Assert.Equal(GridTexts.CellTexts(ReadText(seed)), GridTexts.CellTexts(document));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Pdf_rendering_reads_the_same_text_as_the_text(string seed)
    {
        var document = DocumentReader.Read(new InputDocument(Rendered(seed, "pdf")));
        Assert.Equal(SourceFormat.Pdf, document.Format);
        Assert.Equal(string.Concat(GridTexts.CellTexts(ReadText(seed))), string.Concat(GridTexts.CellTexts(document)));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Pdf_rendering_keeps_every_table_row_as_one_line_of_cells(string seed)
    {
        var layout = SeedLayout.FromText(ReportValidation.Tests.Seeds.Text(seed));
        var lines = DocumentReader.Read(new InputDocument(Rendered(seed, "pdf"))).Lines
            .Select(l => string.Join(" | ", l.Cells.Select(c => GridTexts.Compact(c.Text)).Where(t => t.Length > 0))).ToHashSet();
        var rows = layout.OfType<LayoutTable>().SelectMany(t => t.Rows)
            .Select(r => string.Join(" | ", r.Select(c => GridTexts.Compact(c.Text)).Where(t => t.Length > 0)))
            .Where(r => r.Contains(" | ", StringComparison.Ordinal)).ToList();
        Assert.All(rows, row => Assert.Contains(row, lines));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Cell_offsets_point_at_the_cell_text_in_every_format(string seed)
    {
        var documents = new[] { "html", "docx", "pdf" }.Select(f => DocumentReader.Read(Render(seed, f)));
        foreach (var document in documents)
        {
            foreach (var line in document.Lines)
            {
                Assert.Equal(line.Text, document.Text[line.Start..line.End]);
                Assert.All(line.Cells, c => Assert.Equal(c.Text, document.Text[c.Start..c.End]));
                Assert.All(line.Cells, c => Assert.NotEqual("", c.Container));
            }
        }
    }

    [Theory]
    [MemberData(nameof(SeedsAndFormats))]
    public void Findings_of_a_rendering_point_into_the_text_its_report_carries(string seed, string format)
    {
        var result = ReportEngine.Default.Validate(Render(seed, format));
        var text = result.Report.ExtractedText;
        var lines = text.Split('\n');

        Assert.NotEqual("", text);
        foreach (var location in result.Findings.Select(f => f.Location).Where(l => l.Line > 0))
        {
            Assert.InRange(location.Line, 1, lines.Length);
            if (location.EndOffset > location.StartOffset)
            {
                Assert.InRange(location.EndOffset, location.StartOffset, text.Length);
                Assert.Contains(text[location.StartOffset..location.EndOffset], lines[location.Line - 1]);
            }
        }
    }

    [Fact]
    public void Plain_text_reports_do_not_repeat_the_text()
    {
        var report = ReportEngine.Default.Parse(InputDocument.FromText(ReportValidation.Tests.Seeds.Text("004")));

        Assert.Equal("", report.ExtractedText);
    }

    public static IEnumerable<object[]> SeedsAndFormats() =>
        from id in ReportValidation.Tests.Seeds.Ids
        from format in new[] { "html", "docx", "pdf" }
        select new object[] { id, format };

    // Rendering a seed as PDF takes a while: each rendering is made once for all the tests.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), Lazy<byte[]>> Renderings = new();

    private static byte[] Rendered(string seed, string format) => Renderings.GetOrAdd((seed, format), key => new Lazy<byte[]>(() =>
    {
        var layout = SeedLayout.FromText(ReportValidation.Tests.Seeds.Text(key.Item1));
        return key.Item2 switch
        {
            "html" => Encoding.UTF8.GetBytes(HtmlRendering.Render(layout)),
            "docx" => DocxRendering.Render(layout),
            _ => PdfRendering.Render(layout),
        };
    })).Value;

    private static InputDocument Render(string seed, string format) => format switch
    {
        "html" => new InputDocument(Rendered(seed, format), "text/html"),
        "docx" => new InputDocument(Rendered(seed, format), FileName: "report.docx"),
        _ => new InputDocument(Rendered(seed, format), "application/pdf"),
    };

    [Theory]
    [MemberData(nameof(SeedsAndFormats))]
    public void Rendering_parses_to_the_same_tables_as_the_text(string seed, string format)
    {
        var expected = ReportEngine.Default.Parse(InputDocument.FromText(ReportValidation.Tests.Seeds.Text(seed)));
        var actual = ReportEngine.Default.Parse(Render(seed, format));
        // The comparison means something only when the text version has numbers in its tables.
        Assert.Matches("[0-9]", TableText.ActiveDisclosure(expected.ActiveDisclosure) + TableText.Applications(expected.Applications));
        Assert.Equal(TableText.ActiveDisclosure(expected.ActiveDisclosure), TableText.ActiveDisclosure(actual.ActiveDisclosure));
        Assert.Equal(TableText.Applications(expected.Applications), TableText.Applications(actual.Applications));
        Assert.Equal(TableText.ReviewLitigation(expected.ReviewLitigation), TableText.ReviewLitigation(actual.ReviewLitigation));
    }

    [Theory]
    [MemberData(nameof(SeedsAndFormats))]
    public void Rendering_parses_to_the_same_year_and_sections_as_the_text(string seed, string format)
    {
        var expected = ReportEngine.Default.Parse(InputDocument.FromText(ReportValidation.Tests.Seeds.Text(seed)));
        var actual = ReportEngine.Default.Parse(Render(seed, format));
        Assert.Equal(expected.Year, actual.Year);
        Assert.Equal(expected.Sections.Select(s => $"{s.Ordinal} {GridTexts.Compact(s.Heading)}"), actual.Sections.Select(s => $"{s.Ordinal} {GridTexts.Compact(s.Heading)}"));
        Assert.Equal(expected.TemplateVersion, actual.TemplateVersion);
    }
}
