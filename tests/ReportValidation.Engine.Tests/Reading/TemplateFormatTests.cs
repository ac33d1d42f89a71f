using System.Text;
using ReportValidation.Reading;
using ReportValidation.Tests.Parsing;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading;

/// <summary>
/// Each seed's report laid out as the official template (real rowspans and colspans, table 四's
/// three header rows) and published as HTML, Word and PDF parses to the tables its text gives.
/// </summary>
public class TemplateFormatTests
{
    public static IEnumerable<object[]> SeedsAndFormats() =>
        from id in ReportValidation.Tests.Seeds.Ids
        from format in new[] { "html", "docx", "pdf" }
        select new object[] { id, format };

    private static InputDocument Publish(List<LayoutBlock> layout, string format) => format switch
    {
        "html" => new InputDocument(Encoding.UTF8.GetBytes(HtmlRendering.Render(layout)), "text/html"),
        "docx" => new InputDocument(DocxRendering.Render(layout), FileName: "report.docx"),
        _ => new InputDocument(PdfRendering.Render(layout), "application/pdf"),
    };

    [Theory]
    [MemberData(nameof(SeedsAndFormats))]
    public void The_template_layout_parses_to_the_same_tables_as_the_text(string seed, string format)
    {
        var expected = ReportEngine.Default.Parse(InputDocument.FromText(ReportValidation.Tests.Seeds.Text(seed)));
        var layout = TemplateLayout.FromReport(expected);
        Assert.Contains(layout.OfType<LayoutTable>().SelectMany(t => t.Rows).SelectMany(r => r), c => c.RowSpan > 1);
        var actual = ReportEngine.Default.Parse(Publish(layout, format));
        Assert.Equal(TableText.ActiveDisclosure(expected.ActiveDisclosure), TableText.ActiveDisclosure(actual.ActiveDisclosure));
        Assert.Equal(TableText.Applications(expected.Applications), TableText.Applications(actual.Applications));
        Assert.Equal(TableText.ReviewLitigation(expected.ReviewLitigation), TableText.ReviewLitigation(actual.ReviewLitigation));
        Assert.Equal(expected.TemplateVersion, actual.TemplateVersion);
    }

    [Fact]
    public void A_rowspan_group_label_reads_beside_its_first_row_only()
    {
        var report = ReportEngine.Default.Parse(InputDocument.FromText(ReportValidation.Tests.Seeds.Text("004")));
        var html = HtmlRendering.Render(TemplateLayout.FromReport(report));
        var document = DocumentReader.Read(new InputDocument(Encoding.UTF8.GetBytes(html), "text/html"));
        var rows = document.Lines.Where(l => l.IsRow).Select(l => l.Cells.Select(c => c.Text).ToList()).ToList();
        var first = rows.Single(r => r.Any(c => c.EndsWith("予以公开", StringComparison.Ordinal)));
        Assert.Equal("三、本年度办理结果", first[0]);
        var next = rows[rows.IndexOf(first) + 1];
        Assert.Contains("部分公开", next[0], StringComparison.Ordinal);
        Assert.Equal(8, next.Count);
        Assert.Single(rows, r => r.Contains("三、本年度办理结果"));
        Assert.Equal(SourceFormat.Html, document.Format);
    }
}
