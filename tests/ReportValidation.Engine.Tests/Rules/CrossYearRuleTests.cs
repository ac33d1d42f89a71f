using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

public class CrossYearRuleTests
{
    /// <summary>Last year's report whose 结转下年度 matches this year's 上年结转, with other figures and text.</summary>
    private static Report PreviousOf(Report current)
    {
        var previous = Consistent2021(current.Year - 1);
        foreach (var (column, _) in ReportValidation.Template.CellCatalog.ApplicationColumns)
        {
            SetNumber(previous, $"applications.carried_forward.{column}", ValueAt(current, $"applications.carried_over.{column}"));
            SetNumber(previous, $"applications.disclosed.{column}", ValueAt(previous, $"applications.disclosed.{column}") + 1);
        }
        // 现行有效 carries: last year's 17 + 3 issued − 1 abolished = this year's 20... after the change below.
        SetNumber(previous, "active_disclosure.normative_documents.in_force", 18);
        SetNumber(previous, "active_disclosure.licensing.decisions", 99);
        SetNumber(previous, "review_litigation.row.review.upheld", 3);
        SetNumber(previous, "review_litigation.row.review.total", 6);
        previous.Sections[0].Text = "2021年，本局积极推进政务公开，做了许多工作，取得较好成效，群众满意度明显提升，各项制度不断完善，公开质量持续提高。";
        previous.Sections[4].Text = "一是人员不足。下一步将加强培训，进一步完善工作机制，提高公开质量，强化监督考核，推动政务公开工作迈上新台阶。";
        return previous;
    }

    [Fact]
    public void Cross_year_rules_do_not_run_without_the_previous_year()
    {
        var report = Consistent2021(2022);
        Assert.DoesNotContain(Evaluate(report), f => f.RuleId.StartsWith("cross_year.", StringComparison.Ordinal));
    }

    [Fact]
    public void Matching_previous_year_raises_nothing()
    {
        var report = Consistent2021(2022);
        Assert.DoesNotContain(Evaluate(report, PreviousOf(report)), f => f.RuleId.StartsWith("cross_year.", StringComparison.Ordinal));
    }

    [Fact]
    public void Carried_over_not_equal_to_last_years_carried_forward_is_an_error()
    {
        var report = Consistent2021(2022);
        var previous = PreviousOf(report);
        SetNumber(previous, "applications.carried_forward.natural_person", ValueAt(previous, "applications.carried_forward.natural_person") + 2);
        var finding = Assert.Single(Evaluate(report, previous).Of("cross_year.carry_over"));
        Assert.Equal("natural_person", finding.Location.Column);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(2, finding.Cells.Count);
    }

    [Fact]
    public void Carry_over_is_not_checked_against_a_report_of_another_year()
    {
        var report = Consistent2021(2022);
        var previous = PreviousOf(report);
        previous.Year = 2019;
        SetNumber(previous, "applications.carried_forward.natural_person", 50);
        Assert.Empty(Evaluate(report, previous).Of("cross_year.carry_over"));
    }

    [Fact]
    public void In_force_not_carried_from_last_year_is_a_stock_warning()
    {
        var report = Consistent2021(2022);
        var previous = PreviousOf(report);
        SetNumber(previous, "active_disclosure.normative_documents.in_force", 10);
        var finding = Assert.Single(Evaluate(report, previous).Of("cross_year.stock"));
        Assert.Equal("12", finding.Expected);
        Assert.Equal("20", finding.Actual);
    }

    [Fact]
    public void Stock_is_not_carried_from_a_2019_template_report()
    {
        var report = Consistent2021(2021);
        var previous = Consistent2019(2020);
        Assert.Empty(Evaluate(report, previous).Of("cross_year.stock"));
    }

    [Fact]
    public void Tables_copied_from_last_year_are_duplicate_content()
    {
        var report = Consistent2021(2022);
        var previous = Consistent2021(2021);
        var findings = Evaluate(report, previous).Of("cross_year.duplicate_content");
        Assert.Contains(findings, f => f.Location.Table == "applications");
        Assert.Contains(findings, f => f.Location.Table == "review_litigation");
        // The overview repeats last year's except for the year: copied narrative.
        Assert.Contains(findings, f => f.Location.Section == 1);
    }

    [Fact]
    public void All_zero_tables_equal_to_last_year_are_not_duplicate_content()
    {
        var report = Consistent2021(2022);
        var previous = PreviousOf(report);
        foreach (var slot in ReportValidation.Template.CellCatalog.V2021.Cells.Where(c => c.Table == "review_litigation"))
        {
            SetNumber(report, slot.Key, 0);
            SetNumber(previous, slot.Key, 0);
        }
        Assert.Empty(Evaluate(report, previous).Of("cross_year.duplicate_content"));
    }
}
