using ReportValidation.Rules;
using ReportValidation.V1;

namespace ReportValidation.Tests.Rules;

public class VerdictTests
{
    private static Finding Make(string ruleId, Severity severity, string row = "") =>
        new() { RuleId = ruleId, Severity = severity, Location = new Location { Table = "applications", Row = row } };

    [Fact]
    public void Warnings_do_not_block_under_audit()
    {
        var summary = Verdict.Summarize([Make("cell.blank", Severity.Warning), Make("meta.stale_year", Severity.Info)], null);
        Assert.True(summary.Passes);
        Assert.Equal(Profile.Audit, summary.Profile);
        Assert.Equal(1, summary.Warnings);
        Assert.Equal(1, summary.Infos);
    }

    [Fact]
    public void Errors_block_under_every_profile_even_acknowledged()
    {
        var options = new ValidationOptions { Profile = Profile.Submission };
        options.Acknowledgements.Add(new Acknowledgement { RuleId = "applications.row_total", Explanation = "已核实" });
        var findings = new List<Finding> { Make("applications.row_total", Severity.Error) };
        var summary = Verdict.Summarize(findings, options);
        Assert.False(summary.Passes);
        Assert.Equal(1, summary.Errors);
        Assert.True(findings[0].Acknowledged);
        Assert.False(Verdict.Summarize([Make("applications.row_total", Severity.Error)], null).Passes);
    }

    [Fact]
    public void Unacknowledged_warning_blocks_a_submission()
    {
        var summary = Verdict.Summarize([Make("cell.blank", Severity.Warning)], new ValidationOptions { Profile = Profile.Submission });
        Assert.False(summary.Passes);
    }

    [Fact]
    public void Acknowledged_warning_passes_a_submission()
    {
        var options = new ValidationOptions { Profile = Profile.Submission };
        options.Acknowledgements.Add(new Acknowledgement { RuleId = "cell.blank", Table = "applications", Row = "received", Explanation = "本年无此类申请" });
        var findings = new List<Finding> { Make("cell.blank", Severity.Warning, "received") };
        var summary = Verdict.Summarize(findings, options);
        Assert.True(summary.Passes);
        Assert.Equal(1, summary.Acknowledged);
        Assert.Equal("本年无此类申请", findings[0].Acknowledgement);
    }

    [Fact]
    public void Acknowledgement_for_another_row_or_without_explanation_does_not_match()
    {
        var options = new ValidationOptions { Profile = Profile.Submission };
        options.Acknowledgements.Add(new Acknowledgement { RuleId = "cell.blank", Row = "carried_over", Explanation = "说明" });
        options.Acknowledgements.Add(new Acknowledgement { RuleId = "cell.blank", Explanation = " " });
        var findings = new List<Finding> { Make("cell.blank", Severity.Warning, "received") };
        Assert.False(Verdict.Summarize(findings, options).Passes);
        Assert.False(findings[0].Acknowledged);
    }
}
