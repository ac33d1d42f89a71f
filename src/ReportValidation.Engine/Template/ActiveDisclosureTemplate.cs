using ReportValidation.V1;

namespace ReportValidation.Template;

/// <summary>
/// Table 二 (主动公开政府信息情况) by template version (format.md §4, rules.md): sub-tables under the
/// items of 条例 第二十条, each with its own columns; the rows with their official labels and the
/// deviations published reports use (seed 003 writes 对外公开总数).
/// </summary>
public static class ActiveDisclosureTemplate
{
    public const string Table = "active_disclosure";

    /// <summary>A sub-table: the 第二十条 item it reports, and its rows (which share its columns).</summary>
    public sealed record Block(string Item, string ItemEn, IReadOnlyList<TemplateRow> Rows)
    {
        public string CaptionZh => $"第二十条第{Item}项";

        public string CaptionEn => $"Art. 20 {ItemEn}";

        public IReadOnlyList<TemplateColumn> Columns => Rows[0].Shape.Columns;

        /// <summary>Whether the caption marks the version (2019's （九） 政府集中采购 has no 2021 counterpart).</summary>
        public bool MarksVersion { get; init; }
    }

    /// <summary>Table 二 in one template version.</summary>
    public sealed class Layout(TemplateVersion version, IReadOnlyList<TemplateColumn> columns, IReadOnlyList<Block> blocks)
    {
        public TemplateVersion Version { get; } = version;

        /// <summary>Every column of the version once, in the order the template introduces them.</summary>
        public IReadOnlyList<TemplateColumn> Columns { get; } = columns;

        public IReadOnlyList<Block> Blocks { get; } = blocks;

        public IReadOnlyList<TemplateRow> Rows { get; } = [.. blocks.SelectMany(b => b.Rows)];

        public TemplateColumn Column(string key) => Columns.First(c => c.Key == key);

        public TemplateRow Row(string key) => Rows.First(r => r.Key == key);
    }

    // ------------------------------------------------------------------ 2021 (国办公开办函〔2021〕30号)

    private static readonly TemplateColumn Issued = new("issued", "本年制发件数", "Issued this year") { ShortZh = "本年制发", MarksVersion = true };
    private static readonly TemplateColumn Abolished = new("abolished", "本年废止件数", "Abolished this year") { ShortZh = "本年废止", MarksVersion = true };
    private static readonly TemplateColumn InForce = new("in_force", "现行有效件数", "In force") { ShortZh = "现行有效", MarksVersion = true };
    private static readonly TemplateColumn Decisions2021 = new("decisions", "本年处理决定数量", "Decisions this year") { MarksVersion = true };
    private static readonly TemplateColumn FeeAmount = new("fee_amount", "本年收费金额（万元）", "Fees this year (10k CNY)", ValueKind.Money)
    {
        Unit = "万元",
        HeaderWord = "收费金额",
        ShortZh = "本年收费金额",
        MarksVersion = true,
    };

    private static readonly RowShape<StockRow> Stock = new(m => m.Source, (m, s) => m.Source = s,
        new(Issued, m => m.Issued, (m, c) => m.Issued = c),
        new(Abolished, m => m.Abolished, (m, c) => m.Abolished = c),
        new(InForce, m => m.InForce, (m, c) => m.InForce = c));

    private static readonly RowShape<DecisionRow> Decision = new(m => m.Source, (m, s) => m.Source = s,
        new CellAccessor<DecisionRow>(Decisions2021, m => m.Decisions, (m, c) => m.Decisions = c));

    private static readonly RowShape<FeeAmountRow> Fee = new(m => m.Source, (m, s) => m.Source = s,
        new CellAccessor<FeeAmountRow>(FeeAmount, m => m.FeeAmount, (m, c) => m.FeeAmount = c));

    private static TemplateRow<ActiveDisclosure2021, TRow> Row2021<TRow>(string key, string zh, string en, RowShape<TRow> shape,
        Func<ActiveDisclosure2021, TRow?> get, Action<ActiveDisclosure2021, TRow> set, string[]? aliases = null, string? marker = null)
        where TRow : class, new() =>
        new(key, zh, en, shape, r => r.ActiveDisclosure?.V2021, get, set) { Aliases = aliases ?? [], VersionMarker = marker };

    public static Layout V2021 { get; } = new(TemplateVersion._2021, [Issued, Abolished, InForce, Decisions2021, FeeAmount],
    [
        new("（一）", "(1)",
        [
            Row2021("regulations", "规章", "Rules", Stock, t => t.Regulations, (t, r) => t.Regulations = r),
            Row2021("normative_documents", "行政规范性文件", "Normative documents", Stock, t => t.NormativeDocuments, (t, r) => t.NormativeDocuments = r, aliases: ["规范性文件"], marker: "行政规范性文件"),
        ]),
        new("（五）", "(5)", [Row2021("licensing", "行政许可", "Licensing", Decision, t => t.Licensing, (t, r) => t.Licensing = r)]),
        new("（六）", "(6)",
        [
            Row2021("penalty", "行政处罚", "Penalties", Decision, t => t.Penalty, (t, r) => t.Penalty = r),
            Row2021("coercion", "行政强制", "Coercive measures", Decision, t => t.Coercion, (t, r) => t.Coercion = r),
        ]),
        new("（八）", "(8)",
        [
            Row2021("fees", "行政事业性收费", "Administrative fees", Fee, t => t.Fees, (t, r) => t.Fees = r, aliases: ["事业性收费"]),
        ]),
    ]);

