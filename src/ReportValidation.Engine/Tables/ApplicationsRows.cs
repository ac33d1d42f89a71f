using ReportValidation.V1;

namespace ReportValidation.Tables;

/// <summary>
/// A row of table 三: its rules.md key, official label, the short label findings show a clerk (with its
/// group, e.g. （三）1.属于国家秘密), the words that identify it, and its field.
/// </summary>
public sealed record ApplicationsRowDefinition(
    string Key,
    string OfficialLabel,
    string ClerkLabel,
    string[] Keywords,
    TemplateVersion? OnlyIn,
    Func<ApplicationsTable, ApplicationsRow?> Get,
    Action<ApplicationsTable, ApplicationsRow> Set)
{
    public bool AppliesTo(TemplateVersion version) => OnlyIn is null || version == TemplateVersion.Unspecified || OnlyIn == version;
}

/// <summary>The rows of table 三 in template order, for both versions (format.md §5.2, rules.md).</summary>
public static class ApplicationsRows
{
    /// <summary>The seven columns in order: rules.md key and header label.</summary>
    public static readonly (string Key, string LabelZh)[] Columns =
    [
        ("natural_person", "自然人"),
        ("commercial_enterprise", "商业企业"),
        ("research_institution", "科研机构"),
        ("social_welfare_org", "社会公益组织"),
        ("legal_service_org", "法律服务机构"),
        ("other_org", "其他"),
        ("total", "总计"),
    ];

    /// <summary>The cell accessors, in column order.</summary>
    public static readonly Func<ApplicationsRow, Cell?>[] CellGetters =
    [
        r => r.NaturalPerson, r => r.CommercialEnterprise, r => r.ResearchInstitution,
        r => r.SocialWelfareOrg, r => r.LegalServiceOrg, r => r.OtherOrg, r => r.Total,
    ];

