using System.Collections.Frozen;
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
    Func<Report, RowSource?> Source,
    Func<Report, bool> Present)
{
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
    Func<Report, Cell?> Get)
{
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

    public static readonly (string Key, string LabelZh)[] ApplicantColumns =
    [
        ("natural_person", "自然人"),
        ("commercial_enterprise", "商业企业"),
        ("research_institution", "科研机构"),
        ("social_welfare_org", "社会公益组织"),
        ("legal_service_org", "法律服务机构"),
        ("other_org", "其他"),
    ];

    public static readonly (string Key, string LabelZh)[] ApplicationColumns = [.. ApplicantColumns, ("total", "总计")];

    private static readonly Func<ApplicationsRow, Cell?>[] ApplicationCellGetters =
    [
        r => r.NaturalPerson, r => r.CommercialEnterprise, r => r.ResearchInstitution,
        r => r.SocialWelfareOrg, r => r.LegalServiceOrg, r => r.OtherOrg, r => r.Total,
    ];

    private static readonly (string Key, string LabelZh, Func<ApplicationsTable, ApplicationsRow?> Get)[] CommonHead =
    [
        ("received", "一、本年新收政府信息公开申请数量", t => t.Received),
        ("carried_over", "二、上年结转政府信息公开申请数量", t => t.CarriedOver),
        ("disclosed", "（一）予以公开", t => t.Disclosed),
        ("partially_disclosed", "（二）部分公开", t => t.PartiallyDisclosed),
        ("withheld.state_secret", "（三）1.属于国家秘密", t => t.WithheldStateSecret),
        ("withheld.prohibited_by_law", "（三）2.其他法律行政法规禁止公开", t => t.WithheldProhibitedByLaw),
        ("withheld.security_stability", "（三）3.危及“三安全一稳定”", t => t.WithheldSecurityStability),
        ("withheld.third_party_rights", "（三）4.保护第三方合法权益", t => t.WithheldThirdPartyRights),
        ("withheld.internal_affairs", "（三）5.属于三类内部事务信息", t => t.WithheldInternalAffairs),
        ("withheld.process_information", "（三）6.属于四类过程性信息", t => t.WithheldProcessInformation),
        ("withheld.enforcement_files", "（三）7.属于行政执法案卷", t => t.WithheldEnforcementFiles),
        ("withheld.query_matters", "（三）8.属于行政查询事项", t => t.WithheldQueryMatters),
        ("unavailable.not_held", "（四）1.本机关不掌握相关政府信息", t => t.UnavailableNotHeld),
        ("unavailable.needs_creation", "（四）2.没有现成信息需要另行制作", t => t.UnavailableNeedsCreation),
        ("unavailable.unclear_after_correction", "（四）3.补正后申请内容仍不明确", t => t.UnavailableUnclearAfterCorrection),
        ("not_processed.complaint", "（五）1.信访举报投诉类申请", t => t.NotProcessedComplaint),
        ("not_processed.duplicate", "（五）2.重复申请", t => t.NotProcessedDuplicate),
        ("not_processed.publication", "（五）3.要求提供公开出版物", t => t.NotProcessedPublication),
        ("not_processed.excessive", "（五）4.无正当理由大量反复申请", t => t.NotProcessedExcessive),
        ("not_processed.confirmation", "（五）5.要求行政机关确认或重新出具已获取信息", t => t.NotProcessedConfirmation),
    ];

    private static readonly (string Key, string LabelZh, Func<ApplicationsTable, ApplicationsRow?> Get)[] Other2019 =
    [
        ("other", "（六）其他处理", t => t.Other),
    ];

    private static readonly (string Key, string LabelZh, Func<ApplicationsTable, ApplicationsRow?> Get)[] Other2021 =
    [
        ("other.no_correction", "（六）1.申请人无正当理由逾期不补正", t => t.OtherNoCorrection),
        ("other.unpaid_fee", "（六）2.申请人逾期未按收费通知要求缴纳费用", t => t.OtherUnpaidFee),
        ("other.other", "（六）3.其他", t => t.OtherOther),
    ];

    private static readonly (string Key, string LabelZh, Func<ApplicationsTable, ApplicationsRow?> Get)[] CommonTail =
    [
        ("total", "（七）总计", t => t.Total),
        ("carried_forward", "四、结转下年度继续办理", t => t.CarriedForward),
    ];

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

        void AddRow(RowSlot row, IEnumerable<(string Column, string LabelZh, ValueKind Kind, Func<Report, Cell?> Get)> columns)
        {
            row.FirstCell = cells.Count;
            foreach (var (column, label, kind, get) in columns)
            {
                cells.Add(new CellSlot(cells.Count, row, column, label, kind, get));
            }
            row.CellCount = cells.Count - row.FirstCell;
            row.Index = rows.Count;
            rows.Add(row);
        }

        // 二 (active_disclosure)
        if (version == TemplateVersion._2021)
        {
            AddStock2021(AddRow, "regulations", "规章", r => r.ActiveDisclosure?.V2021?.Regulations);
            AddStock2021(AddRow, "normative_documents", "行政规范性文件", r => r.ActiveDisclosure?.V2021?.NormativeDocuments);
            AddDecision2021(AddRow, "licensing", "行政许可", r => r.ActiveDisclosure?.V2021?.Licensing);
            AddDecision2021(AddRow, "penalty", "行政处罚", r => r.ActiveDisclosure?.V2021?.Penalty);
            AddDecision2021(AddRow, "coercion", "行政强制", r => r.ActiveDisclosure?.V2021?.Coercion);
            Func<Report, FeeAmountRow?> fees = r => r.ActiveDisclosure?.V2021?.Fees;
            AddRow(new RowSlot(ActiveDisclosure, "fees", "行政事业性收费", r => fees(r)?.Source, r => fees(r) is not null),
                [("fee_amount", "本年收费金额（万元）", ValueKind.Money, r => fees(r)?.FeeAmount)]);
        }
        else
        {
            AddPublished2019(AddRow, "regulations", "规章", r => r.ActiveDisclosure?.V2019?.Regulations);
            AddPublished2019(AddRow, "normative_documents", "规范性文件", r => r.ActiveDisclosure?.V2019?.NormativeDocuments);
            AddItems2019(AddRow, "licensing", "行政许可", r => r.ActiveDisclosure?.V2019?.Licensing);
            AddItems2019(AddRow, "other_services", "其他对外管理服务事项", r => r.ActiveDisclosure?.V2019?.OtherServices);
            AddItems2019(AddRow, "penalty", "行政处罚", r => r.ActiveDisclosure?.V2019?.Penalty);
            AddItems2019(AddRow, "coercion", "行政强制", r => r.ActiveDisclosure?.V2019?.Coercion);
            Func<Report, FeeItemsRow?> fees = r => r.ActiveDisclosure?.V2019?.Fees;
            AddRow(new RowSlot(ActiveDisclosure, "fees", "行政事业性收费", r => fees(r)?.Source, r => fees(r) is not null),
            [
                ("prev_items", "上一年项目数量", ValueKind.Count, r => fees(r)?.PrevItems),
                ("change", "本年增/减", ValueKind.SignedCount, r => fees(r)?.Change),
            ]);
            Func<Report, ProcurementRow?> procurement = r => r.ActiveDisclosure?.V2019?.Procurement;
            AddRow(new RowSlot(ActiveDisclosure, "procurement", "政府集中采购", r => procurement(r)?.Source, r => procurement(r) is not null),
            [
                ("procurement_items", "采购项目数量", ValueKind.Count, r => procurement(r)?.ProcurementItems),
                ("procurement_amount", "采购总金额", ValueKind.Money, r => procurement(r)?.ProcurementAmount),
            ]);
        }

        // 三 (applications)
        var applicationRows = version == TemplateVersion._2019
            ? CommonHead.Concat(Other2019).Concat(CommonTail)
            : CommonHead.Concat(Other2021).Concat(CommonTail);
        foreach (var (key, label, get) in applicationRows)
        {
            Func<Report, ApplicationsRow?> row = r => r.Applications is { } t ? get(t) : null;
            var columns = new List<(string, string, ValueKind, Func<Report, Cell?>)>();
            for (var c = 0; c < ApplicationColumns.Length; c++)
            {
                var cellGet = ApplicationCellGetters[c];
                columns.Add((ApplicationColumns[c].Key, ApplicationColumns[c].LabelZh, ValueKind.Count,
                    r => row(r) is { } found ? cellGet(found) : null));
            }
            AddRow(new RowSlot(Applications, key, label, r => row(r)?.Source, r => row(r) is not null), columns);
        }

        // 四 (review_litigation): one row "row"
        var reviewColumns = new List<(string, string, ValueKind, Func<Report, Cell?>)>();
        foreach (var (key, label, get) in ReviewColumns)
        {
            reviewColumns.Add((key, label, ValueKind.Count, r => r.ReviewLitigation is { } t ? get(t) : null));
        }
        AddRow(new RowSlot(ReviewLitigation, "row", "行政复议、行政诉讼", r => r.ReviewLitigation?.Source,
            r => r.ReviewLitigation is not null), reviewColumns);

        return new TemplateLayout(version, rows, cells);
    }

    private static void AddStock2021(Action<RowSlot, IEnumerable<(string, string, ValueKind, Func<Report, Cell?>)>> add,
        string key, string label, Func<Report, StockRow?> get) =>
        add(new RowSlot(ActiveDisclosure, key, label, r => get(r)?.Source, r => get(r) is not null),
        [
            ("issued", "本年制发件数", ValueKind.Count, r => get(r)?.Issued),
            ("abolished", "本年废止件数", ValueKind.Count, r => get(r)?.Abolished),
            ("in_force", "现行有效件数", ValueKind.Count, r => get(r)?.InForce),
        ]);

    private static void AddDecision2021(Action<RowSlot, IEnumerable<(string, string, ValueKind, Func<Report, Cell?>)>> add,
        string key, string label, Func<Report, DecisionRow?> get) =>
        add(new RowSlot(ActiveDisclosure, key, label, r => get(r)?.Source, r => get(r) is not null),
        [
            ("decisions", "本年处理决定数量", ValueKind.Count, r => get(r)?.Decisions),
        ]);

    private static void AddPublished2019(Action<RowSlot, IEnumerable<(string, string, ValueKind, Func<Report, Cell?>)>> add,
        string key, string label, Func<Report, PublishedRow?> get) =>
        add(new RowSlot(ActiveDisclosure, key, label, r => get(r)?.Source, r => get(r) is not null),
        [
            ("new_made", "本年新制作数量", ValueKind.Count, r => get(r)?.NewMade),
            ("new_published", "本年新公开数量", ValueKind.Count, r => get(r)?.NewPublished),
            ("published_total", "对外公开总数量", ValueKind.Count, r => get(r)?.PublishedTotal),
        ]);

    private static void AddItems2019(Action<RowSlot, IEnumerable<(string, string, ValueKind, Func<Report, Cell?>)>> add,
        string key, string label, Func<Report, ItemsRow?> get) =>
        add(new RowSlot(ActiveDisclosure, key, label, r => get(r)?.Source, r => get(r) is not null),
        [
            ("prev_items", "上一年项目数量", ValueKind.Count, r => get(r)?.PrevItems),
            ("change", "本年增/减", ValueKind.SignedCount, r => get(r)?.Change),
            ("decisions", "处理决定数量", ValueKind.Count, r => get(r)?.Decisions),
        ]);
}
