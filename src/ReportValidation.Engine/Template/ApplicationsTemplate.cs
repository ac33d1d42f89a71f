using ReportValidation.V1;

namespace ReportValidation.Template;

/// <summary>
/// Table 三 (收到和处理政府信息公开申请情况) of both versions (format.md §5, rules.md): the seven applicant
/// columns and the rows in template order, with the words that identify a row and its field.
/// </summary>
public static class ApplicationsTemplate
{
    public const string Table = "applications";

    private static TemplateColumn Column(string key, string zh, string en) => new(key, zh, en);

    private static CellAccessor<ApplicationsRow> Cell(TemplateColumn column, Func<ApplicationsRow, Cell?> get, Action<ApplicationsRow, Cell> set) =>
        new(column, get, set);

    /// <summary>The row message: its source and the seven cells.</summary>
    public static RowShape<ApplicationsRow> Shape { get; } = new(r => r.Source, (r, s) => r.Source = s,
        Cell(Column("natural_person", "自然人", "Natural person"), r => r.NaturalPerson, (r, c) => r.NaturalPerson = c),
        Cell(Column("commercial_enterprise", "商业企业", "Business"), r => r.CommercialEnterprise, (r, c) => r.CommercialEnterprise = c),
        Cell(Column("research_institution", "科研机构", "Research inst."), r => r.ResearchInstitution, (r, c) => r.ResearchInstitution = c),
        Cell(Column("social_welfare_org", "社会公益组织", "Public welfare org."), r => r.SocialWelfareOrg, (r, c) => r.SocialWelfareOrg = c),
        Cell(Column("legal_service_org", "法律服务机构", "Legal service org."), r => r.LegalServiceOrg, (r, c) => r.LegalServiceOrg = c),
        Cell(Column("other_org", "其他", "Other org."), r => r.OtherOrg, (r, c) => r.OtherOrg = c),
        Cell(Column("total", "总计", "Total"), r => r.Total, (r, c) => r.Total = c));

    /// <summary>The seven columns in order; the six applicant columns come first, 总计 last.</summary>
    public static IReadOnlyList<TemplateColumn> Columns => Shape.Columns;

    public const int ApplicantColumns = 6;

    public static readonly TemplateGroup Results = new("三、", "本年度办理结果", "3. Outcomes this year");
    public static readonly TemplateGroup Withheld = new("（三）", "不予公开", "(3) Withheld", Results);
    public static readonly TemplateGroup Unavailable = new("（四）", "无法提供", "(4) Cannot be provided", Results);
    public static readonly TemplateGroup NotProcessed = new("（五）", "不予处理", "(5) Not processed", Results);
    public static readonly TemplateGroup OtherHandling = new("（六）", "其他处理", "(6) Other handling", Results) { OnlyIn = TemplateVersion._2021 };

    private static TemplateRow<ApplicationsTable, ApplicationsRow> Row(string key, string zh, string en,
        Func<ApplicationsTable, ApplicationsRow?> get, Action<ApplicationsTable, ApplicationsRow> set,
        string[]? keywords = null, string? shortZh = null, TemplateGroup? group = null, TemplateVersion? onlyIn = null, string? marker = null) =>
        new(key, zh, en, Shape, r => r.Applications, get, set)
        {
            Keywords = keywords ?? [],
            ShortLabelZh = shortZh,
            Group = group,
            OnlyIn = onlyIn,
            VersionMarker = marker,
        };

