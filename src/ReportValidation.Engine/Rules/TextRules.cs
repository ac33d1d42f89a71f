using ReportValidation.Parsing;
using ReportValidation.Reading;
using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// text.*: the narrative against the tables (format.md §8.4), through the figures
/// <see cref="NarrativeMentions"/> reads, and the content the 2021 template asks of sections 一, 五
/// and 六 (§9.1).
/// </summary>
public static class TextRules
{
    /// <summary>The rules of this group, in the order of rules.md.</summary>
    public static IReadOnlyList<Rule> All => [ApplicationsMismatch, ReviewLitigationMismatch, OverviewTopics, FeeStatement, SectionThin];

    public static Rule ApplicationsMismatch { get; } = new("text.applications_mismatch", Severity.Warning, "text",
        "正文所述依申请公开数字与表三不一致",
        "a number the narrative states differs from table 三",
        TemplateVersions.Both, CheckApplicationsMismatch);

    private static void CheckApplicationsMismatch(RuleContext context) => CheckMismatches(context, ApplicationsMismatch, applications: true);

    public static Rule ReviewLitigationMismatch { get; } = new("text.review_litigation_mismatch", Severity.Warning, "text",
        $"正文所述{ReviewLitigationTemplate.Row.LabelZh}数字与表四不一致",
        "a number the narrative states about 复议/诉讼 differs from table 四",
        TemplateVersions.Both, CheckReviewLitigationMismatch);

    private static void CheckReviewLitigationMismatch(RuleContext context) => CheckMismatches(context, ReviewLitigationMismatch, applications: false);

