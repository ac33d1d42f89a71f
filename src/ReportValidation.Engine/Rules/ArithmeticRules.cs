using System.Globalization;
using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// The arithmetic rules (format.md §7): failing identities, identities that cannot be decided, and
/// the root cause behind failures. All of them read the one evaluation in <see cref="Arithmetic"/>.
/// </summary>
public static class ArithmeticRules
{
    /// <summary>The rules of this group, in the order of rules.md.</summary>
    public static IReadOnlyList<Rule> All => [RowTotal, ResultTotal, Balance, ReviewTotal, DirectTotal, AfterReviewTotal, Uncertain, SuspectCell];

    public static Rule RowTotal { get; } = IdentityRule("applications.row_total",
        "表三某行：总计不等于六类申请人之和",
        "总计 ≠ sum of the six applicant columns, in a row");

    public static Rule ResultTotal { get; } = IdentityRule("applications.result_total",
        "表三某列：（七）总计不等于各办理结果之和",
        "（七）总计 ≠ sum of the result leaf rows, in a column");

    public static Rule Balance { get; } = IdentityRule("applications.balance",
        "表三某列：第一项加第二项之和不等于第三项加第四项之和",
        "一 + 二 ≠ （七）总计 + 四, in a column");

    public static Rule ReviewTotal { get; } = IdentityRule("review_litigation.review_total",
        $"表四{Review}：总计不等于维持、纠正、其他、{Pending}之和",
        $"{Review} 总计 ≠ 维持 + 纠正 + 其他 + {Pending}");

    public static Rule DirectTotal { get; } = IdentityRule("review_litigation.direct_total",
        $"表四{Direct}：总计不等于四项之和",
        $"{Direct} 总计 ≠ sum of its four");

    public static Rule AfterReviewTotal { get; } = IdentityRule("review_litigation.after_review_total",
        $"表四{AfterReview}：总计不等于四项之和",
        $"{AfterReview} 总计 ≠ sum of its four");

    // Table 四's labels, as the template writes them.
    private static string Review => ReviewLitigationTemplate.Review.LabelZh;
    private static string Direct => ReviewLitigationTemplate.LitigationDirect.LabelZh;
    private static string AfterReview => ReviewLitigationTemplate.LitigationAfterReview.LabelZh;
    private static string Pending => ReviewLitigationTemplate.Pending.LabelZh;

    /// <summary>A rule whose findings are its failing identities (<see cref="Identities"/>).</summary>
    private static Rule IdentityRule(string id, string descriptionZh, string descriptionEn)
    {
        Rule rule = null!;
        rule = new(id, Severity.Error, "arithmetic", descriptionZh, descriptionEn, TemplateVersions.Both, context => Failing(context, rule));
        return rule;
    }

    /// <summary>Reports each failing identity of one rule, once per row or column where it fails.</summary>
    private static void Failing(RuleContext context, Rule rule)
    {
        var arithmetic = context.Arithmetic;
        var identities = arithmetic.Identities;
        for (var i = 0; i < identities.Count; i++)
        {
            var identity = identities[i];
            var outcome = arithmetic.Outcomes[i];
            if (!ReferenceEquals(identity.Rule, rule) || outcome.Status != IdentityStatus.Fails)
            {
                continue;
            }
            var template = identity.Template;
            var left = RuleContext.Format(outcome.Left);
            var right = RuleContext.Format(outcome.Right);
            var diff = RuleContext.Format(outcome.Left - outcome.Right);
            var leftTerms = arithmetic.Terms(identity.Left);
            var rightTerms = arithmetic.Terms(identity.Right);
            string Fill(string text, string where) => text
                .Replace("{where}", where, StringComparison.Ordinal)
                .Replace("{leftTerms}", leftTerms, StringComparison.Ordinal)
                .Replace("{rightTerms}", rightTerms, StringComparison.Ordinal)
                .Replace("{left}", left, StringComparison.Ordinal)
                .Replace("{right}", right, StringComparison.Ordinal)
                .Replace("{diff}", diff, StringComparison.Ordinal);
            var anchor = identity.Anchor;
            var anchorCell = context.Grid.Cells[anchor.Index];
            var finding = context.Add(rule, Fill(template.MessageZh, identity.WhereZh), Fill(template.MessageEn, identity.WhereEn),
                RuleContext.At(anchorCell?.Span, anchor.Table, identity.Row, identity.Column));
            finding.Expected = right;
            finding.Actual = left;
            foreach (var cell in identity.AllCells)
            {
                finding.Cells.Add(RuleContext.Ref(cell, context.Grid.Cells[cell.Index]));
            }
        }
    }

