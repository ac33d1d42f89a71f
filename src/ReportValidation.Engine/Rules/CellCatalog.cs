using System.Collections.Frozen;
using ReportValidation.Tables;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>What a cell may hold, which decides the type checks (format.md §7 TYPE).</summary>
public enum ValueKind
{
    /// <summary>Non-negative integer.</summary>
    Count,
    /// <summary>Signed integer: 2019 本年增/减.</summary>
    SignedCount,
    /// <summary>Non-negative decimal amount of money: 2021 本年收费金额, 2019 采购总金额.</summary>
    Money,
}

/// <summary>A row of a table in one template version, with the accessor to how the reader found it.</summary>
public sealed record RowSlot(
    string Table,
    string Row,
    string LabelZh,
    Func<Report, object?> Message,
    Func<object, RowSource?> SourceOf)
{
    /// <summary>How the reader found the row, or null when the row (or its table) is absent.</summary>
    public RowSource? Source(Report report) => Message(report) is { } message ? SourceOf(message) : null;

    public bool Present(Report report) => Message(report) is not null;

    public int Index { get; internal set; }
    public int FirstCell { get; internal set; }
    public TemplateLayout? Layout { get; internal set; }
    public int CellCount { get; internal set; }
}

/// <summary>
/// A cell key of rules.md (table.row.column) with its accessor on the typed report. Accessors are
/// composed once here, so evaluating a report never reflects over the messages.
/// </summary>
public sealed record CellSlot(
    int Index,
    RowSlot RowSlot,
    string Column,
    string ColumnLabelZh,
    ValueKind Kind,
    Func<object, Cell?> FromRow)
{
    /// <summary>The cell in a report, or null when its row is absent.</summary>
    public Cell? Get(Report report) => RowSlot.Message(report) is { } row ? FromRow(row) : null;

    public string Table => RowSlot.Table;
    public string Row => RowSlot.Row;
    public string Key { get; } = RowSlot.Table + "." + RowSlot.Row + "." + Column;

    /// <summary>"表三“（一）予以公开”行“自然人”列": where a clerk looks.</summary>
    public string WhereZh => Table switch
    {
        CellCatalog.Applications => $"表三“{RowSlot.LabelZh}”行“{ColumnLabelZh}”列",
        CellCatalog.ReviewLitigation => $"表四“{ColumnLabelZh}”",
        _ => $"表二“{RowSlot.LabelZh}”“{ColumnLabelZh}”",
    };
}

/// <summary>The tables, rows and columns of one template version, addressed by the keys of rules.md.</summary>
public sealed class TemplateLayout
{
    internal TemplateLayout(TemplateVersion version, List<RowSlot> rows, List<CellSlot> cells)
    {
        Version = version;
        foreach (var row in rows)
        {
            row.Layout = this;
        }
        Rows = rows;
        Cells = cells;
        ByKey = cells.ToFrozenDictionary(c => c.Key, StringComparer.Ordinal);
        RowsByKey = rows.ToFrozenDictionary(r => r.Table + "." + r.Row, StringComparer.Ordinal);
    }

    public TemplateVersion Version { get; }
    public IReadOnlyList<RowSlot> Rows { get; }
    public IReadOnlyList<CellSlot> Cells { get; }
    public FrozenDictionary<string, CellSlot> ByKey { get; }
    public FrozenDictionary<string, RowSlot> RowsByKey { get; }

    public CellSlot Cell(string key) => ByKey.TryGetValue(key, out var slot)
        ? slot
        : throw new KeyNotFoundException($"no cell '{key}' in the {Version} template");

    public RowSlot Row(string table, string row) => RowsByKey[table + "." + row];
}

/// <summary>
/// The cell-key catalog: for each template version, every cell of tables 二, 三 and 四 as rules.md
/// names it, mapped to its accessor on <see cref="Report"/>.
/// </summary>
public static class CellCatalog
{
    public const string ActiveDisclosure = "active_disclosure";
    public const string Applications = "applications";
    public const string ReviewLitigation = "review_litigation";

    // Table 三's rows and columns are the parser's (Tables/ApplicationsRows): one list for both.
    public static readonly (string Key, string LabelZh)[] ApplicantColumns = ApplicationsRows.Columns[..6];

    public static readonly (string Key, string LabelZh)[] ApplicationColumns = ApplicationsRows.Columns;

