using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>One row of the rule catalog: the public id and severity of rules.md, and what it means.</summary>
public sealed record RuleInfo(
    string Id,
    Severity Severity,
    string Category,
    string DescriptionZh,
    string DescriptionEn,
    TemplateVersion[] Versions,
    bool NeedsPreviousYear = false)
{
    public RuleDescription ToDescription()
    {
        var description = new RuleDescription
        {
            Id = Id,
            Severity = Severity,
            DescriptionZh = DescriptionZh,
            DescriptionEn = DescriptionEn,
            Category = Category,
            NeedsPreviousYear = NeedsPreviousYear,
        };
        description.TemplateVersions.AddRange(Versions);
        return description;
    }
}

/// <summary>
/// The catalog of rules.md as data: ids and severities are public names that callers filter on, so
/// they are written exactly as listed there. Checks refer to these rows; nothing else defines a rule.
/// </summary>
public static class RuleDefinitions
{
    private static readonly TemplateVersion[] Both = [TemplateVersion._2019, TemplateVersion._2021];
    private static readonly TemplateVersion[] Only2019 = [TemplateVersion._2019];
    private static readonly TemplateVersion[] Only2021 = [TemplateVersion._2021];

    private const Severity E = Severity.Error;
    private const Severity W = Severity.Warning;
    private const Severity I = Severity.Info;

    // structure
    public static readonly RuleInfo SectionMissing = new("structure.section_missing", E, "structure", "缺少六个部分中的某一部分", "one of the six sections is absent", Both);
    public static readonly RuleInfo SectionOrder = new("structure.section_order", W, "structure", "各部分顺序错乱", "sections out of order", Both);
    public static readonly RuleInfo SectionDuplicate = new("structure.section_duplicate", W, "structure", "同一部分标题出现两次", "a section heading appears twice", Both);
    public static readonly RuleInfo TableMissing = new("structure.table_missing", E, "structure", "表二、表三或表四缺失", "table 二, 三 or 四 not found", Both);
    public static readonly RuleInfo RowMissing = new("structure.row_missing", E, "structure", "表格缺少模板规定的行", "a row of the template is absent from a table", Both);
    public static readonly RuleInfo RowIncomplete = new("structure.row_incomplete", E, "structure", "某行数值个数与列数不符，无法对应到列", "a row has fewer (or more) values than columns, so columns cannot be assigned", Both);
    public static readonly RuleInfo TemplateMismatch = new("structure.template_mismatch", E, "structure", "年度报告格式版本与报告年度不符", "2019 template used for a 2021+ report; warning for the reverse", Both);
    public static readonly RuleInfo NonstandardLabel = new("structure.nonstandard_label", I, "structure", "使用了非标准的行标签（已知别名或变体）", "a known alias or deviation of an official label", Both);

    // cells
    public static readonly RuleInfo NotANumber = new("cell.not_a_number", E, "cell", "应填数字处填写了文字", "text where a number belongs", Both);
    public static readonly RuleInfo Negative = new("cell.negative", E, "cell", "数量为负数（仅2019版“本年增/减”可为负）", "negative count (signed only in 2019 change)", Both);
    public static readonly RuleInfo NotInteger = new("cell.not_integer", E, "cell", "数量列出现小数", "fraction in a count column", Both);
    public static readonly RuleInfo Blank = new("cell.blank", W, "cell", "应填数字处为空白、“/”或“—”，按未知处理而非0", "blank, \"/\" or \"—\" where a number belongs: treated as unknown, never as 0", Both);
    public static readonly RuleInfo Unit = new("cell.unit", W, "cell", "金额单位与表头不一致，或缺少必要的单位", "money in a unit other than the header's, or no unit where one is needed", Both);

    // arithmetic
    public static readonly RuleInfo RowTotal = new("applications.row_total", E, "arithmetic", "表三某行：总计不等于六类申请人之和", "总计 ≠ sum of the six applicant columns, in a row", Both);
    public static readonly RuleInfo ResultTotal = new("applications.result_total", E, "arithmetic", "表三某列：（七）总计不等于各办理结果之和", "（七）总计 ≠ sum of the result leaf rows, in a column", Both);
    public static readonly RuleInfo Balance = new("applications.balance", E, "arithmetic", "表三某列：第一项加第二项之和不等于第三项加第四项之和", "一 + 二 ≠ （七）总计 + 四, in a column", Both);
    public static readonly RuleInfo ReviewTotal = new("review_litigation.review_total", E, "arithmetic", "表四行政复议：总计不等于维持、纠正、其他、尚未审结之和", "行政复议 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结", Both);
    public static readonly RuleInfo DirectTotal = new("review_litigation.direct_total", E, "arithmetic", "表四未经复议直接起诉：总计不等于四项之和", "未经复议直接起诉 总计 ≠ sum of its four", Both);
    public static readonly RuleInfo AfterReviewTotal = new("review_litigation.after_review_total", E, "arithmetic", "表四复议后起诉：总计不等于四项之和", "复议后起诉 总计 ≠ sum of its four", Both);
    public static readonly RuleInfo Uncertain = new("arithmetic.uncertain", W, "arithmetic", "勾稽关系无法判定：其中有空白或无法识别的单元格", "an identity could not be decided because a cell in it is blank or unreadable", Both);
    public static readonly RuleInfo SuspectCell = new("arithmetic.suspect_cell", I, "arithmetic", "勾稽关系不成立时，指出改正后可使全部关系成立的单元格及其应有数值", "when several identities fail, the single cell (or smallest set of cells) whose correction makes all of them hold, with its corrected value", Both);

