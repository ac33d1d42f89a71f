using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Parsing;

/// <summary>Each seed parses to exactly the values it prints.</summary>
public class SeedParsingTests
{
    [Fact]
    public void Seed000_is_a_2021_report_with_collapsed_applications_rows()
    {
        var report = Seeds.Parse("000");
        Assert.Equal("新洲区科经局2021年度政府信息公开工作年度报告", report.Title);
        Assert.Equal(2021, report.Year);
        Assert.Equal("新洲区科经局", report.IssuingBody);
        Assert.Equal(TemplateVersion._2021, report.TemplateVersion);
        Assert.Equal(PublisherKind.Department, report.PublisherKind);
        var published = Assert.Single(report.Dates, d => d.Kind == DateKind.Publication);
        Assert.Equal(new Date { Year = 2022, Month = 1, Day = 21 }, published.Date);
        Assert.Equal([1, 2, 3, 4, 5, 6], report.Sections.Select(s => s.Ordinal));
        Assert.Equal("""
            regulations: 0 0 0
            normative_documents: 0 0 0
            licensing: 0
            penalty: 0
            coercion: 0
            fees: 0
            """, TableText.ActiveDisclosure(report.ActiveDisclosure));
        Assert.Equal("万元", report.ActiveDisclosure.V2021.Fees.FeeAmount.Unit);
        // One value per row: columns cannot be assigned, so nothing is placed and nothing invented.
        Assert.True(report.Applications.Collapsed);
        Assert.Equal(TableText.Uniform(TemplateVersion._2021, "? ? ? ? ? ? ?"), TableText.Applications(report.Applications));
        Assert.All(ApplicationRows(report), row =>
        {
            Assert.True(row.Source.Found);
            Assert.Equal(1, row.Source.ValuesFound);
            Assert.Equal("0", Assert.Single(row.Source.UnassignedValues).Raw);
        });
        Assert.Equal(LabelMatch.Alias, report.Applications.NotProcessedComplaint.Source.LabelMatch);
        Assert.Equal("1.举报投诉类申请", report.Applications.NotProcessedComplaint.Source.Label);
        Assert.Equal("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", TableText.ReviewLitigation(report.ReviewLitigation));
    }

    [Fact]
    public void Seed001_reads_every_cell_of_table_two_including_signed_changes_and_the_amount_in_yuan()
    {
        var report = Seeds.Parse("001");
        Assert.Equal(2019, report.Year);
        Assert.Equal(TemplateVersion._2019, report.TemplateVersion);
        Assert.Equal([1, 2, 3, 4, 5, 6], report.Sections.Select(s => s.Ordinal));
        Assert.Equal(new Date { Year = 2019, Month = 1, Day = 1 }, report.Period.Start);
        Assert.Equal(new Date { Year = 2019, Month = 12, Day = 31 }, report.Period.End);
        Assert.False(report.Period.Malformed);
        Assert.Equal("""
            regulations: 0 0 0
            normative_documents: 0 0 0
            licensing: 0 0 0
            other_services: 3 3 531
            penalty: 4 -4 0
            coercion: 1 -1 0
            fees: 0 0
            procurement: 14 129014
            """, TableText.ActiveDisclosure(report.ActiveDisclosure));
        Assert.Equal("+3", report.ActiveDisclosure.V2019.OtherServices.Change.Raw);
        Assert.Equal("元", report.ActiveDisclosure.V2019.Procurement.ProcurementAmount.Unit);
        Assert.Equal("", report.ActiveDisclosure.V2019.Procurement.ProcurementItems.Unit);
        Assert.Equal(TableText.Zeros2019Applications, TableText.Applications(report.Applications));
        Assert.Equal("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", TableText.ReviewLitigation(report.ReviewLitigation));
    }

    [Fact]
    public void Seed002_keeps_the_duplicate_heading_the_malformed_period_and_the_amount_in_ten_thousand_yuan()
    {
        var report = Seeds.Parse("002");
        Assert.Equal("共青城市政府办公室2019年政府信息公开工作年度报告", report.Title);
        Assert.Equal(2019, report.Year);
        Assert.Equal(TemplateVersion._2019, report.TemplateVersion);
        Assert.Equal(PublisherKind.Department, report.PublisherKind);
        Assert.Equal([1, 1, 2, 3, 4, 5], report.Sections.Select(s => s.Ordinal));
        Assert.True(report.Period.Malformed);
        Assert.Contains(report.Dates, d => d.Malformed && d.Raw == "201912月31日");
        Assert.Equal("""
            regulations: 0 0 0
            normative_documents: 0 0 0
            licensing: 0 0 0
            other_services: 13 0 0
            penalty: 1 0 0
            coercion: 0 0 0
            fees: 0 0
            procurement: 12 398.3675
            """, TableText.ActiveDisclosure(report.ActiveDisclosure));
        Assert.Equal("万元", report.ActiveDisclosure.V2019.Procurement.ProcurementAmount.Unit);
        Assert.Equal(TableText.Zeros2019Applications, TableText.Applications(report.Applications));
        Assert.Equal(LabelMatch.Alias, report.Applications.PartiallyDisclosed.Source.LabelMatch);
        Assert.Equal("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", TableText.ReviewLitigation(report.ReviewLitigation));
    }

