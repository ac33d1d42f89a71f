using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

public class MetaRuleTests
{
    private static void SetPublished(Report report, int year, int month, int day, DateKind kind = DateKind.Publication)
    {
        report.Dates.Clear();
        report.Dates.Add(new DateMention { Raw = $"{year}-{month}-{day}", Date = new Date { Year = year, Month = month, Day = day }, Kind = kind, Span = Span(3) });
    }

    [Fact]
    public void Unknown_year_is_year_missing()
    {
        var report = Consistent2021();
        report.Year = 0;
        Assert.Single(Evaluate(report).Of("meta.year_missing"));
    }

    [Fact]
    public void Known_year_is_not_missing()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("meta.year_missing"));
    }

    [Fact]
    public void Title_year_other_than_report_year_is_inconsistent()
    {
        var report = Consistent2021();
        report.TitleYear = 2020;
        var finding = Assert.Single(Evaluate(report).Of("meta.year_inconsistent"));
        Assert.Equal("2021", finding.Expected);
        Assert.Equal("2020", finding.Actual);
    }

    [Fact]
    public void Period_in_another_year_is_inconsistent()
    {
        var report = Consistent2021();
        report.Period.End.Year = 2020;
        Assert.Single(Evaluate(report).Of("meta.year_inconsistent"));
    }

    [Fact]
    public void Malformed_period_is_not_also_a_year_inconsistency()
    {
        var report = Consistent2019();
        report.Period.Raw = "2019年1月1日至201912月31日";
        report.Period.Malformed = true;
        report.Period.End = null;
        var findings = Evaluate(report);
        Assert.Empty(findings.Of("meta.year_inconsistent"));
        var finding = Assert.Single(findings.Of("meta.period_invalid"));
        Assert.Contains("201912月31日", finding.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_not_the_calendar_year_is_invalid()
    {
        var report = Consistent2021();
        report.Period.End = new Date { Year = 2021, Month = 11, Day = 30 };
        var finding = Assert.Single(Evaluate(report).Of("meta.period_invalid"));
        Assert.Equal("2021年1月1日至2021年12月31日", finding.Expected);
    }

    [Fact]
    public void Calendar_year_period_and_absent_period_are_valid()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("meta.period_invalid"));
        var report = Consistent2021();
        report.Period = null;
        Assert.Empty(Evaluate(report).Of("meta.period_invalid"));
    }

    [Fact]
    public void Report_signed_before_the_year_ended_is_premature()
    {
        var report = Consistent2019(2020);
        SetPublished(report, 2020, 12, 30, DateKind.Signature);
        var finding = Assert.Single(Evaluate(report).Of("meta.date_premature"));
        Assert.Equal("2020-12-30", finding.Actual);
    }

    [Fact]
    public void Report_dated_in_the_following_january_is_not_premature()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("meta.date_premature"));
    }

    [Fact]
    public void Department_publishing_after_31_january_is_late()
    {
        var report = Consistent2021();
        SetPublished(report, 2022, 2, 1);
        var finding = Assert.Single(Evaluate(report).Of("meta.date_late"));
        Assert.Equal("≤ 2022-01-31", finding.Expected);
    }

    [Fact]
    public void Government_publishing_in_march_is_on_time()
    {
        var report = Consistent2021();
        report.PublisherKind = PublisherKind.Government;
        SetPublished(report, 2022, 3, 31);
        Assert.Empty(Evaluate(report).Of("meta.date_late"));
        SetPublished(report, 2022, 4, 1);
        Assert.Single(Evaluate(report).Of("meta.date_late"));
    }

    [Fact]
    public void Stricter_local_deadline_from_the_options_applies()
    {
        var report = Consistent2021();
        SetPublished(report, 2022, 1, 29);
        Assert.Empty(Evaluate(report).Of("meta.date_late"));
        var finding = Assert.Single(Evaluate(report, options: new ValidationOptions { LocalDeadline = "2022-01-28" }).Of("meta.date_late"));
        Assert.Contains("本地", finding.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Earliest_publication_date_counts()
    {
        var report = Consistent2021();
        SetPublished(report, 2022, 2, 15);
        report.Dates.Add(new DateMention { Date = new Date { Year = 2022, Month = 1, Day = 25 }, Kind = DateKind.Publication });
        Assert.Empty(Evaluate(report).Of("meta.date_late"));
    }

    [Fact]
    public void Overview_reporting_last_years_count_is_a_stale_year()
    {
        var report = Consistent2021();
        report.Sections[0].Text += "\n2020年共办理市长热线24件，满意率100%。";
        var finding = Assert.Single(Evaluate(report).Of("meta.stale_year"));
        Assert.Equal("2020", finding.Actual);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public void An_earlier_year_printed_with_a_space_before_nian_is_a_stale_year_too()
    {
        // Word processors print "2020 年" (seed 000 printed to PDF by LibreOffice).
        var report = Consistent2021();
        report.Sections[0].Text += "\n2020 年共办理市长热线 24 件，满意率100%。";
        var finding = Assert.Single(Evaluate(report).Of("meta.stale_year"));
        Assert.Equal("2020", finding.Actual);
    }

    [Fact]
    public void Comparisons_spans_and_titles_with_an_earlier_year_are_not_stale()
    {
        var report = Consistent2021();
        report.Sections[0].Text += "\n比2020年增加公开信息12条。自2019年以来累计公开300条。印发《2020年度工作要点》3份。截至2020年底共有12个栏目。";
        Assert.Empty(Evaluate(report).Of("meta.stale_year"));
    }
}