    public static Rule Uncertain { get; } = new("arithmetic.uncertain", Severity.Warning, "arithmetic",
        "勾稽关系无法判定：其中有空白或无法识别的单元格",
        "an identity could not be decided because a cell in it is blank or unreadable",
        TemplateVersions.Both, CheckUncertain);

    /// <summary>
    /// One finding per identity that a blank or unreadable cell leaves undecided, in a table that has
    /// numbers to speak of. Rows that are missing or could not be assigned are the structure rules'.
    /// </summary>
    private static void CheckUncertain(RuleContext context)
    {
        var arithmetic = context.Arithmetic;
        var identities = arithmetic.Identities;
        for (var i = 0; i < identities.Count; i++)
        {
            var identity = identities[i];
            if (arithmetic.Outcomes[i].Status != IdentityStatus.Undecided || !context.Grid.HasNumbers(identity.Table))
            {
                continue;
            }
            var unknown = new List<CellSlot>();
            var origin = FindingOrigin.Report;
            foreach (var cell in identity.AllCells)
            {
                if (!context.Grid.Known[cell.Index])
                {
                    unknown.Add(cell);
                    if (context.Grid.Cells[cell.Index]?.State != CellState.Blank)
                    {
                        origin = FindingOrigin.Extraction;
                    }
                }
            }
            var first = unknown[0];
            var firstCell = context.Grid.Cells[first.Index];
            var more = unknown.Count > 1 ? $"等{unknown.Count}个单元格" : "";
            var finding = context.Add(Uncertain,
                $"{Describe(identity)}无法判定：{first.WhereZh}为{RuleContext.Describe(firstCell)}{more}，按未知处理（不视为0）。",
                $"{identity.Rule.Id} at {DescribeEn(identity)} cannot be decided: {first.Key} is {RuleContext.DescribeEn(firstCell)}"
                + (unknown.Count > 1 ? $" and {unknown.Count - 1} more cells are unknown." : "."),
                RuleContext.At(firstCell?.Span ?? context.Grid.Cells[identity.Anchor.Index]?.Span, identity.Table, identity.Row, identity.Column),
                origin);
            foreach (var cell in unknown)
            {
                finding.Cells.Add(RuleContext.Ref(cell, context.Grid.Cells[cell.Index]));
            }
        }
    }

    private static string Describe(Identity identity) => identity.Rule.Id switch
    {
        "applications.row_total" => $"表三“{identity.WhereZh}”行总计与六类申请人之和的关系",
        "applications.result_total" => $"表三“{identity.WhereZh}”列（七）总计与各项办理结果之和的关系",
        "applications.balance" => $"表三“{identity.WhereZh}”列“第一项加第二项等于第三项加第四项”的关系",
        "review_litigation.review_total" => $"表四{Review}总计与各项之和的关系",
        "review_litigation.direct_total" => $"表四{Direct}总计与各项之和的关系",
        _ => $"表四{AfterReview}总计与各项之和的关系",
    };

    private static string DescribeEn(Identity identity) =>
        identity.Row.Length > 0 && identity.Column.Length == 0 ? $"row {identity.Row}"
        : identity.Column.Length > 0 && identity.Row.Length == 0 ? $"column {identity.Column}"
        : identity.Column;