    private static readonly (string Key, string LabelZh, Func<ReviewLitigationTable, Cell?> Get)[] ReviewColumns =
    [
        ("review.upheld", "行政复议 结果维持", t => t.ReviewUpheld),
        ("review.corrected", "行政复议 结果纠正", t => t.ReviewCorrected),
        ("review.other", "行政复议 其他结果", t => t.ReviewOther),
        ("review.pending", "行政复议 尚未审结", t => t.ReviewPending),
        ("review.total", "行政复议 总计", t => t.ReviewTotal),
        ("litigation_direct.upheld", "未经复议直接起诉 结果维持", t => t.LitigationDirectUpheld),
        ("litigation_direct.corrected", "未经复议直接起诉 结果纠正", t => t.LitigationDirectCorrected),
        ("litigation_direct.other", "未经复议直接起诉 其他结果", t => t.LitigationDirectOther),
        ("litigation_direct.pending", "未经复议直接起诉 尚未审结", t => t.LitigationDirectPending),
        ("litigation_direct.total", "未经复议直接起诉 总计", t => t.LitigationDirectTotal),
        ("litigation_after_review.upheld", "复议后起诉 结果维持", t => t.LitigationAfterReviewUpheld),
        ("litigation_after_review.corrected", "复议后起诉 结果纠正", t => t.LitigationAfterReviewCorrected),
        ("litigation_after_review.other", "复议后起诉 其他结果", t => t.LitigationAfterReviewOther),
        ("litigation_after_review.pending", "复议后起诉 尚未审结", t => t.LitigationAfterReviewPending),
        ("litigation_after_review.total", "复议后起诉 总计", t => t.LitigationAfterReviewTotal),
    ];

    public static TemplateLayout V2019 { get; } = Build(TemplateVersion._2019);
    public static TemplateLayout V2021 { get; } = Build(TemplateVersion._2021);

    public static TemplateLayout For(TemplateVersion version) => version == TemplateVersion._2019 ? V2019 : V2021;

    /// <summary>The version whose rows a report is checked against: the detected one, else by year.</summary>
    public static TemplateVersion EffectiveVersion(Report report) => report.TemplateVersion switch
    {
        TemplateVersion._2019 => TemplateVersion._2019,
        TemplateVersion._2021 => TemplateVersion._2021,
        _ => report.Year is >= 2019 and <= 2020 ? TemplateVersion._2019 : TemplateVersion._2021,
    };