    // ------------------------------------------------------------------ 2019 (国办公开办函〔2019〕60号)

    private static readonly TemplateColumn NewMade = new("new_made", "本年新制作数量", "Made this year") { ShortZh = "本年新制作", MarksVersion = true };
    private static readonly TemplateColumn NewPublished = new("new_published", "本年新公开数量", "Published this year") { ShortZh = "本年新公开", MarksVersion = true };
    private static readonly TemplateColumn PublishedTotal = new("published_total", "对外公开总数量", "Published in total")
    {
        Aliases = ["对外公开总数"],
        ShortZh = "对外公开总数",
        MarksVersion = true,
    };
    private static readonly TemplateColumn PrevItems = new("prev_items", "上一年项目数量", "Items last year") { MarksVersion = true };
    private static readonly TemplateColumn Change = new("change", "本年增/减", "Change", ValueKind.SignedCount) { MarksVersion = true };
    private static readonly TemplateColumn Decisions2019 = new("decisions", "处理决定数量", "Decisions");
    private static readonly TemplateColumn ProcurementItems = new("procurement_items", "采购项目数量", "Procurement items") { MarksVersion = true };
    private static readonly TemplateColumn ProcurementAmount = new("procurement_amount", "采购总金额", "Procurement amount", ValueKind.Money)
    {
        MarksVersion = true,
    };

    private static readonly RowShape<PublishedRow> Published = new(m => m.Source, (m, s) => m.Source = s,
        new(NewMade, m => m.NewMade, (m, c) => m.NewMade = c),
        new(NewPublished, m => m.NewPublished, (m, c) => m.NewPublished = c),
        new(PublishedTotal, m => m.PublishedTotal, (m, c) => m.PublishedTotal = c));

    private static readonly RowShape<ItemsRow> Items = new(m => m.Source, (m, s) => m.Source = s,
        new(PrevItems, m => m.PrevItems, (m, c) => m.PrevItems = c),
        new(Change, m => m.Change, (m, c) => m.Change = c),
        new(Decisions2019, m => m.Decisions, (m, c) => m.Decisions = c));

    private static readonly RowShape<FeeItemsRow> FeeItems = new(m => m.Source, (m, s) => m.Source = s,
        new(PrevItems, m => m.PrevItems, (m, c) => m.PrevItems = c),
        new(Change, m => m.Change, (m, c) => m.Change = c));

    private static readonly RowShape<ProcurementRow> Procurement = new(m => m.Source, (m, s) => m.Source = s,
        new(ProcurementItems, m => m.ProcurementItems, (m, c) => m.ProcurementItems = c),
        new(ProcurementAmount, m => m.ProcurementAmount, (m, c) => m.ProcurementAmount = c));

    private static TemplateRow<ActiveDisclosure2019, TRow> Row2019<TRow>(string key, string zh, string en, RowShape<TRow> shape,
        Func<ActiveDisclosure2019, TRow?> get, Action<ActiveDisclosure2019, TRow> set, string[]? aliases = null, string? marker = null)
        where TRow : class, new() =>
        new(key, zh, en, shape, r => r.ActiveDisclosure?.V2019, get, set) { Aliases = aliases ?? [], VersionMarker = marker };

    public static Layout V2019 { get; } = new(TemplateVersion._2019,
        [NewMade, NewPublished, PublishedTotal, PrevItems, Change, Decisions2019, ProcurementItems, ProcurementAmount],
    [
        new("（一）", "(1)",
        [
            Row2019("regulations", "规章", "Rules", Published, t => t.Regulations, (t, r) => t.Regulations = r),
            Row2019("normative_documents", "规范性文件", "Normative documents", Published, t => t.NormativeDocuments, (t, r) => t.NormativeDocuments = r, aliases: ["行政规范性文件"]),
        ]),
        new("（五）", "(5)",
        [
            Row2019("licensing", "行政许可", "Licensing", Items, t => t.Licensing, (t, r) => t.Licensing = r),
            Row2019("other_services", "其他对外管理服务事项", "Other services", Items, t => t.OtherServices, (t, r) => t.OtherServices = r, aliases: ["对外管理服务事项"], marker: "其他对外管理服务事项"),
        ]),
        new("（六）", "(6)",
        [
            Row2019("penalty", "行政处罚", "Penalties", Items, t => t.Penalty, (t, r) => t.Penalty = r),
            Row2019("coercion", "行政强制", "Coercive measures", Items, t => t.Coercion, (t, r) => t.Coercion = r),
        ]),
        new("（八）", "(8)",
        [
            Row2019("fees", "行政事业性收费", "Administrative fees", FeeItems, t => t.Fees, (t, r) => t.Fees = r, aliases: ["事业性收费"]),
        ]),
        new("（九）", "(9)",
        [
            Row2019("procurement", "政府集中采购", "Central procurement", Procurement, t => t.Procurement, (t, r) => t.Procurement = r, aliases: ["集中采购"], marker: "政府集中采购"),
        ]) { MarksVersion = true },
    ]);

    public static Layout For(TemplateVersion version) => version == TemplateVersion._2019 ? V2019 : V2021;
}
