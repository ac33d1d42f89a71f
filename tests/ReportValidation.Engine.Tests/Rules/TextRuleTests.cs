using ReportValidation.Rules;
using ReportValidation.Rules.Analysis;
using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

public class TextRuleTests
{
    internal static Report WithOverview(string sentence, Report? report = null)
    {
        report ??= Consistent2021();
        report.Sections[0].Text += "\n" + sentence;
        return report;
    }

    private static string Total(Report report, string row) => $"{ValueAt(report, $"applications.{row}.total")}";

    [Fact]
    public void Received_count_that_differs_from_table_three_is_a_mismatch_at_the_number()
    {
        var report = Consistent2021();
        var received = ValueAt(report, "applications.received.total");
        WithOverview($"本年度共收到政府信息公开申请{received + 1}件。", report);
        var finding = Assert.Single(Evaluate(report).Of("text.applications_mismatch"));
        Assert.Equal($"{received}", finding.Expected);
        Assert.Equal($"{received + 1}", finding.Actual);
        var section = report.Sections[0];
        var relative = finding.Location.StartOffset - section.Span.StartOffset;
        Assert.Equal($"{received + 1}", section.Text.Substring(relative, finding.Location.EndOffset - finding.Location.StartOffset));
        Assert.Equal(1, finding.Location.Section);
        Assert.Equal("", finding.Location.Table);
        var cell = Assert.Single(finding.Cells);
        Assert.Equal("received", cell.Row);
        Assert.Equal("total", cell.Column);
    }

