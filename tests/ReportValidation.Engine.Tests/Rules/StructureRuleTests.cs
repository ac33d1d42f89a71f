using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

public class StructureRuleTests
{
    [Fact]
    public void Absent_section_six_is_section_missing()
    {
        var report = Consistent2021();
        report.Sections.RemoveAt(5);
        var finding = Assert.Single(Evaluate(report).Of("structure.section_missing"));
        Assert.Equal(6, finding.Location.Section);
        Assert.Contains("六、其他需要报告的事项", finding.MessageZh, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact]
    public void Absent_section_six_does_not_also_raise_fee_statement()
    {
        var report = Consistent2021();
        report.Sections.RemoveAt(5);
        Assert.Empty(Evaluate(report).Of("text.fee_statement"));
    }

    [Fact]
    public void All_six_sections_present_raise_no_section_missing()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("structure.section_missing"));
    }

    [Fact]
    public void Section_before_an_earlier_one_is_out_of_order()
    {
        var report = Consistent2021();
        var five = report.Sections[4];
        report.Sections.RemoveAt(4);
        report.Sections.Insert(2, five);
        var finding = Assert.Single(Evaluate(report).Of("structure.section_order"));
        Assert.Equal(5, finding.Location.Section);
    }

    [Fact]
    public void Duplicated_heading_is_not_out_of_order()
    {
        var report = Consistent2021();
        report.Sections.Insert(1, Section(1, "一、总体情况", "", 4900));
        Assert.Empty(Evaluate(report).Of("structure.section_order"));
    }

    [Fact]
    public void Heading_that_appears_twice_is_a_duplicate()
    {
        var report = Consistent2021();
        report.Sections.Insert(1, Section(1, "一、总体情况", "", 4900));
        var finding = Assert.Single(Evaluate(report).Of("structure.section_duplicate"));
        Assert.Equal(1, finding.Location.Section);
        Assert.Equal(490, finding.Location.Line);
    }

    [Fact]
    public void Sections_each_once_raise_no_duplicate()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("structure.section_duplicate"));
    }

    [Fact]
    public void Unread_table_is_table_missing_and_gets_no_arithmetic()
    {
        var report = Consistent2021();
        report.Applications.Found = false;
        SetNumber(report, "applications.received.total", 999);
        var findings = Evaluate(report);
        var finding = Assert.Single(findings.Of("structure.table_missing"));
        Assert.Equal("applications", finding.Location.Table);
        Assert.Equal(FindingOrigin.Extraction, finding.Origin);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("applications.", StringComparison.Ordinal) || f.RuleId.StartsWith("arithmetic.", StringComparison.Ordinal));
        Assert.Empty(findings.Of("structure.row_missing"));
    }

    [Fact]
    public void Found_tables_raise_no_table_missing()
    {
        Assert.Empty(Evaluate(Consistent2019()).Of("structure.table_missing"));
    }

    [Fact]
    public void Row_not_found_in_a_found_table_is_row_missing_without_arithmetic()
    {
        var report = Consistent2021();
        report.Applications.WithheldQueryMatters.Source.Found = false;
        var findings = Evaluate(report);
        var finding = Assert.Single(findings.Of("structure.row_missing"));
        Assert.Equal("withheld.query_matters", finding.Location.Row);
        Assert.Empty(findings.Of("arithmetic.uncertain"));
        Assert.Empty(findings.Of("applications.result_total"));
    }

    [Fact]
    public void Row_absent_from_the_message_is_row_missing()
    {
        var report = Consistent2021();
        report.Applications.CarriedForward = null;
        var finding = Assert.Single(Evaluate(report).Of("structure.row_missing"));
        Assert.Equal("carried_forward", finding.Location.Row);
    }

    [Fact]
    public void Rows_of_the_other_template_version_are_not_missing()
    {
        // A 2021 report has no 2019 （六）其他处理 leaf row; nothing to report.
        Assert.Empty(Evaluate(Consistent2021()).Of("structure.row_missing"));
    }

    [Fact]
    public void Collapsed_rows_are_row_incomplete_once_each_and_get_no_invented_numbers()
    {
        var report = Consistent2021();
        report.Applications.Collapsed = true;
        foreach (var row in new[] { report.Applications.Received, report.Applications.Disclosed })
        {
            row.Source.ValuesFound = 1;
            row.Source.UnassignedValues.Add(Number(0));
        }
        var findings = Evaluate(report);
        var incomplete = findings.Of("structure.row_incomplete");
        Assert.Equal(["received", "disclosed"], incomplete.Select(f => f.Location.Row));
        Assert.All(incomplete, f => Assert.Equal(FindingOrigin.Extraction, f.Origin));
        Assert.Equal("7", incomplete[0].Expected);
        Assert.Equal("1", incomplete[0].Actual);
        // Identities through those rows are not decided, and not reported as uncertain either.
        Assert.DoesNotContain(findings, f => f.RuleId is "applications.balance" or "applications.result_total" or "arithmetic.uncertain");
        Assert.DoesNotContain(findings, f => f.RuleId == "applications.row_total" && f.Location.Row is "received" or "disclosed");
    }

    [Fact]
    public void Row_with_one_value_per_column_is_not_incomplete()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("structure.row_incomplete"));
    }

    [Fact]
    public void Row_with_no_value_and_blank_cells_is_blank_not_incomplete()
    {
        var report = Consistent2021();
        var regulations = report.ActiveDisclosure.V2021.Regulations;
        regulations.Source.ValuesFound = 0;
        regulations.Issued = Blank();
        regulations.Abolished = Blank();
        regulations.InForce = Blank();
        var findings = Evaluate(report);
        Assert.Empty(findings.Of("structure.row_incomplete"));
        Assert.Single(findings.Of("cell.blank"));
    }

    [Fact]
    public void Row_where_the_reader_found_nothing_is_reported_once_as_incomplete()
    {
        var report = Consistent2021();
        var licensing = report.ActiveDisclosure.V2021.Licensing;
        licensing.Source.ValuesFound = 0;
        licensing.Decisions = new Cell { State = CellState.Missing };
        var findings = Evaluate(report);
        var finding = Assert.Single(findings.Of("structure.row_incomplete"));
        Assert.Equal("licensing", finding.Location.Row);
        Assert.Contains("未读取到任何数值", finding.MessageZh, StringComparison.Ordinal);
        Assert.Empty(findings.Of("cell.blank"));
    }

    [Fact]
    public void Template_2019_for_a_2021_report_is_an_error()
    {
        var report = Consistent2019(2021);
        var finding = Assert.Single(Evaluate(report).Of("structure.template_mismatch"));
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact]
    public void Template_2021_for_a_2020_report_is_a_warning()
    {
        var report = Consistent2021(2020);
        var finding = Assert.Single(Evaluate(report).Of("structure.template_mismatch"));
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void Template_2019_for_a_2020_report_matches()
    {
        Assert.Empty(Evaluate(Consistent2019(2020)).Of("structure.template_mismatch"));
    }

    [Fact]
    public void Alias_label_is_a_nonstandard_label()
    {
        var report = Consistent2021();
        var source = report.Applications.NotProcessedComplaint.Source;
        source.Label = "1.举报投诉类申请";
        source.OfficialLabel = "1.信访举报投诉类申请";
        source.LabelMatch = LabelMatch.Alias;
        var finding = Assert.Single(Evaluate(report).Of("structure.nonstandard_label"));
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("not_processed.complaint", finding.Location.Row);
        Assert.Contains("1.举报投诉类申请", finding.MessageZh, StringComparison.Ordinal);
        Assert.Equal("1.信访举报投诉类申请", finding.Expected);
    }

    [Fact]
    public void Official_and_positional_labels_are_not_nonstandard()
    {
        var report = Consistent2021();
        report.ReviewLitigation.Source.LabelMatch = LabelMatch.Position;
        Assert.Empty(Evaluate(report).Of("structure.nonstandard_label"));
    }
}