    // plausibility
    public static readonly RuleInfo CarriedForwardExceedsReceived = new("applications.carried_forward_exceeds_received", W, "plausibility", "结转下年度继续办理数大于本年新收申请数", "四 > 一 in a column", Both);
    public static readonly RuleInfo Stock = new("active_disclosure.stock", W, "plausibility", "本年制发件数大于现行有效件数与本年废止件数之和", "2021: 本年制发 > 现行有效 + 本年废止", Only2021);
    public static readonly RuleInfo ItemsNegative = new("active_disclosure.items_negative", W, "plausibility", "上一年项目数量加本年增/减小于0", "2019: 上一年项目数量 + 本年增/减 < 0", Only2019);
    public static readonly RuleInfo PublishedExceedsTotal = new("active_disclosure.published_exceeds_total", W, "plausibility", "本年新公开数量大于对外公开总数量", "2019: 本年新公开 > 对外公开总数", Only2019);
    public static readonly RuleInfo Procurement = new("active_disclosure.procurement", W, "plausibility", "采购项目数量与采购总金额在是否为0上不一致", "2019: items and amount disagree on zero", Only2019);

    // meta
    public static readonly RuleInfo YearMissing = new("meta.year_missing", E, "meta", "无法确定报告年度", "the report year cannot be determined", Both);
    public static readonly RuleInfo YearInconsistent = new("meta.year_inconsistent", E, "meta", "标题年度、统计期限与正文年度不一致", "title year, statistical period and body disagree", Both);
    public static readonly RuleInfo PeriodInvalid = new("meta.period_invalid", W, "meta", "统计期限不是当年1月1日至12月31日，或日期书写有误", "the statistical period is not 1 Jan – 31 Dec of the year, or a date in it is malformed", Both);
    public static readonly RuleInfo DatePremature = new("meta.date_premature", W, "meta", "报告日期早于报告年度结束", "the report is dated before the year ended", Both);
    public static readonly RuleInfo DateLate = new("meta.date_late", W, "meta", "报告发布晚于法定时限（部门1月31日，人民政府3月31日）", "dated after the legal deadline: 31 Jan (departments) or 31 Mar (people's governments)", Both);
    public static readonly RuleInfo StaleYear = new("meta.stale_year", I, "meta", "正文把以前年度的数据当作本年工作报告", "the narrative reports figures of an earlier year as this year's work", Both);

    // text
    public static readonly RuleInfo ApplicationsMismatch = new("text.applications_mismatch", W, "text", "正文所述依申请公开数字与表三不一致", "a number the narrative states differs from table 三", Both);
    public static readonly RuleInfo ReviewLitigationMismatch = new("text.review_litigation_mismatch", W, "text", "正文所述行政复议、行政诉讼数字与表四不一致", "a number the narrative states about 复议/诉讼 differs from table 四", Both);
    public static readonly RuleInfo OverviewTopics = new("text.overview_topics", I, "text", "总体情况未涵盖五方面内容之一", "2021: 总体情况 does not cover one of its five topics", Only2021);
    public static readonly RuleInfo FeeStatement = new("text.fee_statement", W, "text", "第六部分未说明信息处理费收取情况", "2021: section 六 says nothing of the information-processing fee", Only2021);
    public static readonly RuleInfo SectionThin = new("text.section_thin", W, "text", "第五部分未写明存在的问题或改进措施", "五 states no problem or no measure", Both);

    // across years
    public static readonly RuleInfo CarryOver = new("cross_year.carry_over", E, "cross_year", "本年“上年结转”不等于上年“结转下年度继续办理”", "上年结转 (this year) ≠ 结转下年度继续办理 (last year), per column", Both, NeedsPreviousYear: true);
    public static readonly RuleInfo CrossYearStock = new("cross_year.stock", W, "cross_year", "现行有效件数不等于上年现行有效加本年制发减本年废止", "现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止", Only2021, NeedsPreviousYear: true);
    public static readonly RuleInfo DuplicateContent = new("cross_year.duplicate_content", W, "cross_year", "表格或正文与上年报告雷同", "tables or narrative copied unchanged from last year", Both, NeedsPreviousYear: true);

    /// <summary>Every rule, in the order of rules.md.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } =
    [
        SectionMissing, SectionOrder, SectionDuplicate, TableMissing, RowMissing, RowIncomplete, TemplateMismatch, NonstandardLabel,
        NotANumber, Negative, NotInteger, Blank, Unit,
        RowTotal, ResultTotal, Balance, ReviewTotal, DirectTotal, AfterReviewTotal, Uncertain, SuspectCell,
        CarriedForwardExceedsReceived, Stock, ItemsNegative, PublishedExceedsTotal, Procurement,
        YearMissing, YearInconsistent, PeriodInvalid, DatePremature, DateLate, StaleYear,
        ApplicationsMismatch, ReviewLitigationMismatch, OverviewTopics, FeeStatement, SectionThin,
        CarryOver, CrossYearStock, DuplicateContent,
    ];
}