    public static Rule SuspectCell { get; } = new("arithmetic.suspect_cell", Severity.Info, "arithmetic",
        "勾稽关系不成立时，指出改正后可使全部关系成立的单元格及其应有数值",
        "when several identities fail, the single cell (or smallest set of cells) whose correction makes all of them hold, with its corrected value",
        TemplateVersions.Both, CheckSuspectCell);

    /// <summary>The cells behind failing identities (and 元/万元 slips in money), named with their corrected values.</summary>
    private static void CheckSuspectCell(RuleContext context)
    {
        foreach (var suspect in context.Arithmetic.FindSuspects())
        {
            var slot = suspect.Cell;
            var cell = context.Grid.Cells[slot.Index];
            if (suspect.SourceRaw is not null)
            {
                // A row whose values could not be assigned: point at the source text of the split number.
                cell = new Cell { Raw = suspect.SourceRaw, State = CellState.Text, Span = suspect.SourceSpan };
            }
            var actual = cell?.Raw is { Length: > 0 } raw ? raw : RuleContext.Format(suspect.Actual);
            var expected = RuleContext.Format(suspect.Corrected);
            string zh, en;
            var origin = FindingOrigin.Report;
            switch (suspect.Diagnosis)
            {
                case "misclassified_applicant":
                    var partner = suspect.Partner!;
                    var delta = suspect.Corrected - suspect.Actual;
                    zh = $"疑似有申请计入了错误的申请人类型：{slot.WhereZh}现为{actual}，“{partner.ColumnLabelZh}”列与之相差相反（本行总计不变）；"
                        + $"将本格改为{expected}、“{partner.ColumnLabelZh}”列相应{(delta > 0 ? "减少" : "增加")}{Math.Abs(delta)}后，全部勾稽关系成立"
                        + (suspect.Alternatives > 0 ? $"（另有{suspect.Alternatives}行同样可能）。" : "。");
                    en = $"An application seems counted under the wrong applicant type: {slot.Key} is {actual}; with {expected} here and "
                        + $"{partner.Column} changed by {-delta}, every identity holds (the row total is unchanged).";
                    break;
                case "split_digits":
                    zh = $"{slot.WhereZh}原文为“{cell?.Raw}”，疑似数字被拆开；按{expected}计算时{Plural(suspect)}勾稽关系全部成立。";
                    en = $"{slot.Key} reads \"{cell?.Raw}\": digits split by the source; as {expected} every identity it is in holds.";
                    origin = FindingOrigin.Extraction;
                    break;
                default:
                    if (suspect.Alternatives == 0)
                    {
                        zh = suspect.Partner is { } other
                            ? $"{slot.WhereZh}很可能有误：现为{actual}，应为{expected}（另一处疑似错误为{other.WhereZh}）；两处改正后全部勾稽关系成立。"
                            : $"{slot.WhereZh}很可能有误：现为{actual}，改为{expected}后{Plural(suspect)}勾稽关系全部成立。";
                        en = $"{slot.Key} is most likely wrong: it is {actual}; with {expected} every failing identity holds.";
                    }
                    else
                    {
                        zh = $"{slot.WhereZh}可能有误：现为{actual}，改为{expected}可使不成立的勾稽关系成立（另有{suspect.Alternatives}个单元格同样可能）。";
                        en = $"{slot.Key} may be wrong: it is {actual}; with {expected} the failing identity holds "
                            + $"({suspect.Alternatives} other cells could equally be the cause).";
                    }
                    break;
            }
            var finding = context.Add(SuspectCell, zh, en, RuleContext.At(slot, cell), origin);
            finding.Diagnosis = suspect.Diagnosis;
            finding.Expected = expected;
            finding.Actual = actual;
            finding.Cells.Add(RuleContext.Ref(slot, cell));
            if (suspect.Partner is { } partnerSlot)
            {
                finding.Cells.Add(RuleContext.Ref(partnerSlot, context.Grid.Cells[partnerSlot.Index]));
            }
        }
        UnitSlips(context);
    }

