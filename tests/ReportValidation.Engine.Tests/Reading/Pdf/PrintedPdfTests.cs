using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading.Pdf;

/// <summary>
/// PDFs as an office suite prints them (LibreOffice Writer, from the seeds in several layouts and
/// page setups) read to the same report as the seed's text.
/// </summary>
public class PrintedPdfTests
{
    public static IEnumerable<object[]> Fixtures() => PdfFixtures.All();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_printed_report_reads_every_cell_of_tables_two_three_and_four_as_its_source(string fixture)
    {
        var expected = PdfFixtures.ParseText(PdfFixtures.SeedOf(fixture));
        var actual = ReportEngine.Default.Parse(PdfFixtures.Open(fixture));

        Assert.Equal(PdfFixtures.Tables(expected), PdfFixtures.Tables(actual));
        Assert.Equal(expected.TemplateVersion, actual.TemplateVersion);
        Assert.Equal(expected.Year, actual.Year);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_printed_report_gets_the_findings_its_text_gets(string fixture)
    {
        var text = ReportEngine.Default.Validate(InputDocument.FromText(ReportValidation.Tests.Seeds.Text(PdfFixtures.SeedOf(fixture))));
        var pdf = ReportEngine.Default.Validate(PdfFixtures.Open(fixture));

        Assert.Equal(PdfFixtures.FindingKeys(text, _ => true), PdfFixtures.FindingKeys(pdf, _ => true));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_printed_report_gets_no_table_structure_or_date_finding_its_text_does_not_get(string fixture)
    {
        // Every rule on the tables, the structure and the dates (meta.*); the narrative rules (text.*) aside.
        static bool Checked(string rule) => !rule.StartsWith("text.", StringComparison.Ordinal);
        var text = ReportEngine.Default.Validate(InputDocument.FromText(ReportValidation.Tests.Seeds.Text(PdfFixtures.SeedOf(fixture))));
        var pdf = ReportEngine.Default.Validate(PdfFixtures.Open(fixture));

        Assert.Empty(PdfFixtures.FindingKeys(pdf, Checked).Except(PdfFixtures.FindingKeys(text, Checked)));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_cell_of_a_printed_report_points_at_its_text_and_its_page(string fixture)
    {
        var document = DocumentReader.Read(PdfFixtures.Open(fixture));

        Assert.All(document.Lines.SelectMany(l => l.Cells), c =>
        {
            Assert.Equal(c.Text, document.Text[c.Start..c.End]);
            Assert.True(c.Page >= 1, $"{c.Text} has no page");
        });
    }
}
