using ReportValidation.Rules;
using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Rules;

public class RuleCatalogTests
{
    // rules.md, verbatim: callers filter on these ids, so a rename must fail a test.
    private static readonly (string Id, Severity Severity)[] RulesMd =
    [
        ("structure.section_missing", Severity.Error), ("structure.section_order", Severity.Warning),
        ("structure.section_duplicate", Severity.Warning), ("structure.table_missing", Severity.Error),
        ("structure.row_missing", Severity.Error), ("structure.row_incomplete", Severity.Error),
        ("structure.template_mismatch", Severity.Error), ("structure.nonstandard_label", Severity.Info),
        ("cell.not_a_number", Severity.Error), ("cell.negative", Severity.Error), ("cell.not_integer", Severity.Error),
        ("cell.blank", Severity.Warning), ("cell.unit", Severity.Warning),
        ("applications.row_total", Severity.Error), ("applications.result_total", Severity.Error),
        ("applications.balance", Severity.Error), ("review_litigation.review_total", Severity.Error),
        ("review_litigation.direct_total", Severity.Error), ("review_litigation.after_review_total", Severity.Error),
        ("arithmetic.uncertain", Severity.Warning), ("arithmetic.suspect_cell", Severity.Info),
        ("applications.carried_forward_exceeds_received", Severity.Warning), ("active_disclosure.stock", Severity.Warning),
        ("active_disclosure.items_negative", Severity.Warning), ("active_disclosure.published_exceeds_total", Severity.Warning),
        ("active_disclosure.procurement", Severity.Warning),
        ("meta.year_missing", Severity.Error), ("meta.year_inconsistent", Severity.Error), ("meta.period_invalid", Severity.Warning),
        ("meta.date_premature", Severity.Warning), ("meta.date_late", Severity.Warning), ("meta.stale_year", Severity.Info),
        ("text.applications_mismatch", Severity.Warning), ("text.review_litigation_mismatch", Severity.Warning),
        ("text.overview_topics", Severity.Info), ("text.fee_statement", Severity.Warning), ("text.section_thin", Severity.Warning),
        ("cross_year.carry_over", Severity.Error), ("cross_year.stock", Severity.Warning), ("cross_year.duplicate_content", Severity.Warning),
    ];

    // Beyond rules.md (issue 12; README "Rules beyond rules.md"): rules.md has no id for these cases.
    private static readonly (string Id, Severity Severity)[] Additions =
        [("cross_year.not_previous_year", Severity.Warning), ("document.not_a_report", Severity.Error), ("document.text_repaired", Severity.Warning)];

    [Fact]
    public void Catalog_lists_every_rule_of_rules_md_with_its_severity()
    {
        var listed = RuleCatalog.Default.Descriptions.Select(d => (d.Id, d.Severity)).ToArray();
        Assert.Equal([.. RulesMd, .. Additions], listed);
    }

    [Fact]
    public void Every_description_has_chinese_and_english_text_and_a_category()
    {
        Assert.All(RuleCatalog.Default.Descriptions, d =>
        {
            Assert.NotEmpty(d.DescriptionZh);
            Assert.NotEmpty(d.DescriptionEn);
            Assert.NotEmpty(d.Category);
            Assert.NotEmpty(d.TemplateVersions);
        });
    }

    [Fact]
    public void Cross_year_rules_say_they_need_the_previous_year()
    {
        var needing = RuleCatalog.Default.Descriptions.Where(d => d.NeedsPreviousYear).Select(d => d.Id);
        Assert.Equal(["cross_year.carry_over", "cross_year.stock", "cross_year.duplicate_content", "cross_year.not_previous_year"], needing);
    }

    [Fact]
    public void Version_is_derived_from_the_catalog_content()
    {
        var version = RuleCatalog.Default.Version;
        Assert.Matches("^[0-9a-f]{12}$", version);
        var fewer = new RuleCatalog(RuleCatalog.Default.Rules.Skip(1).ToList());
        Assert.NotEqual(version, fewer.Version);
        Assert.Equal(version, new RuleCatalog(RuleCatalog.Default.Rules).Version);
    }

    [Fact]
    public void Identities_are_data_over_cell_keys()
    {
        var rowTotal = Identities.Templates.First(t => t.Rule.Id == "applications.row_total");
        Assert.StartsWith("applications.{row}.total = applications.{row}.natural_person +", rowTotal.Expression, StringComparison.Ordinal);
        // 2019: 23 rows + 7 result columns + 7 balance columns + 3 in table 四; 2021: 25 rows.
        Assert.Equal(23 + 7 + 7 + 3, Identities.V2019.All.Count);
        Assert.Equal(25 + 7 + 7 + 3, Identities.V2021.All.Count);
    }

    [Fact]
    public void Cell_catalog_has_the_rows_of_each_template_version()
    {
        Assert.Contains("applications.other.natural_person", CellCatalog.V2019.ByKey.Keys);
        Assert.DoesNotContain("applications.other.other.natural_person", CellCatalog.V2019.ByKey.Keys);
        Assert.Contains("applications.other.unpaid_fee.total", CellCatalog.V2021.ByKey.Keys);
        Assert.Contains("review_litigation.row.litigation_after_review.pending", CellCatalog.V2021.ByKey.Keys);
        Assert.Contains("active_disclosure.procurement.procurement_amount", CellCatalog.V2019.ByKey.Keys);
        Assert.Contains("active_disclosure.fees.fee_amount", CellCatalog.V2021.ByKey.Keys);
        Assert.Equal(10 + 175 + 15, CellCatalog.V2021.Cells.Count);
        Assert.Equal(22 + 161 + 15, CellCatalog.V2019.Cells.Count);
    }

    [Fact]
    public void Consistent_2021_report_raises_nothing()
    {
        var findings = ReportBuilder.Evaluate(ReportBuilder.Consistent2021());
        Assert.Empty(findings.Select(f => f.RuleId + ": " + f.MessageZh));
    }

    [Fact]
    public void Consistent_2019_report_raises_nothing()
    {
        var findings = ReportBuilder.Evaluate(ReportBuilder.Consistent2019());
        Assert.Empty(findings.Select(f => f.RuleId + ": " + f.MessageZh));
    }
}
