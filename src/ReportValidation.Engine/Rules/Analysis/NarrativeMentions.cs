using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules.Analysis;

/// <summary>A figure of table 三 the narrative can state: the 总计 column summed over the rows it names.</summary>
public sealed record ApplicationFigure(string NameZh, string NameEn, Func<string, bool> Rows, bool IsResult = false);

/// <summary>A figure of table 四 the narrative can state: the 总计 cells it names, summed.</summary>
public sealed record ReviewFigure(string NameZh, string[] Cells, bool MayCountBoth = false);

/// <summary>
/// A key phrase clerks write right before a figure ("收到", "予以公开", "复议"), the figure it names,
/// and words that, between the phrase and the number, make the number about something else.
/// </summary>
public sealed record KeyPhrase(string Phrase, ApplicationFigure? Application = null, ReviewFigure? Review = null, string[]? Stops = null);

/// <summary>A number stated next to its key phrase, and the figure it names.</summary>
public readonly record struct Mention(Section Section, int KeyStart, StatedCount Count, KeyPhrase Key)
{
    public ApplicationFigure? Application => Key.Application;

    public ReviewFigure? Review => Key.Review;
}

/// <summary>
/// The figures the narrative of sections 一, 三 and 四 states, each next to its key phrase (format.md
/// §8.4). Tuned against false alarms: a number counts only when a key phrase stands right before it,
/// with nothing between them that makes it about something else, in a sentence about this year.
/// </summary>
public static class NarrativeMentions
{
    public static readonly ApplicationFigure Received = new("收到申请", "applications received", r => r == "received");
    public static readonly ApplicationFigure CarriedOver = new("上年结转申请", "applications carried over", r => r == "carried_over");
    public static readonly ApplicationFigure Answered = new("办结（答复）申请", "applications answered", r => r == "total");
    // The results are named as the template names their rows and groups.
    private static readonly ApplicationFigure Disclosed = new(ApplicationsTemplate.Row("disclosed").NameZh, "disclosed", r => r == "disclosed", IsResult: true);
    private static readonly ApplicationFigure PartiallyDisclosed = new(ApplicationsTemplate.Row("partially_disclosed").NameZh, "partially disclosed", r => r == "partially_disclosed", IsResult: true);
    private static readonly ApplicationFigure Withheld = new(ApplicationsTemplate.Withheld.NameZh, "withheld", r => r.StartsWith("withheld.", StringComparison.Ordinal), IsResult: true);
    private static readonly ApplicationFigure Unavailable = new(ApplicationsTemplate.Unavailable.NameZh, "unavailable", r => r.StartsWith("unavailable.", StringComparison.Ordinal), IsResult: true);
    private static readonly ApplicationFigure NotProcessed = new(ApplicationsTemplate.NotProcessed.NameZh, "not processed", r => r.StartsWith("not_processed.", StringComparison.Ordinal), IsResult: true);
    private static readonly ApplicationFigure OtherHandling = new(ApplicationsTemplate.OtherHandling.NameZh, "other handling", r => r == "other" || r.StartsWith("other.", StringComparison.Ordinal), IsResult: true);
    private static readonly ApplicationFigure CarriedForward = new(ApplicationsTemplate.Row("carried_forward").NameZh, "carried forward", r => r == "carried_forward");

    private static string TotalOf(ReviewLitigationTemplate.Part group) =>
        $"{ReviewLitigationTemplate.Table}.{ReviewLitigationTemplate.RowKey}.{group.Key}.{ReviewLitigationTemplate.Total.Key}";

    private static readonly ReviewFigure Review = new(ReviewLitigationTemplate.Review.LabelZh, [TotalOf(ReviewLitigationTemplate.Review)], MayCountBoth: true);
    private static readonly ReviewFigure LitigationDirect = new(ReviewLitigationTemplate.LitigationDirect.LabelZh, [TotalOf(ReviewLitigationTemplate.LitigationDirect)]);
    private static readonly ReviewFigure LitigationAfterReview = new(ReviewLitigationTemplate.LitigationAfterReview.LabelZh, [TotalOf(ReviewLitigationTemplate.LitigationAfterReview)]);
    private static readonly ReviewFigure Litigation = new(ReviewLitigationTemplate.LitigationZh,
        [TotalOf(ReviewLitigationTemplate.LitigationDirect), TotalOf(ReviewLitigationTemplate.LitigationAfterReview)], MayCountBoth: true);

    // "主动公开" is an application result only when it is not about information items.
    private static readonly string[] ProactiveStops = ["信息", "文件", "政府", "条", "政策", "规范", "目录"];

    /// <summary>Key phrases of table 三's figures; clerks write 主动公开 for 予以公开, 办结/答复 for the results.</summary>
    private static readonly KeyPhrase[] ApplicationKeys =
    [
        new("收到", Received), new("受理", Received), new("新收", Received), new("接收", Received), new("接到", Received),
        new("上年结转", CarriedOver), new("上年度结转", CarriedOver),
        new("办结", Answered), new("答复", Answered), new("办理完毕", Answered),
        new(Disclosed.NameZh, Disclosed), new("同意公开", Disclosed), new("全部公开", Disclosed), new("主动公开", Disclosed, Stops: ProactiveStops),
        new(PartiallyDisclosed.NameZh, PartiallyDisclosed), new("部分予以公开", PartiallyDisclosed),
        new(Withheld.NameZh, Withheld), new("不予以公开", Withheld),
        new(Unavailable.NameZh, Unavailable),
        new(NotProcessed.NameZh, NotProcessed),
        new(OtherHandling.NameZh, OtherHandling),
        new("结转下年", CarriedForward), new("结转至下年", CarriedForward), new("结转到下年", CarriedForward), new("转入下年", CarriedForward),
    ];

