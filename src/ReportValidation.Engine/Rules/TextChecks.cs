using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>
/// text.* and meta.stale_year: the narrative against the tables (format.md §8.4) and the content
/// the 2021 template asks of sections 一, 五 and 六 (§9.1). Tuned against false alarms: a number is
/// compared only when a key phrase of an application result or of 复议/诉讼 stands right before it.
/// </summary>
internal static class TextChecks
{
    /// <summary>What a number in the narrative can be: a figure of the 总计 column of table 三.</summary>
    private sealed record ApplicationMetric(string NameZh, string NameEn, Func<string, bool> Rows);

    private static readonly ApplicationMetric[] ApplicationMetrics =
    [
        new("收到申请", "applications received", r => r == "received"),                                 // 0
        new("上年结转申请", "applications carried over", r => r == "carried_over"),                     // 1
        new("办结（答复）申请", "applications answered", r => r == "total"),                            // 2
        new("予以公开", "disclosed", r => r == "disclosed"),                                            // 3
        new("部分公开", "partially disclosed", r => r == "partially_disclosed"),                        // 4
        new("不予公开", "withheld", r => r.StartsWith("withheld.", StringComparison.Ordinal)),         // 5
        new("无法提供", "unavailable", r => r.StartsWith("unavailable.", StringComparison.Ordinal)),    // 6
        new("不予处理", "not processed", r => r.StartsWith("not_processed.", StringComparison.Ordinal)), // 7
        new("其他处理", "other handling", r => r == "other" || r.StartsWith("other.", StringComparison.Ordinal)), // 8
        new("结转下年度继续办理", "carried forward", r => r == "carried_forward"),                       // 9
    ];

    private const int Received = 0;
    private const int Answered = 2;
    private const int Disclosed = 3;

    // Key phrases and the metric each names; clerks write 主动公开 for 予以公开, 办结/答复 for the results.
    private static readonly string[] ApplicationKeys =
    [
        "收到", "受理", "新收", "接收", "接到",
        "上年结转", "上年度结转",
        "办结", "答复", "办理完毕",
        "予以公开", "同意公开", "全部公开", "主动公开",
        "部分公开", "部分予以公开",
        "不予公开", "不予以公开",
        "无法提供",
        "不予处理",
        "其他处理",
        "结转下年", "结转至下年", "结转到下年", "转入下年",
    ];

    private static readonly int[] ApplicationKeyMetric =
    [
        0, 0, 0, 0, 0,
        1, 1,
        2, 2, 2,
        3, 3, 3, 3,
        4, 4,
        5, 5,
        6,
        7,
        8,
        9, 9, 9, 9,
    ];

    private const int ProactiveKey = 13; // "主动公开": an application result only when not about information items

    // Words between the key and its number that make the number about something else.
    private static readonly string[] ApplicationWindowStops =
    [
        "来信", "留言", "热线", "咨询", "信件", "建议", "提案", "举报", "投诉", "信访", "自然人", "法人", "企业", "组织",
        "率", "人次", "电话", "复议", "诉讼", "起诉", "各", "平均",
    ];

    private static readonly string[] ProactiveWindowStops = ["信息", "文件", "政府", "条", "政策", "规范", "目录"];

    private static readonly string[] SentenceStops =
        ["去年", "同比", "较上年", "比上年", "累计", "历年", "以来", "环比", "增长", "下降", "减少", "增加", "上一年度", "上年度的"];

    private static readonly string[] ReviewKeys =
        ["行政复议", "复议", "复议后起诉", "直接起诉", "未经复议直接起诉", "行政诉讼", "诉讼", "起诉"];

    // 0: review.total, 1: litigation_direct.total, 2: litigation_after_review.total, 3: both litigation totals
    private static readonly int[] ReviewKeyMetric = [0, 0, 2, 1, 1, 3, 3, 3];

    private static readonly string[] ReviewWindowStops =
        ["维持", "纠正", "尚未", "审结", "其他", "败诉", "胜诉", "撤销", "确认", "驳回", "率", "各", "和", "及", "、"];

    private static readonly int[] NarrativeSections = [1, 3, 4];

    /// <summary>A number stated next to its key phrase, and what it names.</summary>
    private readonly record struct Mention(Section Section, int KeyStart, StatedCount Count, bool Review, int Metric);

