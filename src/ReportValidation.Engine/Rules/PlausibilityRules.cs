using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>Soft rules of format.md §8.1–§8.2: very likely wrong, but a person decides.</summary>
public static class PlausibilityRules
{
    /// <summary>The rules of this group, in the order of rules.md.</summary>
    public static IReadOnlyList<Rule> All => [CarriedForwardExceedsReceived, Stock, ItemsNegative, PublishedExceedsTotal, Procurement];

    // Labels of the template, as the messages name the cells.
    private static TemplateColumn Column2021(string key) => ActiveDisclosureTemplate.V2021.Column(key);
    private static TemplateColumn Column2019(string key) => ActiveDisclosureTemplate.V2019.Column(key);
    private static string CarriedForwardZh => ApplicationsTemplate.Row("carried_forward").NameZh;
    private static string ProcurementZh => ActiveDisclosureTemplate.V2019.Row("procurement").LabelZh;

    public static Rule CarriedForwardExceedsReceived { get; } = new(
        "applications.carried_forward_exceeds_received", Severity.Warning, "plausibility",
        $"{CarriedForwardZh}数大于本年新收申请数",
        "四 > 一 in a column",
        TemplateVersions.Both, CheckCarriedForwardExceedsReceived);

    // Per column of table 三: its carried-forward cell, then its received cell.
    private static readonly LayoutSlots ForwardAndReceived = new(layout =>
        [.. CellCatalog.ApplicationColumns.SelectMany(c => new[]
        {
            layout.Cell($"{CellCatalog.Applications}.carried_forward.{c.Key}"),
            layout.Cell($"{CellCatalog.Applications}.received.{c.Key}"),
        })]);

    private static void CheckCarriedForwardExceedsReceived(RuleContext context)
    {
        var slots = ForwardAndReceived.For(context.Layout);
        for (var c = 0; c < CellCatalog.ApplicationColumns.Length; c++)
        {
            var (column, label) = CellCatalog.ApplicationColumns[c];
            var (forwardSlot, receivedSlot) = (slots[2 * c], slots[2 * c + 1]);
            if (!TryValue(context, forwardSlot, out var forward) || !TryValue(context, receivedSlot, out var received)
                || forward <= received)
            {
                continue;
            }
            var forwardCell = context.Grid.Cells[forwardSlot.Index];
            var finding = context.Add(CarriedForwardExceedsReceived,
                $"表三“{label}”列：{CarriedForwardZh}{Fmt(forward)}件，多于本年新收申请{Fmt(received)}件，请核实。",
                $"Table 三, column {column}: carried forward ({Fmt(forward)}) exceeds received ({Fmt(received)}).",
                RuleContext.At(forwardSlot, forwardCell));
            finding.Expected = $"≤ {Fmt(received)}";
            finding.Actual = Fmt(forward);
            finding.Cells.Add(RuleContext.Ref(forwardSlot, forwardCell));
            finding.Cells.Add(RuleContext.Ref(receivedSlot, context.Grid.Cells[receivedSlot.Index]));
        }
    }

    public static Rule Stock { get; } = new("active_disclosure.stock", Severity.Warning, "plausibility",
        $"{Column2021("issued").LabelZh}大于{Column2021("in_force").LabelZh}与{Column2021("abolished").LabelZh}之和",
        $"2021: {Column2021("issued").ShortZh} > {Column2021("in_force").ShortZh} + {Column2021("abolished").ShortZh}",
        TemplateVersions.Only2021, CheckStock);

    private static void CheckStock(RuleContext context)
    {
        if (context.Version != TemplateVersion._2021)
        {
            return;
        }
        var slots = StockSlots.For(context.Layout);
        for (var r = 0; r < DocumentRows.Length; r++)
        {
            var row = ActiveDisclosureTemplate.V2021.Row(DocumentRows[r]);
            var issuedSlot = slots[3 * r];
            if (!TryValue(context, issuedSlot, out var issued)
                || !TryValue(context, slots[3 * r + 1], out var abolished)
                || !TryValue(context, slots[3 * r + 2], out var inForce)
                || issued <= inForce + abolished)
            {
                continue;
            }
            var finding = context.Add(Stock,
                $"表二“{row.LabelZh}”：{Column2021("issued").ShortZh}{Fmt(issued)}件，多于{Column2021("in_force").ShortZh}{Fmt(inForce)}件与{Column2021("abolished").ShortZh}{Fmt(abolished)}件之和，请核实。",
                $"Table 二, {row.Key}: issued ({Fmt(issued)}) exceeds in force ({Fmt(inForce)}) + abolished ({Fmt(abolished)}).",
                RuleContext.At(issuedSlot, context.Grid.Cells[issuedSlot.Index]));
            finding.Expected = $"≤ {Fmt(inForce + abolished)}";
            finding.Actual = Fmt(issued);
        }
    }

    // The rows of documents (第二十条第（一）项) and, in 2019, of items (its （五）, （六） and （八）).
    private static readonly string[] DocumentRows = ["regulations", "normative_documents"];

    private static readonly string[] ItemRows2019 = ["licensing", "other_services", "penalty", "coercion", "fees"];