    private static TemplateLayout Build(TemplateVersion version)
    {
        var rows = new List<RowSlot>();
        var cells = new List<CellSlot>();

        // One accessor per row message and one per cell of it: a report is laid out with a single
        // call per row and per cell.
        void AddRow<TRow>(string table, string key, string label, Func<Report, TRow?> row, Func<TRow, RowSource?> source,
            (string Column, string LabelZh, ValueKind Kind, Func<TRow, Cell?> Get)[] columns)
            where TRow : class
        {
            var slot = new RowSlot(table, key, label, r => row(r), m => source((TRow)m))
            {
                FirstCell = cells.Count,
                Index = rows.Count,
            };
            foreach (var (column, columnLabel, kind, get) in columns)
            {
                cells.Add(new CellSlot(cells.Count, slot, column, columnLabel, kind, m => get((TRow)m)));
            }
            slot.CellCount = cells.Count - slot.FirstCell;
            rows.Add(slot);
        }

        // 二 (active_disclosure): column labels from the one list the parser reads headers by.
        static string Label2021(string key) => ActiveDisclosureColumns.Label(TemplateVersion._2021, key);
        static string Label2019(string key) => ActiveDisclosureColumns.Label(TemplateVersion._2019, key);
        if (version == TemplateVersion._2021)
        {
            (string, string, ValueKind, Func<StockRow, Cell?>)[] stock =
            [
                ("issued", Label2021("issued"), ValueKind.Count, m => m.Issued),
                ("abolished", Label2021("abolished"), ValueKind.Count, m => m.Abolished),
                ("in_force", Label2021("in_force"), ValueKind.Count, m => m.InForce),
            ];
            (string, string, ValueKind, Func<DecisionRow, Cell?>)[] decisions =
            [
                ("decisions", Label2021("decisions"), ValueKind.Count, m => m.Decisions),
            ];
            AddRow(ActiveDisclosure, "regulations", "规章", r => r.ActiveDisclosure?.V2021?.Regulations, m => m.Source, stock);
            AddRow(ActiveDisclosure, "normative_documents", "行政规范性文件", r => r.ActiveDisclosure?.V2021?.NormativeDocuments, m => m.Source, stock);
            AddRow(ActiveDisclosure, "licensing", "行政许可", r => r.ActiveDisclosure?.V2021?.Licensing, m => m.Source, decisions);
            AddRow(ActiveDisclosure, "penalty", "行政处罚", r => r.ActiveDisclosure?.V2021?.Penalty, m => m.Source, decisions);
            AddRow(ActiveDisclosure, "coercion", "行政强制", r => r.ActiveDisclosure?.V2021?.Coercion, m => m.Source, decisions);
            AddRow(ActiveDisclosure, "fees", "行政事业性收费", r => r.ActiveDisclosure?.V2021?.Fees, m => m.Source,
                [("fee_amount", Label2021("fee_amount"), ValueKind.Money, m => m.FeeAmount)]);
        }
        else
        {
            (string, string, ValueKind, Func<PublishedRow, Cell?>)[] published =
            [
                ("new_made", Label2019("new_made"), ValueKind.Count, m => m.NewMade),
                ("new_published", Label2019("new_published"), ValueKind.Count, m => m.NewPublished),
                ("published_total", Label2019("published_total"), ValueKind.Count, m => m.PublishedTotal),
            ];
            (string, string, ValueKind, Func<ItemsRow, Cell?>)[] items =
            [
                ("prev_items", Label2019("prev_items"), ValueKind.Count, m => m.PrevItems),
                ("change", Label2019("change"), ValueKind.SignedCount, m => m.Change),
                ("decisions", Label2019("decisions"), ValueKind.Count, m => m.Decisions),
            ];
            AddRow(ActiveDisclosure, "regulations", "规章", r => r.ActiveDisclosure?.V2019?.Regulations, m => m.Source, published);
            AddRow(ActiveDisclosure, "normative_documents", "规范性文件", r => r.ActiveDisclosure?.V2019?.NormativeDocuments, m => m.Source, published);
            AddRow(ActiveDisclosure, "licensing", "行政许可", r => r.ActiveDisclosure?.V2019?.Licensing, m => m.Source, items);
            AddRow(ActiveDisclosure, "other_services", "其他对外管理服务事项", r => r.ActiveDisclosure?.V2019?.OtherServices, m => m.Source, items);
            AddRow(ActiveDisclosure, "penalty", "行政处罚", r => r.ActiveDisclosure?.V2019?.Penalty, m => m.Source, items);
            AddRow(ActiveDisclosure, "coercion", "行政强制", r => r.ActiveDisclosure?.V2019?.Coercion, m => m.Source, items);
            AddRow(ActiveDisclosure, "fees", "行政事业性收费", r => r.ActiveDisclosure?.V2019?.Fees, m => m.Source,
            [
                ("prev_items", Label2019("prev_items"), ValueKind.Count, m => m.PrevItems),
                ("change", Label2019("change"), ValueKind.SignedCount, m => m.Change),
            ]);
            AddRow(ActiveDisclosure, "procurement", "政府集中采购", r => r.ActiveDisclosure?.V2019?.Procurement, m => m.Source,
            [
                ("procurement_items", Label2019("procurement_items"), ValueKind.Count, m => m.ProcurementItems),
                ("procurement_amount", Label2019("procurement_amount"), ValueKind.Money, m => m.ProcurementAmount),
            ]);
        }

        // 三 (applications)
        var applicationColumns = new (string, string, ValueKind, Func<ApplicationsRow, Cell?>)[ApplicationColumns.Length];
        for (var c = 0; c < ApplicationColumns.Length; c++)
        {
            applicationColumns[c] = (ApplicationColumns[c].Key, ApplicationColumns[c].LabelZh, ValueKind.Count, ApplicationsRows.CellGetters[c]);
        }
        foreach (var definition in ApplicationsRows.All)
        {
            if (definition.AppliesTo(version))
            {
                var get = definition.Get;
                AddRow(Applications, definition.Key, definition.ClerkLabel, r => r.Applications is { } t ? get(t) : null, m => m.Source, applicationColumns);
            }
        }

        // 四 (review_litigation): one row "row", whose message is the table itself
        var reviewColumns = new (string, string, ValueKind, Func<ReviewLitigationTable, Cell?>)[ReviewColumns.Length];
        for (var c = 0; c < ReviewColumns.Length; c++)
        {
            reviewColumns[c] = (ReviewColumns[c].Key, ReviewColumns[c].LabelZh, ValueKind.Count, ReviewColumns[c].Get);
        }
        AddRow(ReviewLitigation, "row", "行政复议、行政诉讼", r => r.ReviewLitigation, m => m.Source, reviewColumns);

        return new TemplateLayout(version, rows, cells);
    }
}
