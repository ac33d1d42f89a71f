using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Parsing;

/// <summary>
/// Real reports cut short as web excerpts (tests/TestData/corpus/README.md): every value that is there
/// is read, what the excerpt lost stays missing, nothing is invented.
/// </summary>
public class CorpusParsingTests
{
    public static TheoryData<string> Excerpts() => new(Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "corpus"), "*.txt")
        .Select(Path.GetFileName).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(Excerpts))]
    public void Every_number_read_stands_at_its_span_in_the_source(string name)
    {
        var text = File.ReadAllText(Seeds.CorpusPath(name));
        var report = Seeds.ParseText(text);
        foreach (var cell in AllCells(report))
        {
            if (cell.State == CellState.Number)
            {
                Assert.Contains(cell.Raw, text.Substring(cell.Span.StartOffset, cell.Span.EndOffset - cell.Span.StartOffset));
            }
        }
    }

    [Fact]
    public void Excerpt002_reads_the_empty_in_force_cell_as_blank_and_stops_where_the_excerpt_ends()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("002.txt")));
        Assert.Equal("0 0 _", TableText.Row(report.ActiveDisclosure.V2021.Regulations.Issued, report.ActiveDisclosure.V2021.Regulations.Abolished, report.ActiveDisclosure.V2021.Regulations.InForce));
        Assert.Equal("5 12 8", TableText.Row(report.ActiveDisclosure.V2021.NormativeDocuments.Issued, report.ActiveDisclosure.V2021.NormativeDocuments.Abolished, report.ActiveDisclosure.V2021.NormativeDocuments.InForce));
        Assert.Equal("8 0 0 0 0 0 8", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Received)));
        Assert.Equal("0 0 0 0 0 0 0", TableText.Row(ApplicationsTemplate.Cells(report.Applications.CarriedOver)));
        Assert.False(report.Applications.Disclosed.Source.Found);
        Assert.Equal("? ? ? ? ? ? ?", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Total)));
        Assert.False(report.ReviewLitigation.Found);
    }

    [Fact]
    public void Excerpt004_reads_empty_cells_between_pipes_as_blank_not_zero()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("004.txt")));
        Assert.Equal("0 _ _ _ _ _ 0", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Received)));
        Assert.Equal("_ _ _ _ _ _ 0", TableText.Row(ApplicationsTemplate.Cells(report.Applications.WithheldStateSecret)));
        Assert.False(report.Applications.Collapsed);
    }

    [Fact]
    public void Excerpt006_reads_lines_holding_only_a_pipe_as_separators_between_cells_on_lines_of_their_own()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("006.txt")));
        Assert.Equal("0 0 6", TableText.Row(report.ActiveDisclosure.V2021.Regulations.Issued, report.ActiveDisclosure.V2021.Regulations.Abolished, report.ActiveDisclosure.V2021.Regulations.InForce));
        Assert.Equal("0", TableText.Row(report.ActiveDisclosure.V2021.Licensing.Decisions));
        Assert.Equal("0 0 0 0 0 0 0", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Received)));
    }

    [Fact]
    public void Excerpt008_reads_lines_holding_only_a_pipe_as_empty_cells()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("008.txt")));
        Assert.Equal("_ _ _", TableText.Row(report.ActiveDisclosure.V2021.Regulations.Issued, report.ActiveDisclosure.V2021.Regulations.Abolished, report.ActiveDisclosure.V2021.Regulations.InForce));
        Assert.Equal("_ _ _ _ _ _ 0", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Received)));
        Assert.Equal("_ _ _ _ _ _ _", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Disclosed)));
    }

    [Fact]
    public void Excerpt012_keeps_the_other_organisation_column_apart()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("012.txt")));
        Assert.Equal("1 0 0 0 0 3 4", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Received)));
        Assert.Equal("1 0 0 0 0 3 4", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Disclosed)));
    }

    [Fact]
    public void Excerpt020_in_traditional_script_finds_its_headings_period_and_rows()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("020.txt")));
        Assert.Equal([1, 2, 3], report.Sections.Select(s => s.Ordinal));
        Assert.Equal(2022, report.Year);
        Assert.Equal(new Date { Year = 2022, Month = 12, Day = 31 }, report.Period.End);
        // 板栗樹鄉人民政府: a township's government, which art. 49 sets no national deadline for.
        Assert.Equal(PublisherKind.Township, report.PublisherKind);
        Assert.Equal("0 0 0 0 0 0 0", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Received)));
    }

    [Fact]
    public void Excerpt022_has_all_six_headings_but_no_tables()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("022.txt")));
        Assert.Equal([1, 2, 3, 4, 5, 6], report.Sections.Select(s => s.Ordinal));
        Assert.False(report.ActiveDisclosure.Found);
        Assert.False(report.Applications.Found);
        Assert.False(report.ReviewLitigation.Found);
    }

    [Fact]
    public void Excerpt024_reads_an_amount_with_its_unit_inside_the_cell()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("024.txt")));
        var amount = report.ActiveDisclosure.V2019.Procurement.ProcurementAmount;
        Assert.Equal("79000.1", amount.Decimal);
        Assert.Equal("元", amount.Unit);
        Assert.Equal("79000.1元", amount.Raw);
    }

    [Fact]
    public void Excerpt026_without_the_natural_person_label_still_reads_row_one_and_keeps_the_cut_row_unassigned()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("026.txt")));
        Assert.Equal(TemplateVersion._2019, report.TemplateVersion);
        Assert.Equal("0 0 0 0 0 0 0", TableText.Row(ApplicationsTemplate.Cells(report.Applications.Received)));
        Assert.Equal(4, report.Applications.CarriedOver.Source.ValuesFound);
        Assert.Equal("? ? ? ? ? ? ?", TableText.Row(ApplicationsTemplate.Cells(report.Applications.CarriedOver)));
    }

    [Fact]
    public void Excerpt028_reads_a_decimal_fee_amount_in_ten_thousand_yuan()
    {
        var report = Seeds.ParseText(File.ReadAllText(Seeds.CorpusPath("028.txt")));
        Assert.Equal("20.3", report.ActiveDisclosure.V2021.Fees.FeeAmount.Decimal);
        Assert.Equal("万元", report.ActiveDisclosure.V2021.Fees.FeeAmount.Unit);
    }

    internal static IEnumerable<Cell> AllCells(Report report)
    {
        foreach (var definition in ApplicationsTemplate.Rows)
        {
            if (definition.Get(report.Applications) is { } row)
            {
                foreach (var cell in ApplicationsTemplate.Cells(row))
                {
                    if (cell is not null)
                    {
                        yield return cell;
                    }
                }
            }
        }
        foreach (var cell in ReviewLitigationTemplate.Cells(report.ReviewLitigation))
        {
            if (cell is not null)
            {
                yield return cell;
            }
        }
    }
}
