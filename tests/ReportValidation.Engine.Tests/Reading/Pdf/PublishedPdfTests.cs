using System.Text.RegularExpressions;
using ReportValidation.Reading;
using ReportValidation.Tests.Parsing;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading.Pdf;

/// <summary>
/// A real report as its government published it (淮安市洪泽区 2024, tests/TestData/pdf/hongze-2024.pdf):
/// printed from Word with page numbers "- 1 -" alternating left and right, cells justified and
/// wrapped, and table 三 still carrying the 2019 single （六）其他处理 row. Every identity in it holds.
/// </summary>
public class PublishedPdfTests
{
    private static InputDocument Hongze() => new(File.ReadAllBytes(Path.Combine(PdfFixtures.Directory, "hongze-2024.pdf")), "application/pdf");

    [Fact]
    public void The_published_report_reads_every_cell_of_tables_two_three_and_four_as_printed()
    {
        var report = ReportEngine.Default.Parse(Hongze());

        Assert.Equal(TemplateVersion._2021, report.TemplateVersion);
        Assert.Equal(2024, report.Year);
        Assert.Equal("regulations: 0 0 0\nnormative_documents: 3 0 8\nlicensing: 9487\npenalty: 2776\ncoercion: 84\nfees: 7545",
            TableText.ActiveDisclosure(report.ActiveDisclosure));
        Assert.Equal(string.Join('\n',
            "received: 95 0 0 0 0 0 95", "carried_over: 0 0 0 0 0 0 0", "disclosed: 50 0 0 0 0 0 50", "partially_disclosed: 9 0 0 0 0 0 9",
            "withheld.state_secret: 0 0 0 0 0 0 0", "withheld.prohibited_by_law: 0 0 0 0 0 0 0", "withheld.security_stability: 1 0 0 0 0 0 1",
            "withheld.third_party_rights: 0 0 0 0 0 0 0", "withheld.internal_affairs: 0 0 0 0 0 0 0", "withheld.process_information: 1 0 0 0 0 0 1",
            "withheld.enforcement_files: 1 0 0 0 0 0 1", "withheld.query_matters: 0 0 0 0 0 0 0", "unavailable.not_held: 31 0 0 0 0 0 31",
            "unavailable.needs_creation: 1 0 0 0 0 0 1", "unavailable.unclear_after_correction: 0 0 0 0 0 0 0", "not_processed.complaint: 1 0 0 0 0 0 1",
            "not_processed.duplicate: 0 0 0 0 0 0 0", "not_processed.publication: 0 0 0 0 0 0 0", "not_processed.excessive: 0 0 0 0 0 0 0",
            "not_processed.confirmation: 0 0 0 0 0 0 0", "other: 0 0 0 0 0 0 0", "total: 95 0 0 0 0 0 95", "carried_forward: 0 0 0 0 0 0 0"),
            string.Join('\n', TableText.Applications(report.Applications).Split('\n').Where(l => !l.EndsWith("? ? ? ? ? ? ?", StringComparison.Ordinal))));
        Assert.Equal("1 1 0 0 2 1 0 0 0 1 2 0 1 0 3", TableText.ReviewLitigation(report.ReviewLitigation));
    }

    [Fact]
    public void The_published_report_gets_no_error_and_one_finding_names_its_2019_other_handling_row()
    {
        var result = ReportEngine.Default.Validate(Hongze());

        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
        var deviation = Assert.Single(result.Findings, f => f.RuleId == "structure.nonstandard_label" && f.MessageZh.Contains("2019年版", StringComparison.Ordinal));
        Assert.Contains("（六）其他处理", deviation.MessageZh, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "structure.row_missing");
    }

    [Fact]
    public void The_published_report_gets_no_narrative_mismatch()
    {
        // Its narrative's 17 applications are those the district government's office handled on its behalf.
        var result = ReportEngine.Default.Validate(Hongze());

        Assert.DoesNotContain(result.Findings, f => f.RuleId.StartsWith("text.", StringComparison.Ordinal) && f.Severity != Severity.Info);
    }

    [Fact]
    public void The_2019_other_handling_row_counts_as_the_group_in_the_result_total()
    {
        // The same report with two more applications under （六）: 总计 no longer adds up, in the
        // 自然人 column and in the 总计 column.
        var text = ReportEngine.Default.Parse(Hongze()).ExtractedText;
        var row = text.Split('\n').Single(l => l.StartsWith("（六）其他处理", StringComparison.Ordinal));
        var changed = text.Replace(row, "（六）其他处理 | 2 | 0 | 0 | 0 | 0 | 0 | 2", StringComparison.Ordinal);

        var clean = ReportEngine.Default.Validate(InputDocument.FromText(text));
        var result = ReportEngine.Default.Validate(InputDocument.FromText(changed));

        Assert.DoesNotContain(clean.Findings, f => f.RuleId == "applications.result_total");
        var totals = result.Findings.Where(f => f.RuleId == "applications.result_total").ToList();
        Assert.Equal(2, totals.Count);
        Assert.All(totals, f => Assert.Equal(Severity.Error, f.Severity));
    }

    [Fact]
    public void The_period_the_page_wrapped_reads_as_one_sentence_and_page_numbers_are_not_read()
    {
        var document = DocumentReader.Read(Hongze());
        var lines = document.Lines.Select(l => GridTexts.Compact(l.Text)).ToList();

        Assert.Contains(lines, l => l.Contains("报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。如对本报告有疑问", StringComparison.Ordinal));
        Assert.Contains("淮安市洪泽区人民政府2024年政府信息公开工作年度报告", lines);
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^-\d+-$"));
    }
}
