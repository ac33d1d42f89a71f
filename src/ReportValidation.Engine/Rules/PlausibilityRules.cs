using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>Soft rules of format.md §8.1–§8.2: very likely wrong, but a person decides.</summary>
public static class PlausibilityRules
{
    /// <summary>The rules of this group, in the order of rules.md.</summary>
    public static IReadOnlyList<Rule> All => [CarriedForwardExceedsReceived, Stock, ItemsNegative, PublishedExceedsTotal, Procurement];

    public static Rule CarriedForwardExceedsReceived { get; } = new("applications.carried_forward_exceeds_received", Severity.Warning, "plausibility", "结转下年度继续办理数大于本年新收申请数", "四 > 一 in a column", TemplateVersions.Both, CheckCarriedForwardExceedsReceived);

    private static void CheckCarriedForwardExceedsReceived(RuleContext context)
    {
        foreach (var (column, label) in CellCatalog.ApplicationColumns)
        {
            if (!TryValue(context, $"applications.carried_forward.{column}", out var forward, out var forwardSlot)
                || !TryValue(context, $"applications.received.{column}", out var received, out var receivedSlot)
                || forward <= received)
            {
                continue;
            }
            var forwardCell = context.Grid.Cells[forwardSlot.Index];
            var finding = context.Add(CarriedForwardExceedsReceived,
                $"表三“{label}”列：结转下年度继续办理{Fmt(forward)}件，多于本年新收申请{Fmt(received)}件，请核实。",
                $"Table 三, column {column}: carried forward ({Fmt(forward)}) exceeds received ({Fmt(received)}).",
                RuleContext.At(forwardSlot, forwardCell));
            finding.Expected = $"≤ {Fmt(received)}";
            finding.Actual = Fmt(forward);
            finding.Cells.Add(RuleContext.Ref(forwardSlot, forwardCell));
            finding.Cells.Add(RuleContext.Ref(receivedSlot, context.Grid.Cells[receivedSlot.Index]));
        }
    }

    public static Rule Stock { get; } = new("active_disclosure.stock", Severity.Warning, "plausibility", "本年制发件数大于现行有效件数与本年废止件数之和", "2021: 本年制发 > 现行有效 + 本年废止", TemplateVersions.Only2021, CheckStock);

    private static void CheckStock(RuleContext context)
    {
        if (context.Version != TemplateVersion._2021)
        {
            return;
        }
        foreach (var row in StockRows)
        {
            if (!TryValue(context, $"active_disclosure.{row.Key}.issued", out var issued, out var issuedSlot)
                || !TryValue(context, $"active_disclosure.{row.Key}.abolished", out var abolished, out _)
                || !TryValue(context, $"active_disclosure.{row.Key}.in_force", out var inForce, out _)
                || issued <= inForce + abolished)
            {
                continue;
            }
            var finding = context.Add(Stock,
                $"表二“{row.LabelZh}”：本年制发{Fmt(issued)}件，多于现行有效{Fmt(inForce)}件与本年废止{Fmt(abolished)}件之和，请核实。",
                $"Table 二, {row.Key}: issued ({Fmt(issued)}) exceeds in force ({Fmt(inForce)}) + abolished ({Fmt(abolished)}).",
                RuleContext.At(issuedSlot, context.Grid.Cells[issuedSlot.Index]));
            finding.Expected = $"≤ {Fmt(inForce + abolished)}";
            finding.Actual = Fmt(issued);
        }
    }

    private static readonly (string Key, string LabelZh)[] StockRows = [("regulations", "规章"), ("normative_documents", "行政规范性文件")];

    private static readonly (string Key, string LabelZh)[] ItemRows2019 =
    [
        ("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"), ("penalty", "行政处罚"),
        ("coercion", "行政强制"), ("fees", "行政事业性收费"),
    ];

    public static Rule ItemsNegative { get; } = new("active_disclosure.items_negative", Severity.Warning, "plausibility", "上一年项目数量加本年增/减小于0", "2019: 上一年项目数量 + 本年增/减 < 0", TemplateVersions.Only2019, CheckItemsNegative);