    private static string Plural(Suspect suspect) => suspect.IdentitiesFixed > 1 ? $"{suspect.IdentitiesFixed}条" : "相关";

    /// <summary>
    /// A 元/万元 slip (factor 10 000) in money: no identity covers money, so the signs are the unit
    /// and the size. A 元 amount has at most two decimals (分); a 2021 fee of 10 000 万元 or more, or a
    /// 2019 procurement of 10 000 万元 or more per item, was most likely written in 元.
    /// </summary>
    private static void UnitSlips(RuleContext context)
    {
        var grid = context.Grid;
        if (context.Version == TemplateVersion._2021)
        {
            var slot = context.Layout.Cell("active_disclosure.fees.fee_amount");
            var cell = grid.Cells[slot.Index];
            if (grid.StateOfCell(slot.Index) != RowState.Usable || !ReportGrid.TryDecimal(cell, out var amount) || amount <= 0)
            {
                return;
            }
            var unit = CellRules.UnitOf(cell!);
            if (unit == "元")
            {
                AddUnitSlip(context, slot, cell!, amount / 10000m, "万元",
                    $"表二{slot.Definition.ShortZh}写为{cell!.Raw}（元），表头单位为万元，应为{Format(amount / 10000m)}万元。");
            }
            else if (amount >= 10000m && amount == decimal.Truncate(amount))
            {
                AddUnitSlip(context, slot, cell!, amount / 10000m, "万元",
                    $"表二{slot.Definition.ShortZh}为{cell!.Raw}万元（即{Format(amount / 10000m)}亿元），疑似把以元计的金额填入了万元栏，按元计应为{Format(amount / 10000m)}万元。");
            }
            return;
        }

        var itemsSlot = context.Layout.Cell("active_disclosure.procurement.procurement_items");
        var amountSlot = context.Layout.Cell("active_disclosure.procurement.procurement_amount");
        var amountCell = grid.Cells[amountSlot.Index];
        if (grid.StateOfCell(amountSlot.Index) != RowState.Usable || !ReportGrid.TryDecimal(amountCell, out var total) || total <= 0)
        {
            return;
        }
        var amountUnit = CellRules.UnitOf(amountCell!);
        if (amountUnit == "元" && DecimalPlaces(total) > 2)
        {
            AddUnitSlip(context, amountSlot, amountCell!, total * 10000m, "元",
                $"表二{amountSlot.ColumnLabelZh}为{amountCell!.Raw}元，元的金额最多两位小数，疑似应以万元计（即{Format(total * 10000m)}元）。");
        }
        else if (amountUnit == "万元" && ReportGrid.TryDecimal(grid.Cells[itemsSlot.Index], out var items) && items > 0
            && total / items >= 10000m)
        {
            AddUnitSlip(context, amountSlot, amountCell!, total / 10000m, "万元",
                $"表二{amountSlot.ColumnLabelZh}为{amountCell!.Raw}万元、{Format(items)}个项目，平均每项超过1亿元，疑似把以元计的金额填入了万元栏，应为{Format(total / 10000m)}万元。");
        }
    }

    private static void AddUnitSlip(RuleContext context, CellSlot slot, Cell cell, decimal corrected, string unit, string zh)
    {
        var finding = context.Add(SuspectCell, zh,
            $"{slot.Key} reads {cell.Raw}: most likely a 元/万元 slip (factor 10000); {Format(corrected)} {unit} expected.",
            RuleContext.At(slot, cell));
        finding.Diagnosis = "unit_slip";
        finding.Expected = Format(corrected);
        finding.Actual = cell.Raw;
        finding.Cells.Add(RuleContext.Ref(slot, cell));
    }

    private static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static int DecimalPlaces(decimal value)
    {
        var text = Format(value);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : text.Length - point - 1;
    }
}
