using ReportValidation.Rules;
using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Rules;

public class ArithmeticRuleTests
{
    [Fact]
    public void Row_whose_total_is_not_the_sum_of_applicants_fails_row_total()
    {
        var report = Consistent2021();
        var total = ValueAt(report, "applications.disclosed.total");
        SetNumber(report, "applications.disclosed.total", total + 2);
        var finding = Assert.Single(Evaluate(report).Of("applications.row_total"));
        Assert.Equal("disclosed", finding.Location.Row);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal((total + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), finding.Actual);
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), finding.Expected);
        Assert.Equal(7, finding.Cells.Count);
        Assert.Contains("（一）予以公开", finding.MessageZh, StringComparison.Ordinal);
        Assert.NotEqual(0, finding.Location.Line);
        Assert.Equal(FindingOrigin.Report, finding.Origin);
    }

    [Fact]
    public void Balanced_rows_raise_no_row_total()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("applications.row_total"));
    }

    [Fact]
    public void Column_whose_result_total_differs_fails_result_total_once()
    {
        var report = Consistent2021();
        // Moving one application between two leaves of a column keeps row sums only if totals move too:
        // change the （七）总计 of 自然人 and its 总计 cell so the row still balances.
        SetNumber(report, "applications.total.natural_person", ValueAt(report, "applications.total.natural_person") + 1);
        SetNumber(report, "applications.total.total", ValueAt(report, "applications.total.total") + 1);
        var findings = Evaluate(report);
        var resultTotals = findings.Of("applications.result_total");
        Assert.Equal(["natural_person", "total"], resultTotals.Select(f => f.Location.Column));
        Assert.All(resultTotals, f => Assert.Equal(21 + 1, f.Cells.Count));
    }

    [Fact]
    public void Result_rows_that_add_up_raise_no_result_total()
    {
        Assert.Empty(Evaluate(Consistent2019()).Of("applications.result_total"));
    }

    [Fact]
    public void Received_plus_carried_over_not_equal_to_total_plus_forward_fails_balance()
    {
        var report = Consistent2021();
        SetNumber(report, "applications.carried_over.research_institution", ValueAt(report, "applications.carried_over.research_institution") + 3);
        SetNumber(report, "applications.carried_over.total", ValueAt(report, "applications.carried_over.total") + 3);
        var findings = Evaluate(report).Of("applications.balance");
        Assert.Equal(["research_institution", "total"], findings.Select(f => f.Location.Column));
        Assert.Contains("第一项加第二项之和", findings[0].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Balanced_columns_raise_no_balance()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("applications.balance"));
    }

    [Theory]
    [InlineData("review.upheld", "review_litigation.review_total")]
    [InlineData("litigation_direct.other", "review_litigation.direct_total")]
    [InlineData("litigation_after_review.pending", "review_litigation.after_review_total")]
    public void Group_of_table_four_that_does_not_add_up_fails_its_total(string column, string ruleId)
    {
        var report = Consistent2021();
        SetNumber(report, $"review_litigation.row.{column}", ValueAt(report, $"review_litigation.row.{column}") + 1);
        var findings = Evaluate(report);
        var finding = Assert.Single(findings, f => f.RuleId.StartsWith("review_litigation.", StringComparison.Ordinal));
        Assert.Equal(ruleId, finding.RuleId);
        Assert.Equal("review_litigation", finding.Location.Table);
        Assert.Equal(5, finding.Cells.Count);
    }

    [Fact]
    public void Table_four_that_adds_up_raises_no_total_findings()
    {
        Assert.DoesNotContain(Evaluate(Consistent2021()), f => f.RuleId.StartsWith("review_litigation.", StringComparison.Ordinal));
    }

    [Fact]
    public void Blank_cell_makes_its_identities_uncertain_not_failing()
    {
        var report = Consistent2021();
        SetCell(report, "applications.disclosed.total", Blank());
        var findings = Evaluate(report);
        var uncertain = findings.Of("arithmetic.uncertain");
        // Row （一） and the 总计 column's result total: one finding per identity.
        Assert.Equal(2, uncertain.Count);
        Assert.All(uncertain, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("applications.", StringComparison.Ordinal));
        Assert.Equal("disclosed", uncertain[0].Location.Row);
        Assert.Equal(FindingOrigin.Report, uncertain[0].Origin);
    }

    [Fact]
    public void Table_without_any_number_gives_no_uncertain_flood()
    {
        var report = Consistent2021();
        foreach (var slot in CellCatalog.V2021.Cells.Where(c => c.Table == "applications"))
        {
            SetCell(report, slot.Key, new Cell { State = CellState.Missing });
        }
        Assert.Empty(Evaluate(report).Of("arithmetic.uncertain"));
    }

    [Fact]
    public void Decided_identities_raise_no_uncertain()
    {
        Assert.Empty(Evaluate(Consistent2021()).Of("arithmetic.uncertain"));
    }

    [Fact]
    public void Wrong_cell_in_table_three_is_named_with_its_corrected_value()
    {
        var report = Consistent2021();
        var original = ValueAt(report, "applications.unavailable.not_held.social_welfare_org");
        SetNumber(report, "applications.unavailable.not_held.social_welfare_org", original + 7);
        var findings = Evaluate(report);
        Assert.Single(findings.Of("applications.row_total"));
        Assert.Single(findings.Of("applications.result_total"));
        var suspect = Assert.Single(findings.Of("arithmetic.suspect_cell"));
        Assert.Equal("unavailable.not_held", suspect.Location.Row);
        Assert.Equal("social_welfare_org", suspect.Location.Column);
        Assert.Equal(original.ToString(System.Globalization.CultureInfo.InvariantCulture), suspect.Expected);
        Assert.Equal("single_cell", suspect.Diagnosis);
        Assert.Equal(Severity.Info, suspect.Severity);
    }

    [Fact]
    public void Consistent_tables_have_no_suspect_cell()
    {
        Assert.Empty(Evaluate(Consistent2019()).Of("arithmetic.suspect_cell"));
    }

    /// <summary>
    /// Mutation test: every numeric cell of tables 三 and 四, changed, makes an arithmetic rule fire
    /// and arithmetic.suspect_cell name that cell with its original value.
    /// </summary>
    [Theory]
    [InlineData(2019)]
    [InlineData(2021)]
    public void Every_mutated_cell_of_tables_three_and_four_is_found(int version)
    {
        var layout = version == 2019 ? CellCatalog.V2019 : CellCatalog.V2021;
        var arithmeticRules = new HashSet<string>(Identities.Templates.Select(t => t.Rule.Id));
        var cells = layout.Cells.Where(c => c.Table is "applications" or "review_litigation").ToList();
        Assert.Equal(version == 2019 ? 161 + 15 : 175 + 15, cells.Count);
        foreach (var slot in cells)
        {
            foreach (var delta in new[] { 1, 5 })
            {
                var report = version == 2019 ? Consistent2019() : Consistent2021();
                var original = ValueAt(report, slot.Key);
                SetNumber(report, slot.Key, original + delta);
                var findings = Evaluate(report);
                Assert.True(findings.Exists(f => arithmeticRules.Contains(f.RuleId)), $"no arithmetic finding for {slot.Key}+{delta}");
                var suspects = findings.Of("arithmetic.suspect_cell");
                Assert.True(suspects.Exists(f => f.Location.Table == slot.Table && $"{f.Location.Table}.{f.Location.Row}.{f.Location.Column}" == slot.Key
                        && f.Expected == original.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    $"suspect_cell does not name {slot.Key} (={original}) after +{delta}: "
                    + string.Join("; ", suspects.Select(s => $"{s.Location.Row}.{s.Location.Column}={s.Expected}")));
                if (slot.Table == "applications")
                {
                    // In table 三 the cell is named alone: its row and its column cross only there.
                    Assert.Single(suspects);
                }
            }
        }
    }

    [Fact]
    public void Two_wrong_cells_are_both_named()
    {
        var report = Consistent2021();
        var a = ValueAt(report, "applications.disclosed.natural_person");
        var b = ValueAt(report, "applications.not_processed.duplicate.legal_service_org");
        SetNumber(report, "applications.disclosed.natural_person", a + 2);
        SetNumber(report, "applications.not_processed.duplicate.legal_service_org", b + 3);
        var suspects = Evaluate(report).Of("arithmetic.suspect_cell");
        Assert.Equal(2, suspects.Count);
        Assert.Contains(suspects, s => s.Location.Row == "disclosed" && s.Location.Column == "natural_person" && s.Expected == $"{a}");
        Assert.Contains(suspects, s => s.Location.Row == "not_processed.duplicate" && s.Location.Column == "legal_service_org" && s.Expected == $"{b}");
    }

    [Fact]
    public void Equal_and_opposite_errors_in_one_row_are_a_misclassified_applicant()
    {
        var report = Consistent2021();
        // One application of 予以公开 counted under 商业企业 instead of 自然人: the row's 总计 still balances.
        var person = ValueAt(report, "applications.disclosed.natural_person");
        var enterprise = ValueAt(report, "applications.disclosed.commercial_enterprise");
        Assert.True(person > 0);
        SetNumber(report, "applications.disclosed.natural_person", person - 1);
        SetNumber(report, "applications.disclosed.commercial_enterprise", enterprise + 1);
        var findings = Evaluate(report);
        Assert.Empty(findings.Of("applications.row_total"));
        Assert.Equal(2, findings.Of("applications.result_total").Count);
        var suspects = findings.Of("arithmetic.suspect_cell");
        Assert.NotEmpty(suspects);
        Assert.All(suspects, s => Assert.Equal("misclassified_applicant", s.Diagnosis));
        Assert.Contains(suspects, s => s.Location.Row == "disclosed" && s.Location.Column == "natural_person" && s.Expected == $"{person}");
        Assert.Contains(suspects, s => s.Location.Row == "disclosed" && s.Location.Column == "commercial_enterprise" && s.Expected == $"{enterprise}");
        Assert.Contains("错误的申请人类型", suspects[0].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Digits_split_by_the_source_are_recognised_when_joined_they_balance()
    {
        var report = Consistent2021();
        var value = ValueAt(report, "applications.received.total");
        Assert.InRange(value, 10, 99);
        // The source printed "6 6" for 66 and the reader took the first digit.
        var text = $"{value / 10} {value % 10}";
        SetNumber(report, "applications.received.total", value / 10, raw: text);
        var suspect = Assert.Single(Evaluate(report).Of("arithmetic.suspect_cell"));
        Assert.Equal("split_digits", suspect.Diagnosis);
        Assert.Equal($"{value}", suspect.Expected);
        Assert.Equal(FindingOrigin.Extraction, suspect.Origin);
        Assert.Contains("数字被拆开", suspect.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_digits_read_as_text_are_recognised()
    {
        var report = Consistent2021();
        var value = ValueAt(report, "applications.total.total");
        Assert.True(value >= 10);
        var text = string.Join(' ', value.ToString(System.Globalization.CultureInfo.InvariantCulture).ToCharArray());
        SetCell(report, "applications.total.total", Text(text));
        var findings = Evaluate(report);
        var suspect = Assert.Single(findings.Of("arithmetic.suspect_cell"));
        Assert.Equal("split_digits", suspect.Diagnosis);
        Assert.Equal($"{value}", suspect.Expected);
        Assert.Equal(FindingOrigin.Extraction, Assert.Single(findings.Of("cell.not_a_number")).Origin);
    }

    [Fact]
    public void Fee_of_ten_thousand_wan_yuan_is_a_unit_slip()
    {
        var report = Consistent2021();
        SetCell(report, "active_disclosure.fees.fee_amount", Number(15000, "万元"));
        var suspect = Assert.Single(Evaluate(report).Of("arithmetic.suspect_cell"));
        Assert.Equal("unit_slip", suspect.Diagnosis);
        Assert.Equal("1.5", suspect.Expected);
        Assert.Contains("万元", suspect.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Plausible_money_is_not_a_unit_slip()
    {
        var report = Consistent2019();
        SetCell(report, "active_disclosure.procurement.procurement_amount", Decimal("398.3675", "万元"));
        Assert.Empty(Evaluate(report).Of("arithmetic.suspect_cell"));
        Assert.Empty(Evaluate(Consistent2019()).Of("arithmetic.suspect_cell")); // 129014 元 for 14 items
    }

    [Fact]
    public void Procurement_in_yuan_with_four_decimals_is_a_unit_slip()
    {
        var report = Consistent2019();
        SetCell(report, "active_disclosure.procurement.procurement_amount", Decimal("398.3675", "元"));
        var suspect = Assert.Single(Evaluate(report).Of("arithmetic.suspect_cell"));
        Assert.Equal("unit_slip", suspect.Diagnosis);
        Assert.Equal("3983675", suspect.Expected);
    }
}

public class SplitRowTests
{
    [Fact]
    public void Row_with_one_value_too_many_whose_joined_pair_balances_names_the_split_number()
    {
        var report = ReportBuilder.Consistent2021();
        var row = report.Applications.Received;
        var values = new[] { row.NaturalPerson, row.CommercialEnterprise, row.ResearchInstitution, row.SocialWelfareOrg, row.LegalServiceOrg, row.OtherOrg, row.Total }
            .Select(c => c.Integer).ToList();
        var person = values[0];
        Assert.InRange(person, 10, 99);
        // The source printed 自然人 "12" as "1 | 2": eight values for seven columns.
        row.Source.ValuesFound = 8;
        row.Source.UnassignedValues.Add(ReportBuilder.Number(person / 10, line: 900));
        row.Source.UnassignedValues.Add(ReportBuilder.Number(person % 10, line: 901));
        foreach (var value in values.Skip(1))
        {
            row.Source.UnassignedValues.Add(ReportBuilder.Number(value));
        }
        var findings = ReportBuilder.Evaluate(report);
        Assert.Single(findings.Of("structure.row_incomplete"));
        var suspect = Assert.Single(findings.Of("arithmetic.suspect_cell"));
        Assert.Equal("split_digits", suspect.Diagnosis);
        Assert.Equal("received", suspect.Location.Row);
        Assert.Equal("natural_person", suspect.Location.Column);
        Assert.Equal($"{person}", suspect.Expected);
        Assert.Equal(900, suspect.Location.Line);
    }

    [Fact]
    public void Row_with_one_value_too_many_that_no_join_explains_gets_no_suspect()
    {
        var report = ReportBuilder.Consistent2021();
        var row = report.Applications.Received;
        row.Source.ValuesFound = 8;
        foreach (var value in new long[] { 3, 3, 3, 3, 3, 3, 3, 3 })
        {
            row.Source.UnassignedValues.Add(ReportBuilder.Number(value));
        }
        var findings = ReportBuilder.Evaluate(report);
        Assert.Single(findings.Of("structure.row_incomplete"));
        Assert.Empty(findings.Of("arithmetic.suspect_cell"));
    }
}
