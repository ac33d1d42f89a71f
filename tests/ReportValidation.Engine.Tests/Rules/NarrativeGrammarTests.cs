using ReportValidation.Rules.Analysis;
using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

/// <summary>The narrative grammar's clause patterns, numeral forms and the false alarms of issue 12.</summary>
public class NarrativeGrammarTests
{
    private static Report WithOverview(string sentence, Report? report = null) => TextRuleTests.WithOverview(sentence, report);

    [Theory]
    [InlineData("两", 2)]
    [InlineData("〇", 0)]
    [InlineData("十", 10)]
    [InlineData("十五", 15)]
    [InlineData("一百零五", 105)]
    [InlineData("两千一百一十七", 2117)]
    [InlineData("三万", 30000)]
    [InlineData("1万2千", 12000)]
    [InlineData("2.5万", 25000)]
    [InlineData("1,234", 1234)]
    [InlineData("２１１７", 2117)]
    public void Numerals_read_every_form_clerks_write(string numeral, long expected)
    {
        Assert.True(Numerals.TryParse(numeral, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("两三")]
    [InlineData("百")]
    [InlineData("2.5")]
    public void Ranges_and_fractions_are_no_count(string numeral) => Assert.False(Numerals.TryParse(numeral, out _));

    [Theory]
    [InlineData("本年度共收到政府信息公开申请{0}件。", "received")]
    [InlineData("受理各类政府信息公开申请{0}件。", "received")]
    [InlineData("全年新收依申请公开{0}件。", "received")]
    [InlineData("上年结转政府信息公开申请{0}件。", "carried_over")]
    [InlineData("本年度办结政府信息公开申请{0}件。", "total")]
    [InlineData("依申请公开答复{0}件。", "total")]
    [InlineData("政府信息公开申请结转下年度继续办理{0}件。", "carried_forward")]
    public void Each_subject_clause_is_compared_with_its_row(string pattern, string row)
    {
        var report = Consistent2021();
        var stated = ValueAt(report, $"applications.{row}.total") + 4;
        WithOverview(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, stated), report);
        var finding = Assert.Single(Evaluate(report).Of("text.applications_mismatch"));
        Assert.Contains(finding.Cells, c => c.Row == row && c.Column == "total");
        Assert.Contains("表三", finding.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Proactive_disclosure_as_a_synonym_of_disclosed_is_compared_with_the_disclosed_row()
    {
        var report = Consistent2021();
        var disclosed = ValueAt(report, "applications.disclosed.total");
        WithOverview($"办理政府信息公开申请，答复情况为：主动公开{disclosed + 2}件。", report);
        var finding = Assert.Single(Evaluate(report).Of("text.applications_mismatch"));
        Assert.Equal("disclosed", finding.Cells[0].Row);
    }

    [Fact]
    public void Parts_that_add_up_to_more_than_their_whole_are_found_without_the_table()
    {
        var report = Consistent2021();
        report.Applications.Found = false;
        WithOverview("本年度办结政府信息公开申请十件，其中予以公开6件、部分公开七件。", report);
        var finding = Assert.Single(Evaluate(report).Of("text.applications_mismatch"));
        Assert.Equal("13", finding.Actual);
        Assert.Contains("部分公开7件", finding.MessageZh, StringComparison.Ordinal);
    }

    private static long Group(Report report, string prefix) =>
        ReportValidation.Template.ApplicationsTemplate.Rows
            .Where(r => r.Key == prefix || r.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
            .Where(r => r.Get(report.Applications) is not null)
            .Sum(r => ValueAt(report, $"applications.{r.Key}.total"));

    [Fact]
    public void A_whole_that_differs_from_its_complete_list_of_parts_is_found_beside_the_wrong_part()
    {
        var report = Consistent2021();
        var total = ValueAt(report, "applications.total.total");
        // Every result group listed: the table shows nothing left out, so the parts must add up to the whole.
        WithOverview($"本年度办结政府信息公开申请{total}件，其中予以公开{Group(report, "disclosed")}件、部分公开{Group(report, "partially_disclosed")}件、"
            + $"不予公开{Group(report, "withheld")}件、无法提供{Group(report, "unavailable")}件、不予处理{Group(report, "not_processed")}件、其他处理{Group(report, "other") + 1}件。", report);
        var findings = Evaluate(report).Of("text.applications_mismatch");
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Cells.Any(c => c.Row.StartsWith("other.", StringComparison.Ordinal)));
        var whole = Assert.Single(findings, f => f.Cells.Any(c => c.Row == "total"));
        Assert.Equal($"{total + 1}", whole.Actual);
        Assert.Equal($"{total}", whole.Expected);
        Assert.Contains("合计", whole.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_with_a_partial_list_of_parts_is_not_held_to_their_sum()
    {
        var report = Consistent2021();
        var total = ValueAt(report, "applications.total.total");
        WithOverview($"本年度办结政府信息公开申请{total}件，其中予以公开{Group(report, "disclosed")}件。", report);
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void Applicant_types_listed_under_received_are_compared_with_their_columns()
    {
        var report = Consistent2021();
        var received = ValueAt(report, "applications.received.total");
        var person = ValueAt(report, "applications.received.natural_person");
        WithOverview($"收到政府信息公开申请{received}件，其中自然人申请{person + 1}件。", report);
        var finding = Assert.Single(Evaluate(report).Of("text.applications_mismatch"));
        Assert.Contains(finding.Cells, c => c.Row == "received" && c.Column == "natural_person");
    }

    [Fact]
    public void Review_outcomes_listed_under_review_are_compared_with_their_cells()
    {
        var report = Consistent2021();
        report.Sections[3].Text = "本年度被申请行政复议5件，其中结果维持3件。";
        var finding = Assert.Single(Evaluate(report).Of("text.review_litigation_mismatch"));
        Assert.Equal("review.upheld", finding.Cells[0].Column);
    }

    [Theory]
    [InlineData("本年度共受理政府信息公开申请{0}件，答复{1}件。")]
    [InlineData("收到各类政府信息公开申请{0}件，办结{1}件。")]
    public void The_issues_missed_sentences_are_found(string pattern)
    {
        var report = Consistent2021();
        var received = ValueAt(report, "applications.received.total");
        WithOverview(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, received + 1, "十"), report);
        var findings = Evaluate(report).Of("text.applications_mismatch");
        Assert.Contains(findings, f => f.Cells.Any(c => c.Row == "received"));
        Assert.Contains(findings, f => f.Cells.Any(c => c.Row == "total"));
    }

    [Theory]
    [InlineData("本年度共收到政府信息公开申请{0}件，同比增长12%。")]
    [InlineData("收到政府信息公开申请{0}件，较上年增加3件。")]
    [InlineData("收到政府信息公开申请{0}件，主动公开政府信息35条。")]
    public void Agreeing_counts_beside_comparisons_raise_nothing(string pattern)
    {
        var report = Consistent2021();
        WithOverview(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, ValueAt(report, "applications.received.total")), report);
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Theory]
    [InlineData("区政府办代表区政府受理政府信息公开申请{0}件，均已在法定期限内予以答复。")]
    [InlineData("区政府本级共收到政府信息公开申请{0}件。")]
    public void A_count_of_the_share_one_body_handled_is_not_compared_with_the_table(string pattern)
    {
        var report = Consistent2021();
        WithOverview(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, ValueAt(report, "applications.received.total") - 5), report);
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void A_sentence_the_grammar_cannot_place_says_nothing()
    {
        var report = WithOverview("全年办理各类事项99件，其中网上办理80件。");
        Assert.Empty(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void Traditional_script_and_full_width_counts_read_like_simplified()
    {
        var report = Consistent2021();
        var received = ValueAt(report, "applications.received.total");
        WithOverview($"本年度共收到政府信息公開申請{Measurement.HeldOutReports.FullWidth($"{received + 1}")}件。", report);
        Assert.Single(Evaluate(report).Of("text.applications_mismatch"));
    }

    [Fact]
    public void A_fee_statement_in_traditional_script_satisfies_the_fee_rule()
    {
        var report = Consistent2021();
        report.Sections[5].Text = "本年度本機關未收取信息處理費。";
        Assert.Empty(Evaluate(report).Of("text.fee_statement"));
    }
}