    private static readonly LayoutSlots StockSlots = LayoutSlots.Of(CellCatalog.ActiveDisclosure, DocumentRows, "issued", "abolished", "in_force");
    private static readonly LayoutSlots ItemSlots2019 = LayoutSlots.Of(CellCatalog.ActiveDisclosure, ItemRows2019, "prev_items", "change");
    private static readonly LayoutSlots PublishedSlots2019 = LayoutSlots.Of(CellCatalog.ActiveDisclosure, DocumentRows, "new_published", "published_total");

    public static Rule ItemsNegative { get; } = new("active_disclosure.items_negative", Severity.Warning, "plausibility",
        $"{Column2019("prev_items").LabelZh}加{Column2019("change").LabelZh}小于0",
        $"2019: {Column2019("prev_items").LabelZh} + {Column2019("change").LabelZh} < 0",
        TemplateVersions.Only2019, CheckItemsNegative);

    private static void CheckItemsNegative(RuleContext context)
    {
        if (context.Version != TemplateVersion._2019)
        {
            return;
        }
        var slots = ItemSlots2019.For(context.Layout);
        for (var r = 0; r < ItemRows2019.Length; r++)
        {
            var key = ItemRows2019[r];
            var changeSlot = slots[2 * r + 1];
            if (!TryValue(context, slots[2 * r], out var previous) || !TryValue(context, changeSlot, out var change)
                || previous + change >= 0)
            {
                continue;
            }
            var finding = context.Add(ItemsNegative,
                $"表二“{ActiveDisclosureTemplate.V2019.Row(key).LabelZh}”：{Column2019("prev_items").LabelZh}{Fmt(previous)}加{Column2019("change").LabelZh}{Fmt(change)}后为{Fmt(previous + change)}，项目数不能为负。",
                $"Table 二, {key}: previous items ({Fmt(previous)}) + change ({Fmt(change)}) is negative.",
                RuleContext.At(changeSlot, context.Grid.Cells[changeSlot.Index]));
            finding.Expected = "≥ 0";
            finding.Actual = Fmt(previous + change);
        }
    }

    public static Rule PublishedExceedsTotal { get; } = new("active_disclosure.published_exceeds_total", Severity.Warning, "plausibility",
        $"{Column2019("new_published").LabelZh}大于{Column2019("published_total").LabelZh}",
        $"2019: {Column2019("new_published").ShortZh} > {Column2019("published_total").ShortZh}",
        TemplateVersions.Only2019, CheckPublishedExceedsTotal);

    private static void CheckPublishedExceedsTotal(RuleContext context)
    {
        if (context.Version != TemplateVersion._2019)
        {
            return;
        }
        var slots = PublishedSlots2019.For(context.Layout);
        for (var r = 0; r < DocumentRows.Length; r++)
        {
            var key = DocumentRows[r];
            var publishedSlot = slots[2 * r];
            if (!TryValue(context, publishedSlot, out var published) || !TryValue(context, slots[2 * r + 1], out var total)
                || published <= total)
            {
                continue;
            }
            var finding = context.Add(PublishedExceedsTotal,
                $"表二“{ActiveDisclosureTemplate.V2019.Row(key).LabelZh}”：{Column2019("new_published").ShortZh}{Fmt(published)}件，多于{Column2019("published_total").LabelZh}{Fmt(total)}件。",
                $"Table 二, {key}: newly published ({Fmt(published)}) exceeds the published total ({Fmt(total)}).",
                RuleContext.At(publishedSlot, context.Grid.Cells[publishedSlot.Index]));
            finding.Expected = $"≤ {Fmt(total)}";
            finding.Actual = Fmt(published);
        }
    }

    public static Rule Procurement { get; } = new("active_disclosure.procurement", Severity.Warning, "plausibility",
        $"{Column2019("procurement_items").LabelZh}与{Column2019("procurement_amount").LabelZh}在是否为0上不一致",
        "2019: items and amount disagree on zero",
        TemplateVersions.Only2019, CheckProcurement);

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
                ? $"表二{ProcurementZh}：{Column2019("procurement_items").LabelZh}为0，但{Column2019("procurement_amount").LabelZh}为{amountCell!.Raw}。"
                : $"表二{ProcurementZh}：{Column2019("procurement_items").LabelZh}为{itemsCell!.Raw}，但{Column2019("procurement_amount").LabelZh}为0。",
            $"Table 二 procurement: items ({itemsCell!.Raw}) and amount ({amountCell!.Raw}) disagree on zero.",
            RuleContext.At(items == 0 ? amountSlot : itemsSlot, items == 0 ? amountCell : itemsCell));
        finding.Cells.Add(RuleContext.Ref(itemsSlot, itemsCell));
        finding.Cells.Add(RuleContext.Ref(amountSlot, amountCell));
    }

    private static bool TryValue(RuleContext context, CellSlot slot, out long value)
    {
        value = context.Grid.Values[slot.Index];
        return context.Grid.Known[slot.Index];
    }

    private static string Fmt(long value) => RuleContext.Format(value);
}