    [Fact]
    public void Seed003_is_a_2020_report_in_the_2019_template_signed_before_the_year_ended()
    {
        var report = Seeds.Parse("003");
        Assert.Equal(2020, report.Year);
        Assert.Equal(TemplateVersion._2019, report.TemplateVersion);
        Assert.Equal("雷州市科工贸和信息化局", report.IssuingBody);
        Assert.Equal([1, 2, 3, 4, 5], report.Sections.Select(s => s.Ordinal));
        var signature = Assert.Single(report.Dates, d => d.Kind == DateKind.Signature);
        Assert.Equal(new Date { Year = 2020, Month = 12, Day = 30 }, signature.Date);
        Assert.Equal("""
            regulations: 0 0 0
            normative_documents: 0 0 0
            licensing: 0 0 0
            other_services: 0 0 0
            penalty: 0 0 0
            coercion: 0 0 0
            fees: 0 0
            procurement: 0 0
            """, TableText.ActiveDisclosure(report.ActiveDisclosure));
        Assert.Equal("", report.ActiveDisclosure.V2019.Procurement.ProcurementAmount.Unit);
        Assert.Equal(TableText.Zeros2019Applications, TableText.Applications(report.Applications));
        Assert.Equal("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", TableText.ReviewLitigation(report.ReviewLitigation));
    }

    [Fact]
    public void Seed004_reads_table_three_as_printed_and_the_empty_regulations_row_as_blank()
    {
        var report = Seeds.Parse("004");
        Assert.Equal(2024, report.Year);
        Assert.Equal(TemplateVersion._2021, report.TemplateVersion);
        Assert.Equal("重庆市万盛经济技术开发区管理委员会办公室", report.IssuingBody);
        Assert.Equal([1, 2, 3, 4, 5, 6], report.Sections.Select(s => s.Ordinal));
        Assert.Equal("""
            regulations: _ _ _
            normative_documents: 6 4 49
            licensing: 0
            penalty: 0
            coercion: 0
            fees: 0
            """, TableText.ActiveDisclosure(report.ActiveDisclosure));
        Assert.Equal("""
            received: 5 1 0 0 0 0 6
            carried_over: 0 0 0 0 0 0 0
            disclosed: 0 1 0 0 0 0 1
            partially_disclosed: 1 0 0 0 0 0 1
            withheld.state_secret: 0 0 0 0 0 0 0
            withheld.prohibited_by_law: 0 0 0 0 0 0 0
            withheld.security_stability: 0 0 0 0 0 0 0
            withheld.third_party_rights: 1 0 0 0 0 0 1
            withheld.internal_affairs: 0 0 0 0 0 0 0
            withheld.process_information: 0 0 0 0 0 0 0
            withheld.enforcement_files: 0 0 0 0 0 0 0
            withheld.query_matters: 0 0 0 0 0 0 0
            unavailable.not_held: 2 0 0 0 0 0 2
            unavailable.needs_creation: 0 0 0 0 0 0 0
            unavailable.unclear_after_correction: 0 0 0 0 0 0 0
            not_processed.complaint: 1 0 0 0 0 0 1
            not_processed.duplicate: 0 0 0 0 0 0 0
            not_processed.publication: 0 0 0 0 0 0 0
            not_processed.excessive: 0 0 0 0 0 0 0
            not_processed.confirmation: 0 0 0 0 0 0 0
            other.no_correction: 0 0 0 0 0 0 0
            other.unpaid_fee: 0 0 0 0 0 0 0
            other.other: 0 0 0 0 0 0 0
            total: 5 1 0 0 0 0 6
            carried_forward: 0 0 0 0 0 0 0
            """, TableText.Applications(report.Applications));
        Assert.False(report.Applications.Collapsed);
        Assert.Equal("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", TableText.ReviewLitigation(report.ReviewLitigation));
    }

    [Fact]
    public void A_cell_span_points_at_the_value_in_the_source_text()
    {
        var text = Seeds.Text("004");
        var report = Seeds.ParseText(text);
        var cell = report.ActiveDisclosure.V2021.NormativeDocuments.InForce;
        Assert.Equal("49", text[cell.Span.StartOffset..cell.Span.EndOffset]);
        var lines = text.Split('\n');
        Assert.StartsWith("49", lines[cell.Span.Line - 1]);
        Assert.Equal(1, cell.Span.Column);
    }

    [Fact]
    public void Section_text_is_the_exact_source_between_headings()
    {
        var text = Seeds.Text("004");
        var report = Seeds.ParseText(text);
        foreach (var section in report.Sections)
        {
            Assert.Equal(section.Text, text[section.Span.StartOffset..section.Span.EndOffset]);
        }
        Assert.StartsWith("本年度，本机关未收取信息公开处理费".Replace('，', ','), report.Sections[^1].Text);
    }

    private static IEnumerable<ApplicationsRow> ApplicationRows(Report report) =>
        ApplicationsTemplate.Rows.Select(r => r.Get(report.Applications)).OfType<ApplicationsRow>();
}
