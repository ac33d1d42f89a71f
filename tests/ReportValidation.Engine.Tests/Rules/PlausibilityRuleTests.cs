using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

public class PlausibilityRuleTests
{
    [Fact]
    public void Carried_forward_above_received_in_a_column_is_a_warning()
    {
        var report = Consistent2021();
        // Keep table 三 balanced: more carried over and more carried forward in the same column.
        var received = ValueAt(report, "applications.received.other_org");
        foreach (var key in new[] { "carried_over.other_org", "carried_over.total", "carried_forward.other_org", "carried_forward.total" })
        {
            SetNumber(report, "applications." + key, ValueAt(report, "applications." + key) + received + 1);
        }
        var findings = Evaluate(report);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("applications.", StringComparison.Ordinal) && f.RuleId != "applications.carried_forward_exceeds_received");
        var finding = Assert.Single(findings.Of("applications.carried_forward_exceeds_received"));
        Assert.Equal("other_org", finding.Location.Column);
        Assert.Equal(2, finding.Cells.Count);
    }

    [Fact]
    public void Carried_forward_within_received_is_plausible()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("applications.carried_forward_exceeds_received"));
    }

    [Fact]
    public void Issued_above_in_force_plus_abolished_is_a_stock_warning()
    {
        var report = Consistent2021();
        SetNumber(report, "active_disclosure.normative_documents.issued", 30);
        var finding = Assert.Single(Evaluate(report).Of("active_disclosure.stock"));
        Assert.Equal("normative_documents", finding.Location.Row);
        Assert.Equal("30", finding.Actual);
    }

    [Fact]
    public void Issued_within_in_force_plus_abolished_is_plausible()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("active_disclosure.stock"));
    }

    [Fact]
    public void Previous_items_plus_change_below_zero_is_a_warning()
    {
        var report = Consistent2019();
        SetNumber(report, "active_disclosure.penalty.change", -5, "-5");
        var finding = Assert.Single(Evaluate(report).Of("active_disclosure.items_negative"));
        Assert.Equal("penalty", finding.Location.Row);
        Assert.Equal("-1", finding.Actual);
    }

    [Fact]
    public void Items_falling_to_zero_are_plausible()
    {
        // 行政处罚 4 − 4 = 0 in the consistent 2019 report.
        Assert.Empty(Evaluate(Consistent2019()).Of("active_disclosure.items_negative"));
    }

    [Fact]
    public void Newly_published_above_the_published_total_is_a_warning()
    {
        var report = Consistent2019();
        SetNumber(report, "active_disclosure.normative_documents.new_published", 16);
        var finding = Assert.Single(Evaluate(report).Of("active_disclosure.published_exceeds_total"));
        Assert.Equal("normative_documents", finding.Location.Row);
    }

    [Fact]
    public void Newly_published_within_the_total_is_plausible()
    {
        Assert.Empty(Evaluate(Consistent2019()).Of("active_disclosure.published_exceeds_total"));
    }

    [Fact]
    public void Procurement_items_without_amount_disagree_on_zero()
    {
        var report = Consistent2019();
        SetCell(report, "active_disclosure.procurement.procurement_amount", Number(0));
        var finding = Assert.Single(Evaluate(report).Of("active_disclosure.procurement"));
        Assert.Equal("procurement_items", finding.Location.Column);
    }

    [Fact]
    public void Procurement_amount_without_items_disagree_on_zero()
    {
        var report = Consistent2019();
        SetNumber(report, "active_disclosure.procurement.procurement_items", 0);
        var finding = Assert.Single(Evaluate(report).Of("active_disclosure.procurement"));
        Assert.Equal("procurement_amount", finding.Location.Column);
    }

    [Fact]
    public void Procurement_both_zero_or_both_positive_is_plausible()
    {
        Assert.Empty(Evaluate(Consistent2019()).Of("active_disclosure.procurement"));
        var report = Consistent2019();
        SetNumber(report, "active_disclosure.procurement.procurement_items", 0);
        SetCell(report, "active_disclosure.procurement.procurement_amount", Number(0));
        Assert.Empty(Evaluate(report).Of("active_disclosure.procurement"));
    }
}