    public static IReadOnlyList<ApplicationsRowDefinition> All { get; } =
    [
        new("received", "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", ["本年新收", "新收政府信息公开申请"], null, t => t.Received, (t, r) => t.Received = r),
        new("carried_over", "二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请数量", ["上年结转"], null, t => t.CarriedOver, (t, r) => t.CarriedOver = r),
        new("disclosed", "（一）予以公开", "（一）予以公开", ["予以公开"], null, t => t.Disclosed, (t, r) => t.Disclosed = r),
        new("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开", ["部分公开"], null, t => t.PartiallyDisclosed, (t, r) => t.PartiallyDisclosed = r),
        new("withheld.state_secret", "1.属于国家秘密", "（三）1.属于国家秘密", ["国家秘密"], null, t => t.WithheldStateSecret, (t, r) => t.WithheldStateSecret = r),
        new("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", "（三）2.其他法律行政法规禁止公开", ["禁止公开"], null, t => t.WithheldProhibitedByLaw, (t, r) => t.WithheldProhibitedByLaw = r),
        new("withheld.security_stability", "3.危及“三安全一稳定”", "（三）3.危及“三安全一稳定”", ["三安全一稳定", "危及"], null, t => t.WithheldSecurityStability, (t, r) => t.WithheldSecurityStability = r),
        new("withheld.third_party_rights", "4.保护第三方合法权益", "（三）4.保护第三方合法权益", ["第三方"], null, t => t.WithheldThirdPartyRights, (t, r) => t.WithheldThirdPartyRights = r),
        new("withheld.internal_affairs", "5.属于三类内部事务信息", "（三）5.属于三类内部事务信息", ["内部事务"], null, t => t.WithheldInternalAffairs, (t, r) => t.WithheldInternalAffairs = r),
        new("withheld.process_information", "6.属于四类过程性信息", "（三）6.属于四类过程性信息", ["过程性"], null, t => t.WithheldProcessInformation, (t, r) => t.WithheldProcessInformation = r),
        new("withheld.enforcement_files", "7.属于行政执法案卷", "（三）7.属于行政执法案卷", ["执法案卷"], null, t => t.WithheldEnforcementFiles, (t, r) => t.WithheldEnforcementFiles = r),
        new("withheld.query_matters", "8.属于行政查询事项", "（三）8.属于行政查询事项", ["行政查询", "查询事项"], null, t => t.WithheldQueryMatters, (t, r) => t.WithheldQueryMatters = r),
        new("unavailable.not_held", "1.本机关不掌握相关政府信息", "（四）1.本机关不掌握相关政府信息", ["不掌握"], null, t => t.UnavailableNotHeld, (t, r) => t.UnavailableNotHeld = r),
        new("unavailable.needs_creation", "2.没有现成信息需要另行制作", "（四）2.没有现成信息需要另行制作", ["另行制作", "没有现成"], null, t => t.UnavailableNeedsCreation, (t, r) => t.UnavailableNeedsCreation = r),
        new("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", "（四）3.补正后申请内容仍不明确", ["仍不明确", "补正后"], null, t => t.UnavailableUnclearAfterCorrection, (t, r) => t.UnavailableUnclearAfterCorrection = r),
        new("not_processed.complaint", "1.信访举报投诉类申请", "（五）1.信访举报投诉类申请", ["举报投诉", "信访"], null, t => t.NotProcessedComplaint, (t, r) => t.NotProcessedComplaint = r),
        new("not_processed.duplicate", "2.重复申请", "（五）2.重复申请", ["重复申请"], null, t => t.NotProcessedDuplicate, (t, r) => t.NotProcessedDuplicate = r),
        new("not_processed.publication", "3.要求提供公开出版物", "（五）3.要求提供公开出版物", ["出版物"], null, t => t.NotProcessedPublication, (t, r) => t.NotProcessedPublication = r),
        new("not_processed.excessive", "4.无正当理由大量反复申请", "（五）4.无正当理由大量反复申请", ["大量反复"], null, t => t.NotProcessedExcessive, (t, r) => t.NotProcessedExcessive = r),
        new("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）5.要求行政机关确认或重新出具已获取信息", ["重新出具", "确认或"], null, t => t.NotProcessedConfirmation, (t, r) => t.NotProcessedConfirmation = r),
        new("other", "（六）其他处理", "（六）其他处理", ["其他处理"], TemplateVersion._2019, t => t.Other, (t, r) => t.Other = r),
        new("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）1.申请人无正当理由逾期不补正", ["不补正"], TemplateVersion._2021, t => t.OtherNoCorrection, (t, r) => t.OtherNoCorrection = r),
        new("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）2.申请人逾期未按收费通知要求缴纳费用", ["缴纳费用", "收费通知"], TemplateVersion._2021, t => t.OtherUnpaidFee, (t, r) => t.OtherUnpaidFee = r),
        new("other.other", "3.其他", "（六）3.其他", [], TemplateVersion._2021, t => t.OtherOther, (t, r) => t.OtherOther = r),
        new("total", "（七）总计", "（七）总计", [], null, t => t.Total, (t, r) => t.Total = r),
        new("carried_forward", "四、结转下年度继续办理", "四、结转下年度继续办理", ["结转下年", "下年度继续"], null, t => t.CarriedForward, (t, r) => t.CarriedForward = r),
    ];

    public static int IndexOf(string key)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Key == key)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The cells of a row in column order.</summary>
    public static Cell?[] Cells(ApplicationsRow row) =>
        [row.NaturalPerson, row.CommercialEnterprise, row.ResearchInstitution, row.SocialWelfareOrg, row.LegalServiceOrg, row.OtherOrg, row.Total];

    public static void SetCells(ApplicationsRow row, Cell[] cells)
    {
        row.NaturalPerson = cells[0];
        row.CommercialEnterprise = cells[1];
        row.ResearchInstitution = cells[2];
        row.SocialWelfareOrg = cells[3];
        row.LegalServiceOrg = cells[4];
        row.OtherOrg = cells[5];
        row.Total = cells[6];
    }
}
