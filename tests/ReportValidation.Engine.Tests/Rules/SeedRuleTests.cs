using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tests.Rules;

/// <summary>What the five seeds must show once parsed and validated (issue 2, "What the seeds must show").</summary>
public class SeedRuleTests
{
    private static ValidationResult Validate(string id) =>
        ReportEngine.Default.Validate(InputDocument.FromText(File.ReadAllText(Seeds.PathOf(id))));

    private static string[] Ids(ValidationResult result) => [.. result.Findings.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void Seed_000_collapsed_table_three_is_row_incomplete_with_no_invented_numbers()
    {
        var result = Validate("000");
        var incomplete = result.Findings.Where(f => f.RuleId == "structure.row_incomplete").ToList();
        Assert.Equal(25, incomplete.Count);
        Assert.All(incomplete, f => Assert.Equal("applications", f.Location.Table));
        Assert.DoesNotContain(result.Findings, f => f.RuleId.StartsWith("applications.", StringComparison.Ordinal)
            || f.RuleId.StartsWith("arithmetic.", StringComparison.Ordinal) || f.RuleId.StartsWith("review_litigation.", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_000_label_1_举报投诉类申请_is_nonstandard()
    {
        var finding = Assert.Single(Validate("000").Findings, f => f.RuleId == "structure.nonstandard_label");
        Assert.Equal("not_processed.complaint", finding.Location.Row);
        Assert.Contains("1.举报投诉类申请", finding.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_000_published_2022_01_21_is_on_time()
    {
        var result = Validate("000");
        Assert.DoesNotContain(result.Findings, f => f.RuleId is "meta.date_late" or "meta.date_premature");
    }

    [Fact]
    public void Seed_000_is_late_against_a_stricter_local_deadline_from_the_options()
    {
        var options = new ValidationOptions { LocalDeadline = "2022-01-20" };
        var result = ReportEngine.Default.Validate(InputDocument.FromText(File.ReadAllText(Seeds.PathOf("000"))), options: options);
        var late = Assert.Single(result.Findings, f => f.RuleId == "meta.date_late");
        Assert.Equal("2022-01-21", late.Actual);
    }

    [Fact]
    public void Seed_000_overview_reporting_2020_figures_is_a_stale_year()
    {
        var finding = Assert.Single(Validate("000").Findings, f => f.RuleId == "meta.stale_year");
        Assert.Contains("2020年共办理市长热线24件", finding.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_001_has_no_errors_and_no_findings()
    {
        var result = Validate("001");
        Assert.Equal(0, result.Summary.Errors);
        Assert.Empty(Ids(result));
        Assert.True(result.Summary.Passes);
    }

    [Fact]
    public void Seed_002_duplicate_section_one_missing_six_and_malformed_period()
    {
        var result = Validate("002");
        var duplicate = Assert.Single(result.Findings, f => f.RuleId == "structure.section_duplicate");
        Assert.Equal(1, duplicate.Location.Section);
        var missing = Assert.Single(result.Findings, f => f.RuleId == "structure.section_missing");
        Assert.Equal(6, missing.Location.Section);
        var period = Assert.Single(result.Findings, f => f.RuleId == "meta.period_invalid");
        Assert.Contains("201912月31日", period.MessageZh, StringComparison.Ordinal);
        Assert.Equal(
            ["meta.period_invalid", "structure.nonstandard_label", "structure.section_duplicate", "structure.section_missing"],
            Ids(result));
    }

    [Fact]
    public void Seed_003_missing_six_and_dated_before_the_year_ended()
    {
        var result = Validate("003");
        Assert.Equal(6, Assert.Single(result.Findings, f => f.RuleId == "structure.section_missing").Location.Section);
        var premature = Assert.Single(result.Findings, f => f.RuleId == "meta.date_premature");
        Assert.Equal("2020-12-30", premature.Actual);
        Assert.Equal(["meta.date_premature", "structure.nonstandard_label", "structure.section_missing"], Ids(result));
    }

    [Fact]
    public void Seed_003_column_header_without_its_last_character_is_a_nonstandard_label()
    {
        var text = File.ReadAllText(Seeds.PathOf("003"));
        var result = ReportEngine.Default.Validate(InputDocument.FromText(text));

        var label = Assert.Single(result.Findings, f => f.RuleId == "structure.nonstandard_label");
        Assert.Equal(("active_disclosure", "", "published_total"), (label.Location.Table, label.Location.Row, label.Location.Column));
        Assert.Equal(("对外公开总数", "对外公开总数量"), (label.Actual, label.Expected));
        Assert.Equal("对外公开总数", text[label.Location.StartOffset..label.Location.EndOffset]);
        Assert.Equal(Severity.Info, label.Severity);
    }

    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    [InlineData("004")]
    public void Official_column_headers_raise_nothing_and_are_recorded(string id)
    {
        var result = Validate(id);

        Assert.NotEmpty(result.Report.ActiveDisclosure.Headers);
        Assert.All(result.Report.ActiveDisclosure.Headers, h => Assert.Equal(LabelMatch.Official, h.LabelMatch));
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "structure.nonstandard_label" && f.Location.Column.Length > 0);
    }

    [Fact]
    public void Seed_004_blank_regulations_row_is_cell_blank_and_nothing_else()
    {
        var result = Validate("004");
        var blank = Assert.Single(result.Findings);
        Assert.Equal("cell.blank", blank.RuleId);
        Assert.Equal("active_disclosure", blank.Location.Table);
        Assert.Equal("regulations", blank.Location.Row);
    }

    [Fact]
    public void Seed_004_narrative_6_1_1_1_2_1_agrees_with_table_three()
    {
        var result = Validate("004");
        Assert.DoesNotContain(result.Findings, f => f.RuleId.StartsWith("text.", StringComparison.Ordinal)
            || f.RuleId.StartsWith("applications.", StringComparison.Ordinal) || f.RuleId.StartsWith("arithmetic.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("003")]
    [InlineData("004")]
    public void Seeds_raise_no_narrative_false_alarm(string id)
    {
        Assert.DoesNotContain(Validate(id).Findings, f => f.RuleId is "text.applications_mismatch" or "text.review_litigation_mismatch");
    }

    [Theory]
    [InlineData("001")]
    [InlineData("004")]
    public void Wrong_narrative_number_in_a_seed_is_a_mismatch_pointing_at_the_number(string id)
    {
        // 004: "收到依申请公开6件" → 7件; 001 has no application figure, so add one to its overview.
        var text = File.ReadAllText(Seeds.PathOf(id));
        var changed = id == "004"
            ? text.Replace("收到依申请公开6件", "收到依申请公开7件", StringComparison.Ordinal)
            : text.Replace("2019年，区科技局结合工作职能", "2019年，区科技局共收到政府信息公开申请三件，区科技局结合工作职能", StringComparison.Ordinal);
        Assert.NotEqual(text, changed);
        var result = ReportEngine.Default.Validate(InputDocument.FromText(changed));
        var finding = Assert.Single(result.Findings, f => f.RuleId == "text.applications_mismatch");
        var number = changed[finding.Location.StartOffset..finding.Location.EndOffset];
        Assert.Equal(id == "004" ? "7" : "三", number);
        Assert.Equal(id == "004" ? "6" : "0", finding.Expected);
    }
}

/// <summary>
/// The mutation test on the seeds themselves: for every numeric cell of tables 三 and 四 of each seed
/// that parses completely, a changed value makes an arithmetic rule fire and suspect_cell name it.
/// </summary>
public class SeedMutationTests
{
    [Theory]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("003")]
    [InlineData("004")]
    public void Every_mutated_cell_of_a_complete_seed_is_named(string id)
    {
        var parsed = ReportEngine.Default.Parse(InputDocument.FromText(File.ReadAllText(Seeds.PathOf(id))));
        var layout = ReportValidation.Template.CellCatalog.For(ReportValidation.Template.CellCatalog.EffectiveVersion(parsed));
        var cells = layout.Cells.Where(c => c.Table is "applications" or "review_litigation").ToList();
        Assert.All(cells, c => Assert.Equal(CellState.Number, c.Get(parsed)?.State));
        var identityRules = new HashSet<string>(ReportValidation.Rules.Analysis.Identities.Templates.Select(t => t.Rule.Id));
        foreach (var slot in cells)
        {
            var report = parsed.Clone();
            var cell = slot.Get(report)!;
            var original = cell.Integer;
            cell.Integer = original + 3;
            cell.Raw = $"{original + 3}";
            var findings = ReportValidation.Rules.RuleCatalog.Default.Evaluate(report, null);
            Assert.Contains(findings, f => identityRules.Contains(f.RuleId));
            Assert.True(findings.Exists(f => f.RuleId == "arithmetic.suspect_cell"
                    && $"{f.Location.Table}.{f.Location.Row}.{f.Location.Column}" == slot.Key && f.Expected == $"{original}"),
                $"seed {id}: suspect_cell does not name {slot.Key}");
        }
    }
}
