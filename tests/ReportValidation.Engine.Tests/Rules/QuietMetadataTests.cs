using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

/// <summary>Dates, issuing bodies, non-reports and the previous year: what issue 12 found crying wolf or silent.</summary>
public class QuietMetadataTests
{
    private static string Report(string title, string period, string signer, string date) =>
        $"{title}\n本报告中所列数据的{period}。\n一、总体情况\n本年度工作有序。\n六、其他需要报告的事项\n无。\n{signer}\n{date}\n";

    [Theory]
    [InlineData("统计期限从2023年1月1日到12月31日止")]
    [InlineData("统计期限自2023年1月1日起至2023年12月31日止")]
    [InlineData("统计期限为２０２３年１月１日至２０２３年１２月３１日")]
    [InlineData("统计期限为2023 年 1 月 1 日至 2023 年 12 月 31 日")]
    [InlineData("统计期限为2023年度")]
    [InlineData("统计时间为2023.1.1-2023.12.31")]
    [InlineData("统计期限为2023-01-01至2023-12-31")]
    [InlineData("統計期限自2023年1月1日至2023年12月31日止")]
    public void Every_unambiguous_period_form_is_the_calendar_year(string period)
    {
        var report = Seeds.ParseText(Report("某区科技局2023年政府信息公开工作年度报告", period, "某区科技局", "2024年1月20日"));
        Assert.Equal(new Date { Year = 2023, Month = 1, Day = 1 }, report.Period.Start);
        Assert.Equal(new Date { Year = 2023, Month = 12, Day = 31 }, report.Period.End);
        Assert.Empty(Evaluate(report).Of("meta.period_invalid"));
    }

    [Fact]
    public void A_malformed_period_date_still_warns()
    {
        var report = Seeds.ParseText(Report("某区科技局2019年政府信息公开工作年度报告", "统计期限为2019年1月1日至201912月31日", "某区科技局", "2020年1月20日"));
        Assert.Single(Evaluate(report).Of("meta.period_invalid"));
    }

    [Fact]
    public void A_full_width_title_year_is_the_report_year()
    {
        var report = Seeds.ParseText(Report("某区科技局２０２３年政府信息公开工作年度报告", "统计期限为2023年度", "某区科技局", "２０２３年１２月２０日"));
        Assert.Equal(2023, report.Year);
        Assert.Single(Evaluate(report).Of("meta.date_premature"));
    }

    [Theory]
    [InlineData("新安市人民政府2023年政府信息公开工作年度报告", "新安市人民政府", PublisherKind.Government)]
    [InlineData("新安市2023年政府信息公开工作年度报告", "新安市人民政府", PublisherKind.Government)]
    [InlineData("新安市人民政府办公室2023年政府信息公开工作年度报告", "新安市人民政府办公室", PublisherKind.Department)]
    [InlineData("板栗镇人民政府2023年政府信息公开工作年度报告", "板栗镇人民政府", PublisherKind.Township)]
    [InlineData("新安市教育局2023年政府信息公开工作年度报告", "新安市教育局", PublisherKind.Department)]
    public void The_issuing_body_kind_comes_from_title_and_signature(string title, string signer, PublisherKind kind)
    {
        var report = Seeds.ParseText(Report(title, "统计期限为2023年度", signer, "2024年1月20日"));
        Assert.Equal(kind, report.PublisherKind);
    }

    [Fact]
    public void A_city_government_published_on_15_february_is_on_time()
    {
        var report = Seeds.ParseText(Report("新安市人民政府2023年政府信息公开工作年度报告", "统计期限为2023年度", "新安市人民政府", "2024年2月15日"));
        Assert.Empty(Evaluate(report).Of("meta.date_late"));
    }

    [Fact]
    public void A_department_published_on_15_february_is_late_and_the_finding_names_the_kind_assumed()
    {
        var report = Seeds.ParseText(Report("新安市教育局2023年政府信息公开工作年度报告", "统计期限为2023年度", "新安市教育局", "2024年2月15日"));
        var finding = Assert.Single(Evaluate(report).Of("meta.date_late"));
        Assert.Contains("政府部门", finding.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_with_no_heading_and_no_table_is_one_not_a_report_finding()
    {
        var findings = ReportEngine.Default.Validate(ReportValidation.Reading.InputDocument.FromText("hello world")).Findings;
        var finding = Assert.Single(findings);
        Assert.Equal("document.not_a_report", finding.RuleId);
    }

    [Fact]
    public void A_previous_report_of_another_year_is_named()
    {
        var report = Consistent2021(2024);
        var previous = Consistent2021(2020);
        var finding = Assert.Single(Evaluate(report, previous).Of("cross_year.not_previous_year"));
        Assert.Equal("2023", finding.Expected);
        Assert.Equal("2020", finding.Actual);
        Assert.Empty(Evaluate(report, Consistent2021(2023)).Of("cross_year.not_previous_year"));
    }
}