    private static List<Mention> Mentions(RuleContext context)
    {
        if (context.Cache is List<Mention> cached)
        {
            return cached;
        }
        var mentions = new List<Mention>();
        context.Cache = mentions;
        var year = context.Report.Year;
        foreach (var ordinal in NarrativeSections)
        {
            foreach (var section in context.Report.Sections)
            {
                if (section.Ordinal != ordinal)
                {
                    continue;
                }
                var text = section.Text;
                // Sentence-level facts are worked out once per sentence, not once per number in it.
                int sentenceStart = -1, sentenceEnd = -1;
                bool skip = false, hasApplication = false, hasReview = false;
                foreach (var count in Narrative.Counts(text, 0, text.Length, '件'))
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    if (count.Start >= sentenceEnd)
                    {
                        sentenceStart = Narrative.SentenceStart(text, 0, count.Start);
                        sentenceEnd = Narrative.SentenceEnd(text, count.End, text.Length);
                        var sentence = text.AsSpan(sentenceStart, sentenceEnd - sentenceStart);
                        skip = Narrative.ContainsAny(sentence, SentenceStops) || MentionsOtherYear(text, sentenceStart, sentenceEnd, year);
                        hasApplication = sentence.Contains("申请".AsSpan(), StringComparison.Ordinal);
                        hasReview = sentence.Contains("复议".AsSpan(), StringComparison.Ordinal) || sentence.Contains("诉".AsSpan(), StringComparison.Ordinal);
                    }
                    if (skip)
                    {
                        continue;
                    }
                    var clauseStart = Narrative.ClauseStart(text, sentenceStart, count.Start);
                    var appKey = hasApplication
                        ? Narrative.NearestKey(text, clauseStart, count.Start, ApplicationKeys, out var appStart, out var appEnd)
                        : Miss(out appStart, out appEnd);
                    var reviewKey = hasReview
                        ? Narrative.NearestKey(text, clauseStart, count.Start, ReviewKeys, out var reviewStart, out var reviewEnd)
                        : Miss(out reviewStart, out reviewEnd);
                    if (reviewKey >= 0 && reviewEnd >= appEnd)
                    {
                        var window = text.AsSpan(reviewEnd, count.Start - reviewEnd);
                        var metric = ReviewKeyMetric[reviewKey];
                        var clause = text.AsSpan(clauseStart, count.Start - clauseStart);
                        // "行政复议和行政诉讼共3件" counts both: not one figure of table 四.
                        var both = metric is 0 or 3 && clause.Contains("复议".AsSpan(), StringComparison.Ordinal)
                            && (clause.Contains("诉讼".AsSpan(), StringComparison.Ordinal) || clause.Contains("起诉".AsSpan(), StringComparison.Ordinal));
                        if (window.Length <= 12 && !HasDigit(window) && !both && !Narrative.ContainsAny(window, ReviewWindowStops))
                        {
                            mentions.Add(new Mention(section, reviewStart, count, true, metric));
                        }
                    }
                    else if (appKey >= 0)
                    {
                        var window = text.AsSpan(appEnd, count.Start - appEnd);
                        if (window.Length <= 12 && !HasDigit(window) && !Narrative.ContainsAny(window, ApplicationWindowStops)
                            && (appKey != ProactiveKey || !Narrative.ContainsAny(window, ProactiveWindowStops)))
                        {
                            mentions.Add(new Mention(section, appStart, count, false, ApplicationKeyMetric[appKey]));
                        }
                    }
                }
            }
        }
        return mentions;
    }

    private static bool SentenceMentionsCarryOver(Mention mention)
    {
        var text = mention.Section.Text;
        var start = Narrative.SentenceStart(text, 0, mention.Count.Start);
        var end = Narrative.SentenceEnd(text, mention.Count.End, text.Length);
        return text.AsSpan(start, end - start).Contains("结转".AsSpan(), StringComparison.Ordinal);
    }

    private static int Miss(out int start, out int end)
    {
        start = end = -1;
        return -1;
    }

    private static bool HasDigit(ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
        {
            if (Narrative.IsDigit(ch))
            {
                return true;
            }
        }
        return false;
    }

    private static bool MentionsOtherYear(string text, int from, int to, int year)
    {
        if (year == 0)
        {
            return false;
        }
        foreach (var (mentioned, _, _) in Narrative.Years(text, from, to))
        {
            if (mentioned != year)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The 总计-column figure of table 三 a metric names, when every cell of it could be read.</summary>
    private static bool TryTableValue(RuleContext context, ApplicationMetric metric, out long value)
    {
        value = 0;
        var found = false;
        foreach (var row in context.Layout.Rows)
        {
            if (row.Table != CellCatalog.Applications || !metric.Rows(row.Row))
            {
                continue;
            }
            var index = row.FirstCell + row.CellCount - 1; // 总计 is the last column
            if (!context.Grid.Known[index])
            {
                return false;
            }
            value += context.Grid.Values[index];
            found = true;
        }
        return found;
    }

    public static void ApplicationsMismatch(RuleContext context)
    {
        var mentions = Mentions(context);
        foreach (var mention in mentions)
        {
            if (mention.Review)
            {
                continue;
            }
            var metric = ApplicationMetrics[mention.Metric];
            if (!TryTableValue(context, metric, out var tableValue) || tableValue == mention.Count.Value)
            {
                continue;
            }
            // "共受理申请20件（含上年结转2件）": the received figure may include last year's carried over.
            if (mention.Metric == Received && SentenceMentionsCarryOver(mention)
                && TryTableValue(context, ApplicationMetrics[1], out var carriedOver) && tableValue + carriedOver == mention.Count.Value)
            {
                continue;
            }
            var text = mention.Section.Text;
            var phrase = text[mention.KeyStart..(mention.Count.End + 1)];
            var finding = context.Add(RuleDefinitions.ApplicationsMismatch,
                $"正文“{phrase}”称{metric.NameZh}{mention.Count.Value}件，但表三总计列为{tableValue}件。",
                $"The narrative states {mention.Count.Value} {metric.NameEn}, table 三 (total column) says {tableValue}.",
                TextLocation(mention));
            finding.Expected = RuleContext.Format(tableValue);
            finding.Actual = RuleContext.Format(mention.Count.Value);
            foreach (var row in context.Layout.Rows)
            {
                if (row.Table == CellCatalog.Applications && metric.Rows(row.Row))
                {
                    var slot = context.Layout.Cells[row.FirstCell + row.CellCount - 1];
                    finding.Cells.Add(RuleContext.Ref(slot, context.Grid.Cells[slot.Index]));
                }
            }
        }
        BreakdownSums(context, mentions);
    }

    /// <summary>
    /// "收到申请6件，其中予以公开1件、部分公开1件…": when table 三 cannot be read, the parts the
    /// sentence lists must still not exceed its whole. Parts may be a partial list, so only an excess
    /// is a finding; received applications may be answered together with last year's carried over.
    /// </summary>
    private static void BreakdownSums(RuleContext context, List<Mention> mentions)
    {
        if (TryTableValue(context, ApplicationMetrics[Answered], out _))
        {
            return; // the table speaks; each number was compared with it above
        }
        for (var i = 0; i < mentions.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var whole = mentions[i];
            if (whole.Review || (whole.Metric != Received && whole.Metric != Answered))
            {
                continue;
            }
            var text = whole.Section.Text;
            var sentenceEnd = Narrative.SentenceEnd(text, whole.Count.End, text.Length);
            long parts = 0;
            var partCount = 0;
            var carried = 0L;
            for (var j = i + 1; j < mentions.Count && ReferenceEquals(mentions[j].Section, whole.Section)
                && mentions[j].Count.Start < sentenceEnd; j++)
            {
                var part = mentions[j];
                if (part.Review)
                {
                    continue;
                }
                if (part.Metric is >= Disclosed and <= 8)
                {
                    parts += part.Count.Value;
                    partCount++;
                }
                else if (part.Metric == 1)
                {
                    carried += part.Count.Value;
                }
            }
            if (partCount < 2 || parts <= whole.Count.Value + carried)
            {
                continue;
            }
            if (whole.Metric == Received && carried == 0)
            {
                continue; // last year's carried-over applications may be among the answers
            }
            var finding = context.Add(RuleDefinitions.ApplicationsMismatch,
                $"正文所列各项办理结果合计{parts}件，多于所述{ApplicationMetrics[whole.Metric].NameZh}{whole.Count.Value}件。",
                $"The narrative's results add up to {parts}, more than the {whole.Count.Value} {ApplicationMetrics[whole.Metric].NameEn} it states.",
                TextLocation(whole));
            finding.Expected = $"≤ {whole.Count.Value + carried}";
            finding.Actual = RuleContext.Format(parts);
        }
    }

    public static void ReviewLitigationMismatch(RuleContext context)
    {
        var grid = context.Grid;
        var layout = context.Layout;
        long Value(string key) => grid.Values[layout.Cell(key).Index];
        bool Known(string key) => grid.Known[layout.Cell(key).Index];
        foreach (var mention in Mentions(context))
        {
            if (!mention.Review)
            {
                continue;
            }
            string nameZh;
            long tableValue;
            switch (mention.Metric)
            {
                case 0:
                    if (!Known("review_litigation.row.review.total"))
                    {
                        continue;
                    }
                    nameZh = "行政复议";
                    tableValue = Value("review_litigation.row.review.total");
                    break;
                case 1:
                    if (!Known("review_litigation.row.litigation_direct.total"))
                    {
                        continue;
                    }
                    nameZh = "未经复议直接起诉";
                    tableValue = Value("review_litigation.row.litigation_direct.total");
                    break;
                case 2:
                    if (!Known("review_litigation.row.litigation_after_review.total"))
                    {
                        continue;
                    }
                    nameZh = "复议后起诉";
                    tableValue = Value("review_litigation.row.litigation_after_review.total");
                    break;
                default:
                    if (!Known("review_litigation.row.litigation_direct.total") || !Known("review_litigation.row.litigation_after_review.total"))
                    {
                        continue;
                    }
                    nameZh = "行政诉讼";
                    tableValue = Value("review_litigation.row.litigation_direct.total") + Value("review_litigation.row.litigation_after_review.total");
                    break;
            }
            if (tableValue == mention.Count.Value)
            {
                continue;
            }
            var text = mention.Section.Text;
            var phrase = text[mention.KeyStart..(mention.Count.End + 1)];
            var finding = context.Add(RuleDefinitions.ReviewLitigationMismatch,
                $"正文“{phrase}”称{nameZh}{mention.Count.Value}件，但表四为{tableValue}件。",
                $"The narrative states {mention.Count.Value} cases of {nameZh}, table 四 says {tableValue}.",
                TextLocation(mention));
            finding.Expected = RuleContext.Format(tableValue);
            finding.Actual = RuleContext.Format(mention.Count.Value);
            foreach (var key in mention.Metric switch
            {
                0 => ["review_litigation.row.review.total"],
                1 => ["review_litigation.row.litigation_direct.total"],
                2 => ["review_litigation.row.litigation_after_review.total"],
                _ => new[] { "review_litigation.row.litigation_direct.total", "review_litigation.row.litigation_after_review.total" },
            })
            {
                var slot = layout.Cell(key);
                finding.Cells.Add(RuleContext.Ref(slot, grid.Cells[slot.Index]));
            }
        }
    }

    /// <summary>The number in the narrative (table "" as for any text finding); the table cells go in the finding's cells.</summary>
    private static Location TextLocation(Mention mention) =>
        RuleContext.At(LineIndex.Within(mention.Section, mention.Count.Start, mention.Count.End), section: mention.Section.Ordinal);

    private static readonly (string TopicZh, string TopicEn, string[] Words)[] OverviewTopics =
    [
        ("主动公开", "proactive disclosure", ["主动公开"]),
        ("依申请公开", "disclosure on application", ["依申请公开", "依申请", "申请公开", "依照申请"]),
        ("政府信息管理", "information management", ["信息管理", "审查", "审核", "公开属性", "目录", "规范管理", "规范化管理"]),
        ("政府信息公开平台建设", "disclosure platforms", ["平台", "网站", "新媒体", "公众号", "专栏", "公开栏"]),
        ("监督保障", "oversight and safeguards", ["监督", "保障", "考核", "培训", "责任追究", "领导小组"]),
    ];

    /// <summary>
    /// One finding naming every topic of the five the overview does not touch, so a short overview
    /// reads as one note, not five. A people's government's 监督保障 must include 考核/评议/责任追究.
    /// </summary>
    public static void OverviewTopicsCovered(RuleContext context)
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
        foreach (var (topicZh, topicEn, words) in OverviewTopics)
        {
            if (!Narrative.ContainsAny(overview.Text, words))
            {
                missingZh.Add(topicZh);
                missingEn.Add(topicEn);
            }
        }
        if (context.Report.PublisherKind == PublisherKind.Government && !missingZh.Contains("监督保障")
            && !Narrative.ContainsAny(overview.Text, GovernmentAccountability))
        {
            missingZh.Add("监督保障中的工作考核、社会评议和责任追究结果情况");
            missingEn.Add("the results of assessment, public evaluation and accountability");
        }
        if (missingZh.Count == 0)
        {
            return;
        }
        var finding = context.Add(RuleDefinitions.OverviewTopics,
            $"“总体情况”未涉及{string.Join("、", missingZh.Select(t => $"“{t}”"))}方面的内容（2021年版格式要求总体情况涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面）。",
            $"The overview does not cover {string.Join(", ", missingEn)} (the 2021 template asks for five topics).",
            RuleContext.At(overview.HeadingSpan ?? overview.Span, section: 1));
        finding.Expected = string.Join("、", missingZh);
    }

    private static readonly string[] GovernmentAccountability = ["考核", "评议", "责任追究"];

    private static readonly string[] FeeWords = ["信息处理费", "信息公开处理费", "政府信息处理费", "处理费"];

    public static void FeeStatement(RuleContext context)
    {
        if (context.Version != TemplateVersion._2021)
        {
            return;
        }
        // An absent section 六 is structure.section_missing's finding already.
        var other = context.Section(6);
        if (other is null || Narrative.ContainsAny(other.Text, FeeWords) || Narrative.ContainsAny(other.Heading, FeeWords))
        {
            return;
        }
        context.Add(RuleDefinitions.FeeStatement,
            "第六部分“其他需要报告的事项”未说明政府信息公开信息处理费的收取情况（2021年版格式要求报告；未收取也应写明，例如“本机关未收取信息处理费”）。",
            "Section 六 says nothing of the information-processing fee; the 2021 template asks for it (even when none was charged).",
            RuleContext.At(other.HeadingSpan ?? other.Span, section: 6));
    }

    private static readonly string[] ProblemWords =
        ["问题", "不足", "短板", "差距", "薄弱", "欠缺", "有待", "不够", "不到位", "滞后", "困难", "弱项"];

    private static readonly string[] MeasureWords =
        ["改进", "措施", "下一步", "整改", "加强", "完善", "进一步", "提升", "推进", "强化", "提高", "将"];

    public static void SectionThin(RuleContext context)
    {
        var problems = context.Section(5);
        if (problems is null)
        {
            return;
        }
        var body = problems.Text;
        if (problems.Heading.Length > 0 && body.StartsWith(problems.Heading, StringComparison.Ordinal))
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
        context.Add(RuleDefinitions.SectionThin,
            $"第五部分“{problems.Heading}”{missingZh}。",
            $"Section 五 {missingEn}.",
            RuleContext.At(problems.HeadingSpan ?? problems.Span, section: 5));
    }

    private static readonly string[] CountUnits = ["件", "条", "个", "次", "项", "份", "场", "期", "本", "宗"];

    /// <summary>
    /// An earlier year followed, in the same clause, by a count: "2020年共办理市长热线24件" in a 2021
    /// report (seed 000). Comparisons ("比2020年增加"), spans ("2019年以来") and titles in 《》 are not.
    /// Only the overview is read: section 五 rightly speaks of last year's problems.
    /// </summary>
    public static void StaleYear(RuleContext context)
    {
        var year = context.Report.Year;
        var overview = context.Section(1);
        if (year == 0 || overview is null)
        {
            return;
        }
        var text = overview.Text;
        var reported = 0;
        foreach (var (mentioned, start, end) in Narrative.Years(text, 0, text.Length))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (mentioned >= year || mentioned < year - 10 || reported >= 3)
            {
                continue;
            }
            var before = text.AsSpan(Math.Max(0, start - 2), Math.Min(2, start));
            var after = text.AsSpan(end, Math.Min(2, text.Length - end));
            if (before.IndexOfAny("比较与自从至截".AsSpan()) >= 0 || after.StartsWith("以来".AsSpan()) || after.StartsWith("起".AsSpan())
                || after.StartsWith("底".AsSpan()) || after.StartsWith("度以".AsSpan()) || InsideTitle(text, start))
            {
                continue;
            }
            var clauseEnd = Narrative.ClauseEnd(text, end, text.Length);
            if (!HasCount(text, end, clauseEnd))
            {
                continue;
            }
            var phrase = text[start..clauseEnd];
            var finding = context.Add(RuleDefinitions.StaleYear,
                $"“总体情况”中“{phrase}”报告的是{mentioned}年的数据，而本报告为{year}年度，请核实是否沿用了以前年度的内容。",
                $"The overview reports {mentioned} figures (\"{phrase}\") in the {year} report.",
                RuleContext.At(LineIndex.Within(overview, start, end), section: 1));
            finding.Expected = $"{year}";
            finding.Actual = $"{mentioned}";
            reported++;
        }
    }

    // A title runs a line at most: looking further made a page of years quadratic.
    private const int MaxTitleLength = 200;

    private static bool InsideTitle(string text, int at)
    {
        var window = Math.Max(0, at - MaxTitleLength);
        var open = text.LastIndexOf('《', Math.Max(0, at - 1), at - window);
        return open >= 0 && text.IndexOf('》', open, Math.Min(text.Length, at + MaxTitleLength) - open) is var close && (close < 0 || close > at);
    }

    private static bool HasCount(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            foreach (var unit in CountUnits)
            {
                if (text[i] == unit[0] && Narrative.TryNumberBefore(text, from, i, out _, out _))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
