using ReportValidation.Reading;
using ReportValidation.Rules;
using ReportValidation.V1;

namespace ReportValidation.Tests.Rules;

/// <summary>Reports with parts absent or half-filled: the rules report what is missing and never throw.</summary>
public class RuleRobustnessTests
{
    [Fact]
    public void Empty_report_is_one_not_a_report_finding()
    {
        // Issue 12: no heading, no table and no title is no report; one finding says so.
        var finding = Assert.Single(RuleCatalog.Default.Evaluate(new Report(), new Report()));
        Assert.Equal("document.not_a_report", finding.RuleId);
    }

    [Fact]
    public void Report_with_only_a_title_gives_structure_and_year_findings_only()
    {
        var findings = RuleCatalog.Default.Evaluate(new Report { Title = "某局政府信息公开工作年度报告" }, new Report());
        Assert.Equal(6, findings.Count(f => f.RuleId == "structure.section_missing"));
        Assert.Equal(3, findings.Count(f => f.RuleId == "structure.table_missing"));
        Assert.Single(findings, f => f.RuleId == "meta.year_missing");
        Assert.Equal(10, findings.Count);
    }

    [Fact]
    public void Found_tables_without_rows_report_missing_rows_not_arithmetic()
    {
        var report = new Report
        {
            Year = 2021,
            TemplateVersion = TemplateVersion._2021,
            ActiveDisclosure = new ActiveDisclosureTable { Found = true },
            Applications = new ApplicationsTable { Found = true },
            ReviewLitigation = new ReviewLitigationTable { Found = true },
        };
        var findings = RuleCatalog.Default.Evaluate(report, null);
        Assert.Equal(6 + 25, findings.Count(f => f.RuleId == "structure.row_missing"));
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("arithmetic.", StringComparison.Ordinal) || f.RuleId.StartsWith("applications.", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_with_unset_cells_are_blank_not_crashes()
    {
        var report = ReportBuilder.Consistent2021();
        report.Applications.Disclosed = new ApplicationsRow { Source = ReportBuilder.Source("（一）予以公开", 7) };
        var findings = RuleCatalog.Default.Evaluate(report, null);
        Assert.Contains(findings, f => f.RuleId == "cell.blank" && f.Location.Row == "disclosed");
        Assert.Contains(findings, f => f.RuleId == "arithmetic.uncertain");
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("applications.", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_corpus_excerpt_validates_without_arithmetic_errors()
    {
        // The excerpts stop inside table 三; none has a real identity failure in what is visible.
        var directory = Path.Combine(AppContext.BaseDirectory, "TestData", "corpus");
        var files = Directory.GetFiles(directory, "*.txt");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var result = ReportEngine.Default.Validate(InputDocument.FromText(File.ReadAllText(file)));
            Assert.DoesNotContain(result.Findings, f => f.RuleId is "applications.row_total" or "applications.result_total"
                or "applications.balance" or "review_litigation.review_total" or "review_litigation.direct_total"
                or "review_litigation.after_review_total" or "arithmetic.suspect_cell"
                or "text.applications_mismatch" or "text.review_litigation_mismatch");
        }
    }

    [Fact]
    public void Cancelled_evaluation_stops()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => RuleCatalog.Default.Evaluate(ReportBuilder.Consistent2021(), null, cancellation.Token));
    }
}