    /// <summary>
    /// Each count the narrative states against its table cells, then each whole against the sum of
    /// the parts it lists (<see cref="NarrativeComparison"/>): one finding per disagreement, at the
    /// number, naming the row and column and quoting the sentence.
    /// </summary>
    private static void CheckMismatches(RuleContext context, Rule rule, bool applications)
    {
        var comparison = new NarrativeComparison(context.Grid, context.Layout);
        var mentions = context.Mentions;
        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i];
            if (mention.Subject.IsApplications != applications)
            {
                continue;
            }
            if (comparison.AgainstTable(mention) is { } disagreement)
            {
                Report(context, rule, mention, disagreement, $"{comparison.Where(disagreement.Cells)}为{disagreement.ExpectedText}件",
                    $"{string.Join(" + ", disagreement.Cells.Select(c => c.Key))} says {disagreement.ExpectedText}");
            }
        }
        foreach (var parts in comparison.Wholes(mentions, applications))
        {
            var whole = parts[0].Whole!;
            if (comparison.AgainstParts(whole, parts) is { } disagreement)
            {
                var partsZh = string.Join("、", parts.Select(p => $"{p.Subject.NameZh}{p.Count.Value}件"));
                Report(context, rule, whole, disagreement, $"所列各项（{partsZh}）合计{disagreement.Actual}件",
                    $"the parts it lists add up to {disagreement.Actual}");
            }
        }
    }

    private static void Report(RuleContext context, Rule rule, Mention mention, NarrativeDisagreement disagreement, string againstZh, string againstEn)
    {
        var sentence = Quote(mention.Sentence);
        var finding = context.Add(rule,
            $"正文“{sentence}”称{mention.Subject.NameZh}{mention.Count.Value}件，但{againstZh}。",
            $"The narrative (\"{sentence}\") states {mention.Count.Value} {mention.Subject.NameEn}, but {againstEn}.",
            RuleContext.At(LineIndex.Within(mention.Section, mention.Count.Start, mention.Count.End), section: mention.Section.Ordinal));
        finding.Expected = disagreement.ExpectedText;
        finding.Actual = RuleContext.Format(disagreement.Actual);
        foreach (var slot in disagreement.Cells)
        {
            finding.Cells.Add(RuleContext.Ref(slot, context.Grid.Cells[slot.Index]));
        }
    }

    private static string Quote(string sentence) => sentence.Length <= 120 ? sentence : sentence[..118] + "……";

    private static readonly (string TopicZh, string TopicEn, string[] Words)[] OverviewTopicWords =
    [
        ("主动公开", "proactive disclosure", ["主动公开"]),
        ("依申请公开", "disclosure on application", ["依申请公开", "依申请", "申请公开", "依照申请"]),
        ("政府信息管理", "information management", ["信息管理", "审查", "审核", "公开属性", "目录", "规范管理", "规范化管理"]),
        ("政府信息公开平台建设", "disclosure platforms", ["平台", "网站", "新媒体", "公众号", "专栏", "公开栏"]),
        ("监督保障", "oversight and safeguards", ["监督", "保障", "考核", "培训", "责任追究", "领导小组"]),
    ];

    public static Rule OverviewTopics { get; } = new("text.overview_topics", Severity.Info, "text",
        "总体情况未涵盖五方面内容之一",
        "2021: 总体情况 does not cover one of its five topics",
        TemplateVersions.Only2021, CheckOverviewTopics);

    /// <summary>
    /// One finding naming every topic of the five the overview does not touch, so a short overview
    /// reads as one note, not five. A people's government's 监督保障 must include 考核/评议/责任追究.
    /// </summary>
    private static void CheckOverviewTopics(RuleContext context)
    {
        if (context.Version != TemplateVersion._2021)
        {
            return;
        }
        var overview = context.Section(1);
        if (overview is null)
        {
            return;
        }
        var missingZh = new List<string>();
        var missingEn = new List<string>();
        foreach (var (topicZh, topicEn, words) in OverviewTopicWords)
        {
            if (!Narrative.ContainsAny(context.TextOf(overview), words))
            {
                missingZh.Add(topicZh);
                missingEn.Add(topicEn);
            }
        }
        if (context.Report.PublisherKind == PublisherKind.Government && !missingZh.Contains("监督保障")
            && !Narrative.ContainsAny(context.TextOf(overview), GovernmentAccountability))
        {
            missingZh.Add("监督保障中的工作考核、社会评议和责任追究结果情况");
            missingEn.Add("the results of assessment, public evaluation and accountability");
        }
        if (missingZh.Count == 0)
        {
            return;
        }
        var finding = context.Add(OverviewTopics,
            $"“总体情况”未涉及{string.Join("、", missingZh.Select(t => $"“{t}”"))}方面的内容（2021年版格式要求总体情况涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面）。",
            $"The overview does not cover {string.Join(", ", missingEn)} (the 2021 template asks for five topics).",
            RuleContext.At(overview.HeadingSpan ?? overview.Span, section: 1));
        finding.Expected = string.Join("、", missingZh);
    }

    private static readonly string[] GovernmentAccountability = ["考核", "评议", "责任追究"];

    private static readonly string[] FeeWords = ["信息处理费", "信息公开处理费", "政府信息处理费", "处理费"];

    public static Rule FeeStatement { get; } = new("text.fee_statement", Severity.Warning, "text",
        "第六部分未说明信息处理费收取情况",
        "2021: section 六 says nothing of the information-processing fee",
        TemplateVersions.Only2021, CheckFeeStatement);

    private static void CheckFeeStatement(RuleContext context)
    {
        if (context.Version != TemplateVersion._2021)
        {
            return;
        }
        // An absent section 六 is structure.section_missing's finding already.
        var other = context.Section(6);
        if (other is null || Narrative.ContainsAny(context.TextOf(other), FeeWords)
            || Narrative.ContainsAny(LabelText.FoldCharacters(other.Heading), FeeWords))
        {
            return;
        }
        context.Add(FeeStatement,
            "第六部分“其他需要报告的事项”未说明政府信息公开信息处理费的收取情况（2021年版格式要求报告；未收取也应写明，例如“本机关未收取信息处理费”）。",
            "Section 六 says nothing of the information-processing fee; the 2021 template asks for it (even when none was charged).",
            RuleContext.At(other.HeadingSpan ?? other.Span, section: 6));
    }

    private static readonly string[] ProblemWords =
        ["问题", "不足", "短板", "差距", "薄弱", "欠缺", "有待", "不够", "不到位", "滞后", "困难", "弱项"];

    private static readonly string[] MeasureWords =
        ["改进", "措施", "下一步", "整改", "加强", "完善", "进一步", "提升", "推进", "强化", "提高", "将"];

    public static Rule SectionThin { get; } = new("text.section_thin", Severity.Warning, "text",
        "第五部分未写明存在的问题或改进措施",
        "五 states no problem or no measure",
        TemplateVersions.Both, CheckSectionThin);

    private static void CheckSectionThin(RuleContext context)
    {
        var problems = context.Section(5);
        if (problems is null)
        {
            return;
        }
        var body = context.TextOf(problems);
        if (problems.Heading.Length > 0 && problems.Text.StartsWith(problems.Heading, StringComparison.Ordinal))
        {
            body = body[problems.Heading.Length..];
        }
        var hasProblem = Narrative.ContainsAny(body, ProblemWords);
        var hasMeasure = Narrative.ContainsAny(body, MeasureWords);
        if (hasProblem && hasMeasure)
        {
            return;
        }
        var missingZh = !hasProblem && !hasMeasure ? "既未写明存在的问题，也未写明改进措施" : !hasProblem ? "未写明存在的问题" : "未写明改进措施";
        var missingEn = !hasProblem && !hasMeasure ? "states neither a problem nor a measure" : !hasProblem ? "states no problem" : "states no measure";
        context.Add(SectionThin,
            $"第五部分“{problems.Heading}”{missingZh}。",
            $"Section 五 {missingEn}.",
            RuleContext.At(problems.HeadingSpan ?? problems.Span, section: 5));
    }
}
