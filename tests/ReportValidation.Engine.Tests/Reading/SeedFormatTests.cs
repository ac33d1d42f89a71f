using System.Text;
using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading;

/// <summary>Each seed, rendered as a publisher would publish it, reads to what its text version reads to.</summary>
public class SeedFormatTests
{
    public static IEnumerable<object[]> SeedNames() => Seeds.Names();

    private static SourceDocument ReadText(string seed) => DocumentReader.Read(InputDocument.FromText(Seeds.Text(seed)));

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Html_rendering_reads_the_same_cells_as_the_text(string seed)
    {
        var html = HtmlRendering.Render(SeedLayout.FromText(Seeds.Text(seed)));
        var document = DocumentReader.Read(new InputDocument(Encoding.UTF8.GetBytes(html), "text/html"));
        Assert.Equal(SourceFormat.Html, document.Format);
        Assert.Equal(Seeds.CellTexts(ReadText(seed)), Seeds.CellTexts(document));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Docx_rendering_reads_the_same_cells_as_the_text(string seed)
    {
        var docx = DocxRendering.Render(SeedLayout.FromText(Seeds.Text(seed)));
        var document = DocumentReader.Read(new InputDocument(docx, FileName: "report.docx"));
        Assert.Equal(SourceFormat.Docx, document.Format);
        Assert.Equal(Seeds.CellTexts(ReadText(seed)), Seeds.CellTexts(document));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Pdf_rendering_reads_the_same_text_as_the_text(string seed)
    {
        var pdf = PdfRendering.Render(SeedLayout.FromText(Seeds.Text(seed)));
        var document = DocumentReader.Read(new InputDocument(pdf));
        Assert.Equal(SourceFormat.Pdf, document.Format);
        Assert.Equal(string.Concat(Seeds.CellTexts(ReadText(seed))), string.Concat(Seeds.CellTexts(document)));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Pdf_rendering_keeps_every_table_row_as_one_line_of_cells(string seed)
    {
        var layout = SeedLayout.FromText(Seeds.Text(seed));
        var pdf = PdfRendering.Render(layout);
        var lines = DocumentReader.Read(new InputDocument(pdf)).Lines
            .Select(l => string.Join(" | ", l.Cells.Select(c => Seeds.Compact(c.Text)).Where(t => t.Length > 0))).ToHashSet();
        var rows = layout.OfType<LayoutTable>().SelectMany(t => t.Rows)
            .Select(r => string.Join(" | ", r.Select(c => Seeds.Compact(c.Text)).Where(t => t.Length > 0)))
            .Where(r => r.Contains(" | ", StringComparison.Ordinal)).ToList();
        Assert.All(rows, row => Assert.Contains(row, lines));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Cell_offsets_point_at_the_cell_text_in_every_format(string seed)
    {
        var layout = SeedLayout.FromText(Seeds.Text(seed));
        var documents = new[]
        {
            DocumentReader.Read(new InputDocument(Encoding.UTF8.GetBytes(HtmlRendering.Render(layout)), "text/html")),
            DocumentReader.Read(new InputDocument(DocxRendering.Render(layout))),
            DocumentReader.Read(new InputDocument(PdfRendering.Render(layout))),
        };
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
}