    [Fact]
    public void Synonyms_and_chinese_numerals_that_agree_raise_nothing()
    {
        var report = Consistent2021();
        // 答复 for the results total, 主动公开 for 予以公开, Chinese numerals for small counts.
        var sentence = $"收到依申请公开{Total(report, "received")}件，均已答复，答复情况为主动公开{Total(report, "disclosed")}件、"
            + $"部分公开{Total(report, "partially_disclosed")}件，办结{Total(report, "total")}件。";
        WithOverview(sentence, report);
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void Chinese_numeral_that_disagrees_is_a_mismatch()
    {
        var report = Consistent2021();
        SetNumber(report, "applications.carried_over.total", 2);
        SetNumber(report, "applications.carried_over.natural_person", 1);
        SetNumber(report, "applications.carried_over.research_institution", 1);
        // keep table 三 consistent is not needed for the text rule; only the total column is read
        WithOverview("上年结转政府信息公开申请十二件。", report);
        var finding = Assert.Single(Evaluate(report).Of("text.applications_mismatch"));
        Assert.Equal("12", finding.Actual);
        Assert.Equal("2", finding.Expected);
    }

    [Fact]
    public void Received_count_including_last_years_carried_over_is_not_a_mismatch()
    {
        var report = Consistent2021();
        var received = ValueAt(report, "applications.received.total");
        var carried = ValueAt(report, "applications.carried_over.total");
        Assert.NotEqual(0, carried);
        WithOverview($"本年度共受理政府信息公开申请{received + carried}件（含上年结转{carried}件）。", report);
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void Proactive_disclosure_counts_are_not_application_counts()
    {
        var report = WithOverview("全年主动公开政府信息5059条，主动公开文件36件，依申请公开工作规范有序。");
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void Numbers_of_letters_hotlines_and_other_years_are_not_compared()
    {
        var report = WithOverview("收到群众来信90件，办理市长热线24件。2020年收到申请99件。与上年相比，申请增加3件。");
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void Breakdown_exceeding_its_whole_is_a_mismatch_when_the_table_cannot_tell()
    {
        var report = Consistent2021();
        report.Applications.Found = false;
        WithOverview("本年度办结政府信息公开申请5件，其中予以公开3件、部分公开2件、不予公开2件。", report);
        var finding = Assert.Single(Evaluate(report).Of("text.applications_mismatch"));
        Assert.Equal("7", finding.Actual);
    }

    [Fact]
    public void Breakdown_that_sums_to_its_whole_raises_nothing()
    {
        var report = Consistent2021();
        report.Applications.Found = false;
        // Seed 004's sentence: 6 received, answered 1 + 1 + 1 + 2 + 1.
        WithOverview("收到依申请公开6件(其中:代管委会办理6件、管委会办公室办理0件)，均在期限内完成答复，答复情况为主动公开1件、部分公开1件、不予公开1件、无法提供2件、不予处理1件。", report);
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void Review_count_that_differs_from_table_four_is_a_mismatch()
    {
        var report = Consistent2021();
        report.Sections[3].Text = "本年度被申请行政复议3件，提起行政诉讼3件。";
        var findings = Evaluate(report).Of("text.review_litigation_mismatch");
        // Table 四: review total 5 (3 is wrong); litigation 2 + 1 = 3 (right).
        var finding = Assert.Single(findings);
        Assert.Equal("5", finding.Expected);
        Assert.Equal("3", finding.Actual);
        Assert.Equal(4, finding.Location.Section);
    }

    [Fact]
    public void Review_counts_that_agree_or_mix_both_kinds_raise_nothing()
    {
        var report = Consistent2021();
        report.Sections[3].Text = "本年度被申请行政复议五件，其中结果维持2件；行政诉讼3件；行政复议和行政诉讼共8件。";
        Assert.Empty(Evaluate(report).Of("text.review_litigation_mismatch"));
    }

    [Fact]
    public void Overview_missing_a_topic_is_noted()
    {
        var report = Consistent2021();
        report.Sections[0].Text = "2021年，本局主动公开政府信息120条，规范依申请公开办理，持续优化政府网站专栏，开展业务培训。";
        var finding = Assert.Single(Evaluate(report).Of("text.overview_topics"));
        Assert.Equal("政府信息管理", finding.Expected);
    }

    [Fact]
    public void Overview_missing_several_topics_is_one_note_naming_them()
    {
        var report = Consistent2021();
        report.Sections[0].Text = "2021年，本局认真做好各项工作。";
        var finding = Assert.Single(Evaluate(report).Of("text.overview_topics"));
        Assert.Equal("主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障", finding.Expected);
    }

    [Fact]
    public void Government_overview_without_assessment_results_is_noted()
    {
        var report = Consistent2021();
        report.PublisherKind = PublisherKind.Government;
        report.Sections[0].Text = report.Sections[0].Text.Replace("将政务公开纳入年度考核，开展业务培训2次", "加强监督保障", StringComparison.Ordinal);
        var finding = Assert.Single(Evaluate(report).Of("text.overview_topics"));
        Assert.Contains("责任追究", finding.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Overview_topics_are_not_required_of_2019_reports()
    {
        var report = Consistent2019();
        report.Sections[0].Text = "2019年，本局认真做好政府信息公开工作。";
        Assert.Empty(Evaluate(report).Of("text.overview_topics"));
    }

    [Theory]
    [InlineData("无。")]
    [InlineData("本机关积极办理人大代表建议和政协提案。")]
    public void Section_six_without_the_fee_is_a_fee_statement_warning(string text)
    {
        var report = Consistent2021();
        report.Sections[5].Text = text;
        Assert.Single(Evaluate(report).Of("text.fee_statement"));
    }

    [Theory]
    [InlineData("本年度，本机关未收取信息公开处理费。")]
    [InlineData("政府信息处理费收取情况。我局不涉及政府信息处理收取费用。")]
    public void Section_six_mentioning_the_fee_satisfies_it(string text)
    {
        var report = Consistent2021();
        report.Sections[5].Text = text;
        Assert.Empty(Evaluate(report).Of("text.fee_statement"));
    }

    [Fact]
    public void Fee_statement_is_not_required_of_2019_reports()
    {
        Assert.Empty(Evaluate(Consistent2019()).Of("text.fee_statement")); // its 六 is "无。"
    }

    [Theory]
    [InlineData("无。")]
    [InlineData("一是公开内容不够全面；二是解读形式单一。")]
    public void Section_five_without_a_problem_or_a_measure_is_thin(string text)
    {
        var report = Consistent2021();
        report.Sections[4].Text = text;
        Assert.Single(Evaluate(report).Of("text.section_thin"));
    }

    [Fact]
    public void Section_five_with_problems_and_measures_is_not_thin()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("text.section_thin"));
    }

    [Theory]
    [InlineData("六件", 6)]
    [InlineData("两件", 2)]
    [InlineData("十二件", 12)]
    [InlineData("二十件", 20)]
    [InlineData("一百零五件", 105)]
    [InlineData("1,234件", 1234)]
    [InlineData("１２件", 12)]
    public void Narrative_reads_arabic_and_chinese_numerals(string text, long expected)
    {
        var count = Assert.Single(Narrative.Counts(text, 0, text.Length, '件'));
        Assert.Equal(expected, count.Value);
    }

    [Theory]
    [InlineData("约10件")]
    [InlineData("800余件")]
    [InlineData("第3件")]
    [InlineData("多件")]
    public void Approximations_and_ordinals_are_not_counts(string text)
    {
        Assert.Empty(Narrative.Counts(text, 0, text.Length, '件'));
    }
}