    private static readonly KeyPhrase[] ReviewKeys =
    [
        new(Review.NameZh, Review: Review), new("复议", Review: Review), new(LitigationAfterReview.NameZh, Review: LitigationAfterReview),
        new("直接起诉", Review: LitigationDirect), new(LitigationDirect.NameZh, Review: LitigationDirect),
        new(Litigation.NameZh, Review: Litigation), new("诉讼", Review: Litigation), new("起诉", Review: Litigation),
    ];

    private static readonly string[] ApplicationPhrases = [.. ApplicationKeys.Select(k => k.Phrase)];
    private static readonly string[] ReviewPhrases = [.. ReviewKeys.Select(k => k.Phrase)];

    // Words between the key and its number that make the number about something else.
    private static readonly string[] ApplicationWindowStops =
    [
        "来信", "留言", "热线", "咨询", "信件", "建议", "提案", "举报", "投诉", "信访", ApplicationsTemplate.Columns[0].LabelZh, "法人", "企业", "组织",
        "率", "人次", "电话", "复议", "诉讼", "起诉", "各", "平均",
    ];

    private static readonly string[] ReviewWindowStops =
        ["维持", "纠正", "尚未", "审结", "其他", "败诉", "胜诉", "撤销", "确认", "驳回", "率", "各", "和", "及", "、"];

    private static readonly string[] SentenceStops =
        ["去年", "同比", "较上年", "比上年", "累计", "历年", "以来", "环比", "增长", "下降", "减少", "增加", "上一年度", "上年度的"];

    private static readonly int[] NarrativeSections = [1, 3, 4];

    /// <summary>Every figure the narrative states, in section and text order.</summary>
    public static IReadOnlyList<Mention> Read(Report report, CancellationToken cancellationToken = default)
    {
        var mentions = new List<Mention>();
        foreach (var ordinal in NarrativeSections)
        {
            foreach (var section in report.Sections)
            {
                if (section.Ordinal == ordinal)
                {
                    ReadSection(section, report.Year, mentions, cancellationToken);
                }
            }
        }
        return mentions;
    }

    private static void ReadSection(Section section, int year, List<Mention> mentions, CancellationToken cancellationToken)
    {
        var text = section.Text;
        // Sentence-level facts are worked out once per sentence, not once per number in it.
        int sentenceStart = -1, sentenceEnd = -1;
        bool skip = false, hasApplication = false, hasReview = false;
        foreach (var count in Narrative.Counts(text, 0, text.Length, '件'))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (count.Start >= sentenceEnd)
            {
                sentenceStart = Narrative.SentenceStart(text, 0, count.Start);
                sentenceEnd = Narrative.SentenceEnd(text, count.End, text.Length);
                var sentence = text.AsSpan(sentenceStart, sentenceEnd - sentenceStart);
                skip = Narrative.ContainsAny(sentence, SentenceStops) || MentionsOtherYear(text, sentenceStart, sentenceEnd, year);
                hasApplication = sentence.Contains("申请".AsSpan(), StringComparison.Ordinal);
                hasReview = sentence.Contains("复议".AsSpan(), StringComparison.Ordinal) || sentence.Contains("诉".AsSpan(), StringComparison.Ordinal);
            }
            if (!skip && Find(section, text, sentenceStart, count, hasApplication, hasReview) is { } mention)
            {
                mentions.Add(mention);
            }
        }
    }

    /// <summary>The key phrase nearest before a count in its clause, when nothing between them speaks against it.</summary>
    private static Mention? Find(Section section, string text, int sentenceStart, StatedCount count, bool hasApplication, bool hasReview)
    {
        var clauseStart = Narrative.ClauseStart(text, sentenceStart, count.Start);
        int appStart = -1, appEnd = -1, reviewStart = -1, reviewEnd = -1;
        var appKey = hasApplication ? Narrative.NearestKey(text, clauseStart, count.Start, ApplicationPhrases, out appStart, out appEnd) : -1;
        var reviewKey = hasReview ? Narrative.NearestKey(text, clauseStart, count.Start, ReviewPhrases, out reviewStart, out reviewEnd) : -1;
        if (reviewKey >= 0 && reviewEnd >= appEnd)
        {
            var key = ReviewKeys[reviewKey];
            var window = text.AsSpan(reviewEnd, count.Start - reviewEnd);
            var clause = text.AsSpan(clauseStart, count.Start - clauseStart);
            // "复议和诉讼共3件" counts both: not one figure of table 四.
            var both = key.Review!.MayCountBoth && clause.Contains("复议".AsSpan(), StringComparison.Ordinal)
                && (clause.Contains("诉讼".AsSpan(), StringComparison.Ordinal) || clause.Contains("起诉".AsSpan(), StringComparison.Ordinal));
            return window.Length <= 12 && !HasDigit(window) && !both && !Narrative.ContainsAny(window, ReviewWindowStops)
                ? new Mention(section, reviewStart, count, key)
                : null;
        }
        if (appKey >= 0)
        {
            var key = ApplicationKeys[appKey];
            var window = text.AsSpan(appEnd, count.Start - appEnd);
            return window.Length <= 12 && !HasDigit(window) && !Narrative.ContainsAny(window, ApplicationWindowStops)
                && (key.Stops is null || !Narrative.ContainsAny(window, key.Stops))
                ? new Mention(section, appStart, count, key)
                : null;
        }
        return null;
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
}