    /// <summary>The rows in template order, for both versions.</summary>
    public static IReadOnlyList<TemplateRow<ApplicationsTable, ApplicationsRow>> Rows { get; } =
    [
        Row("received", "一、本年新收政府信息公开申请数量", "1. New applications this year", t => t.Received, (t, r) => t.Received = r, keywords: ["本年新收", "新收政府信息公开申请"]),
        Row("carried_over", "二、上年结转政府信息公开申请数量", "2. Carried over from last year", t => t.CarriedOver, (t, r) => t.CarriedOver = r, keywords: ["上年结转"]),
        Row("disclosed", "（一）予以公开", "(1) Disclosed", t => t.Disclosed, (t, r) => t.Disclosed = r, keywords: ["予以公开"], group: Results),
        Row("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(2) Partially disclosed", t => t.PartiallyDisclosed, (t, r) => t.PartiallyDisclosed = r, keywords: ["部分公开"], shortZh: "（二）部分公开", group: Results),
        Row("withheld.state_secret", "1.属于国家秘密", "1. State secret", t => t.WithheldStateSecret, (t, r) => t.WithheldStateSecret = r, keywords: ["国家秘密"], group: Withheld),
        Row("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", "2. Prohibited by law", t => t.WithheldProhibitedByLaw, (t, r) => t.WithheldProhibitedByLaw = r, keywords: ["禁止公开"], group: Withheld),
        Row("withheld.security_stability", "3.危及“三安全一稳定”", "3. Security and stability", t => t.WithheldSecurityStability, (t, r) => t.WithheldSecurityStability = r, keywords: ["三安全一稳定", "危及"], group: Withheld),
        Row("withheld.third_party_rights", "4.保护第三方合法权益", "4. Third parties' rights", t => t.WithheldThirdPartyRights, (t, r) => t.WithheldThirdPartyRights = r, keywords: ["第三方"], group: Withheld),
        Row("withheld.internal_affairs", "5.属于三类内部事务信息", "5. Internal affairs", t => t.WithheldInternalAffairs, (t, r) => t.WithheldInternalAffairs = r, keywords: ["内部事务"], group: Withheld),
        Row("withheld.process_information", "6.属于四类过程性信息", "6. Process information", t => t.WithheldProcessInformation, (t, r) => t.WithheldProcessInformation = r, keywords: ["过程性"], group: Withheld),
        Row("withheld.enforcement_files", "7.属于行政执法案卷", "7. Enforcement files", t => t.WithheldEnforcementFiles, (t, r) => t.WithheldEnforcementFiles = r, keywords: ["执法案卷"], group: Withheld),
        Row("withheld.query_matters", "8.属于行政查询事项", "8. Query matters", t => t.WithheldQueryMatters, (t, r) => t.WithheldQueryMatters = r, keywords: ["行政查询", "查询事项"], group: Withheld),
        Row("unavailable.not_held", "1.本机关不掌握相关政府信息", "1. Not held", t => t.UnavailableNotHeld, (t, r) => t.UnavailableNotHeld = r, keywords: ["不掌握"], group: Unavailable),
        Row("unavailable.needs_creation", "2.没有现成信息需要另行制作", "2. Would need creating", t => t.UnavailableNeedsCreation, (t, r) => t.UnavailableNeedsCreation = r, keywords: ["另行制作", "没有现成"], group: Unavailable),
        Row("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", "3. Unclear after correction", t => t.UnavailableUnclearAfterCorrection, (t, r) => t.UnavailableUnclearAfterCorrection = r, keywords: ["仍不明确", "补正后"], group: Unavailable),
        Row("not_processed.complaint", "1.信访举报投诉类申请", "1. Petitions and complaints", t => t.NotProcessedComplaint, (t, r) => t.NotProcessedComplaint = r, keywords: ["举报投诉", "信访"], group: NotProcessed),
        Row("not_processed.duplicate", "2.重复申请", "2. Duplicate", t => t.NotProcessedDuplicate, (t, r) => t.NotProcessedDuplicate = r, keywords: ["重复申请"], group: NotProcessed),
        Row("not_processed.publication", "3.要求提供公开出版物", "3. Published material", t => t.NotProcessedPublication, (t, r) => t.NotProcessedPublication = r, keywords: ["出版物"], group: NotProcessed),
        Row("not_processed.excessive", "4.无正当理由大量反复申请", "4. Excessive, repeated", t => t.NotProcessedExcessive, (t, r) => t.NotProcessedExcessive = r, keywords: ["大量反复"], group: NotProcessed),
        Row("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "5. Confirm or reissue", t => t.NotProcessedConfirmation, (t, r) => t.NotProcessedConfirmation = r, keywords: ["重新出具", "确认或"], group: NotProcessed),
        Row("other", OtherHandling.LabelZh, OtherHandling.LabelEn, t => t.Other, (t, r) => t.Other = r, keywords: ["其他处理"], group: Results, onlyIn: TemplateVersion._2019),
        Row("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1. No correction in time", t => t.OtherNoCorrection, (t, r) => t.OtherNoCorrection = r, keywords: ["不补正"], shortZh: "1.申请人无正当理由逾期不补正", group: OtherHandling, onlyIn: TemplateVersion._2021, marker: "不补正"),
        Row("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2. Fee not paid in time", t => t.OtherUnpaidFee, (t, r) => t.OtherUnpaidFee = r, keywords: ["缴纳费用", "收费通知"], shortZh: "2.申请人逾期未按收费通知要求缴纳费用", group: OtherHandling, onlyIn: TemplateVersion._2021, marker: "缴纳费用"),
        Row("other.other", "3.其他", "3. Other", t => t.OtherOther, (t, r) => t.OtherOther = r, group: OtherHandling, onlyIn: TemplateVersion._2021),
        Row("total", "（七）总计", "(7) Total", t => t.Total, (t, r) => t.Total = r, group: Results),
        Row("carried_forward", "四、结转下年度继续办理", "4. Carried forward to next year", t => t.CarriedForward, (t, r) => t.CarriedForward = r, keywords: ["结转下年", "下年度继续"]),
    ];

    public static TemplateRow<ApplicationsTable, ApplicationsRow> Row(string key) => Rows[IndexOf(key)];

    /// <summary>
    /// A known deviation of real reports (2023 and 2024 reports of the 2021 template): table 三 still
    /// prints the 2019 single （六）其他处理 row instead of its sub-rows 1.–3. The row is then the （六）
    /// group: its figures are the group's sum and are checked in every identity the group takes part in.
    /// </summary>
    public static bool OtherHandlingAsOneRow(ApplicationsTable? table) =>
        table is { Other.Source.Found: true } && !IsFound(table.OtherNoCorrection) && !IsFound(table.OtherUnpaidFee) && !IsFound(table.OtherOther);

    /// <summary>The （六） sub-rows the single row stands for.</summary>
    public static bool IsOtherHandlingSubRow(string key) => key.StartsWith("other.", StringComparison.Ordinal);

    private static bool IsFound(ApplicationsRow? row) => row is { Source.Found: true } || row is { Source: null };

    public static int IndexOf(string key)
    {
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Rows[i].Key == key)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The cells of a row in column order.</summary>
    public static Cell?[] Cells(ApplicationsRow row) => Shape.Cells(row);
}