    private static void CheckItemsNegative(RuleContext context)
    {
        if (context.Version != TemplateVersion._2019)
        {
            return;
        }
        foreach (var (key, label) in ItemRows2019)
        {
            if (!TryValue(context, $"active_disclosure.{key}.prev_items", out var previous, out _)
                || !TryValue(context, $"active_disclosure.{key}.change", out var change, out var changeSlot)
                || previous + change >= 0)
            {
                continue;
            }
            var finding = context.Add(ItemsNegative,
                $"表二“{label}”：上一年项目数量{Fmt(previous)}加本年增/减{Fmt(change)}后为{Fmt(previous + change)}，项目数不能为负。",
                $"Table 二, {key}: previous items ({Fmt(previous)}) + change ({Fmt(change)}) is negative.",
                RuleContext.At(changeSlot, context.Grid.Cells[changeSlot.Index]));
            finding.Expected = "≥ 0";
            finding.Actual = Fmt(previous + change);
        }
    }

    public static Rule PublishedExceedsTotal { get; } = new("active_disclosure.published_exceeds_total", Severity.Warning, "plausibility", "本年新公开数量大于对外公开总数量", "2019: 本年新公开 > 对外公开总数", TemplateVersions.Only2019, CheckPublishedExceedsTotal);

    private static void CheckPublishedExceedsTotal(RuleContext context)
    {
        if (context.Version != TemplateVersion._2019)
        {
            return;
        }
        foreach (var (key, label) in new[] { ("regulations", "规章"), ("normative_documents", "规范性文件") })
        {
            if (!TryValue(context, $"active_disclosure.{key}.new_published", out var published, out var publishedSlot)
                || !TryValue(context, $"active_disclosure.{key}.published_total", out var total, out _)
                || published <= total)
            {
                continue;
            }
            var finding = context.Add(PublishedExceedsTotal,
                $"表二“{label}”：本年新公开{Fmt(published)}件，多于对外公开总数量{Fmt(total)}件。",
                $"Table 二, {key}: newly published ({Fmt(published)}) exceeds the published total ({Fmt(total)}).",
                RuleContext.At(publishedSlot, context.Grid.Cells[publishedSlot.Index]));
            finding.Expected = $"≤ {Fmt(total)}";
            finding.Actual = Fmt(published);
        }
    }

    public static Rule Procurement { get; } = new("active_disclosure.procurement", Severity.Warning, "plausibility", "采购项目数量与采购总金额在是否为0上不一致", "2019: items and amount disagree on zero", TemplateVersions.Only2019, CheckProcurement);

    private static void CheckProcurement(RuleContext context)
    {
        if (context.Version != TemplateVersion._2019)
        {
            return;
        }
        var itemsSlot = context.Layout.Cell("active_disclosure.procurement.procurement_items");
        var amountSlot = context.Layout.Cell("active_disclosure.procurement.procurement_amount");
        if (context.Grid.StateOfCell(itemsSlot.Index) != RowState.Usable
            || !ReportGrid.TryDecimal(context.Grid.Cells[itemsSlot.Index], out var items)
            || !ReportGrid.TryDecimal(context.Grid.Cells[amountSlot.Index], out var amount)
            || (items == 0) == (amount == 0))
        {
            return;
        }
        var amountCell = context.Grid.Cells[amountSlot.Index];
        var itemsCell = context.Grid.Cells[itemsSlot.Index];
        var finding = context.Add(Procurement,
            items == 0
                ? $"表二政府集中采购：采购项目数量为0，但采购总金额为{amountCell!.Raw}。"
                : $"表二政府集中采购：采购项目数量为{itemsCell!.Raw}，但采购总金额为0。",
            $"Table 二 procurement: items ({itemsCell!.Raw}) and amount ({amountCell!.Raw}) disagree on zero.",
            RuleContext.At(items == 0 ? amountSlot : itemsSlot, items == 0 ? amountCell : itemsCell));
        finding.Cells.Add(RuleContext.Ref(itemsSlot, itemsCell));
        finding.Cells.Add(RuleContext.Ref(amountSlot, amountCell));
    }

    private static bool TryValue(RuleContext context, string key, out long value, out CellSlot slot)
    {
        slot = context.Layout.Cell(key);
        value = context.Grid.Values[slot.Index];
        return context.Grid.Known[slot.Index];
    }

    private static string Fmt(long value) => RuleContext.Format(value);
}
