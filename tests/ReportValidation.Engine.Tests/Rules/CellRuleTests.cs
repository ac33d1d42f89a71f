using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

public class CellRuleTests
{
    [Fact]
    public void Text_in_a_count_cell_is_not_a_number()
    {
        var report = Consistent2021();
        SetCell(report, "active_disclosure.licensing.decisions", Text("若干"));
        var finding = Assert.Single(Evaluate(report).Of("cell.not_a_number"));
        Assert.Equal("licensing", finding.Location.Row);
        Assert.Equal("decisions", finding.Location.Column);
        Assert.Equal("若干", finding.Actual);
        Assert.Equal(FindingOrigin.Report, finding.Origin);
    }

    [Fact]
    public void Numbers_everywhere_raise_no_not_a_number()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("cell.not_a_number"));
    }

    [Fact]
    public void Negative_count_is_an_error()
    {
        var report = Consistent2021();
        SetNumber(report, "active_disclosure.penalty.decisions", -5);
        var finding = Assert.Single(Evaluate(report).Of("cell.negative"));
        Assert.Equal("penalty", finding.Location.Row);
        Assert.Equal("-5", finding.Actual);
    }

    [Fact]
    public void Signed_change_in_2019_may_be_negative()
    {
        // The consistent 2019 report has 本年增/减 = -4 for 行政处罚.
        var report = Consistent2019();
        Assert.Equal(-4, ValueAt(report, "active_disclosure.penalty.change"));
        Assert.Empty(Evaluate(report).Of("cell.negative"));
    }

    [Fact]
    public void Fraction_in_a_count_column_is_not_integer()
    {
        var report = Consistent2021();
        SetCell(report, "active_disclosure.coercion.decisions", Decimal("2.5"));
        var finding = Assert.Single(Evaluate(report).Of("cell.not_integer"));
        Assert.Equal("coercion", finding.Location.Row);
        Assert.Equal("2.5", finding.Actual);
    }

    [Fact]
    public void Decimal_money_is_not_a_fraction_error()
    {
        var report = Consistent2019();
        SetCell(report, "active_disclosure.procurement.procurement_amount", Decimal("398.3675", "万元"));
        Assert.Empty(Evaluate(report).Of("cell.not_integer"));
        Assert.Empty(Evaluate(Consistent2021()).Of("cell.not_integer")); // fee 1.5 万元
    }

    [Fact]
    public void Blank_cell_is_a_warning_and_never_zero()
    {
        var report = Consistent2021();
        SetCell(report, "active_disclosure.normative_documents.abolished", Blank("/"));
        var findings = Evaluate(report);
        var finding = Assert.Single(findings.Of("cell.blank"));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("abolished", finding.Location.Column);
        Assert.Contains("不视为0", finding.MessageZh, StringComparison.Ordinal);
        // Unknown, so 本年制发 3 > 现行有效 20 + ? is not decided.
        Assert.Empty(findings.Of("active_disclosure.stock"));
    }

    [Fact]
    public void Wholly_blank_row_is_one_blank_finding()
    {
        var report = Consistent2021();
        foreach (var column in new[] { "issued", "abolished", "in_force" })
        {
            SetCell(report, $"active_disclosure.regulations.{column}", Blank());
        }
        var finding = Assert.Single(Evaluate(report).Of("cell.blank"));
        Assert.Equal("regulations", finding.Location.Row);
        Assert.Equal("", finding.Location.Column);
        Assert.Equal(3, finding.Cells.Count);
    }

    [Fact]
    public void Zero_is_not_blank()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("cell.blank"));
    }

    [Fact]
    public void Fee_in_yuan_in_a_2021_report_is_a_unit_warning()
    {
        var report = Consistent2021();
        SetCell(report, "active_disclosure.fees.fee_amount", Number(15000, "元"));
        var finding = Assert.Single(Evaluate(report).Of("cell.unit"));
        Assert.Equal("万元", finding.Expected);
        Assert.Equal("元", finding.Actual);
    }

    [Fact]
    public void Fee_in_wan_yuan_and_2019_procurement_without_unit_raise_no_unit_warning()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("cell.unit"));
        var report = Consistent2019();
        SetCell(report, "active_disclosure.procurement.procurement_amount", Number(251000));
        Assert.Empty(Evaluate(report).Of("cell.unit"));
    }
}
