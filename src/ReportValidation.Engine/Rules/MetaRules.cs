using ReportValidation.Parsing;
using ReportValidation.Reading;
using System.Globalization;
using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>meta.*: the report year, the statistical period, the dates, and figures of an earlier year reported as this year's (format.md §1, §8.4).</summary>
public static class MetaRules
{
    /// <summary>The rules of this group, in the order of rules.md.</summary>
    public static IReadOnlyList<Rule> All => [YearMissing, YearInconsistent, PeriodInvalid, DatePremature, DateLate, StaleYear];

    public static Rule YearMissing { get; } = new("meta.year_missing", Severity.Error, "meta",
        "无法确定报告年度",
        "the report year cannot be determined",
        TemplateVersions.Both, CheckYearMissing);

    private static void CheckYearMissing(RuleContext context)
    {
        if (context.Report.Year != 0)
        {
            return;
        }
        context.Add(YearMissing,
            "无法确定报告年度：标题和统计期限中都没有可识别的年份。",
            "The report year cannot be determined from the title or the statistical period.",
            RuleContext.At(context.Report.TitleSpan));
    }

    public static Rule YearInconsistent { get; } = new("meta.year_inconsistent", Severity.Error, "meta",
        "标题年度、统计期限与正文年度不一致",
        "title year, statistical period and body disagree",
        TemplateVersions.Both, CheckYearInconsistent);

    private static void CheckYearInconsistent(RuleContext context)
    {
        var report = context.Report;
        if (report.Year == 0)
        {
            return;
        }
        if (report.TitleYear != 0 && report.TitleYear != report.Year)
        {
            var finding = context.Add(YearInconsistent,
                $"标题年度为{report.TitleYear}年，但报告年度（统计期限、正文）为{report.Year}年，两者不一致。",
                $"The title says {report.TitleYear} but the report year is {report.Year}.",
                RuleContext.At(report.TitleSpan));
            finding.Expected = Year(report.Year);
            finding.Actual = Year(report.TitleYear);
            return;
        }
        var period = report.Period;
        if (period is null || period.Malformed)
        {
            return;
        }
        foreach (var date in new[] { period.Start, period.End })
        {
            if (date is { Year: > 0 } && date.Year != report.Year)
            {
                var finding = context.Add(YearInconsistent,
                    $"统计期限“{period.Raw}”的年份为{date.Year}年，与报告年度{report.Year}年不一致。",
                    $"The statistical period \"{period.Raw}\" is in {date.Year}, the report year is {report.Year}.",
                    RuleContext.At(period.Span));
                finding.Expected = Year(report.Year);
                finding.Actual = Year(date.Year);
                return;
            }
        }
    }

    public static Rule PeriodInvalid { get; } = new("meta.period_invalid", Severity.Warning, "meta",
        "统计期限不是当年1月1日至12月31日，或日期书写有误",
        "the statistical period is not 1 Jan – 31 Dec of the year, or a date in it is malformed",
        TemplateVersions.Both, CheckPeriodInvalid);

    private static void CheckPeriodInvalid(RuleContext context)
    {
        var report = context.Report;
        var period = report.Period;
        if (period is null || (period.Raw.Length == 0 && period.Start is null && period.End is null))
        {
            return;
        }
        var year = report.Year;
        string? problemZh = null;
        if (period.Malformed)
        {
            problemZh = "中有日期书写有误";
        }
        else if (year != 0 && (!Is(period.Start, year, 1, 1) || !Is(period.End, year, 12, 31)))
        {
            problemZh = $"应为{year}年1月1日至{year}年12月31日";
        }
        if (problemZh is null)
        {
            return;
        }
        var finding = context.Add(PeriodInvalid,
            $"统计期限{problemZh}：“{period.Raw}”。",
            period.Malformed
                ? $"The statistical period \"{period.Raw}\" contains a malformed date."
                : $"The statistical period \"{period.Raw}\" is not 1 Jan – 31 Dec {year}.",
            RuleContext.At(period.Span));
        finding.Actual = period.Raw;
        if (year != 0)
        {
            finding.Expected = $"{year}年1月1日至{year}年12月31日";
        }
    }

    public static Rule DatePremature { get; } = new("meta.date_premature", Severity.Warning, "meta",
        "报告日期早于报告年度结束",
        "the report is dated before the year ended",
        TemplateVersions.Both, CheckDatePremature);

    /// <summary>The report is dated before its year ended (seed 003: a 2020 report signed 2020-12-30).</summary>
    private static void CheckDatePremature(RuleContext context)
    {
        var report = context.Report;
        if (report.Year == 0)
        {
            return;
        }
        DateMention? earliest = null;
        for (var index = 0; index < report.Dates.Count; index++)
        {
            var mention = report.Dates[index];
            if (mention.Kind is DateKind.Publication or DateKind.Signature && !mention.Malformed && mention.Date is { Year: > 0 } date
                && Key(date) < Key(report.Year + 1, 1, 1)
                && (earliest is null || Key(date) < Key(earliest.Date)))
            {
                earliest = mention;
            }
        }
        if (earliest is null)
        {
            return;
        }
        var finding = context.Add(DatePremature,
            $"报告日期为{Text(earliest.Date)}，早于{report.Year}年度结束，不能涵盖完整的统计期限。",
            $"The report is dated {Iso(earliest.Date)}, before the end of {report.Year}.",
            RuleContext.At(earliest.Span));
        finding.Expected = $"≥ {report.Year + 1}-01-01";
        finding.Actual = Iso(earliest.Date);
    }

    public static Rule DateLate { get; } = new("meta.date_late", Severity.Warning, "meta",
        "报告发布晚于法定时限（部门及政府办公室1月31日，人民政府3月31日）",
        "dated after the legal deadline: 31 Jan (departments) or 31 Mar (people's governments)",
        TemplateVersions.Both, CheckDateLate);

    /// <summary>
    /// Published after the statutory deadline (条例 art. 49): 31 Jan for a department or a
    /// government's own office, 31 Mar for a people's government; a township or sub-district has no
    /// national deadline. The message says which kind of body was assumed and from where. When the
    /// kind cannot be told, the later deadline applies, and a date past 31 Jan is noted (info) so a
    /// department can see it would be late. A stricter local deadline from the options applies on top.
    /// The earliest publication date counts (format.md §10.1 E5), else the signature date.
    /// </summary>
    private static void CheckDateLate(RuleContext context)
    {
        var report = context.Report;
        var published = Earliest(report, DateKind.Publication) ?? Earliest(report, DateKind.Signature);
        if (report.Year == 0 || published is null)
        {
            return;
        }
        var date = published.Date;
        var due = report.Year + 1;
        if (report.PublisherKind is PublisherKind.Government or PublisherKind.Department)
        {
            var government = report.PublisherKind == PublisherKind.Government;
            var month = government ? 3 : 1;
            if (Key(date) > Key(due, month, 31))
            {
                // The body's kind is worked out from its name only for the message of a late report.
                var (kindZh, kindEn) = government ? ("人民政府", "people's government") : (DepartmentKindZh(report), "department");
                LateFinding(context, published,
                    $"报告发布于{Text(date)}，晚于法定时限{due}年{month}月31日（按发布机关“{(report.IssuingBody.Length > 0 ? report.IssuingBody : report.Title)}”判断为{kindZh}）。",
                    $"Published {Iso(date)}, after the statutory deadline {due}-{month:00}-31 (assumed: {kindEn}).",
                    $"≤ {due}-{month:00}-31");
                return;
            }
        }
        else if (report.PublisherKind == PublisherKind.Unspecified && Key(date) > Key(due, 1, 31))
        {
            var late = Key(date) > Key(due, 3, 31);
            var finding = late
                ? LateFinding(context, published,
                    $"报告发布于{Text(date)}，晚于法定时限{due}年3月31日（未能判断发布机关类型，按较晚的人民政府时限计）。",
                    $"Published {Iso(date)}, after even the later statutory deadline {due}-03-31 (issuing body kind unclear).",
                    $"≤ {due}-03-31")
                : LateFinding(context, published,
                    $"报告发布于{Text(date)}：未能从标题或落款判断发布机关类型，按人民政府的法定时限{due}年3月31日计未逾期；如为政府部门（时限1月31日）则已逾期。",
                    $"Published {Iso(date)}: the kind of issuing body is unclear; on time for a people's government (31 Mar), late for a department (31 Jan).",
                    $"≤ {due}-01-31 (部门) / ≤ {due}-03-31 (人民政府)", Severity.Info);
            return;
        }
        CheckLocalDeadline(context, published, date);
    }

    /// <summary>The kind of body the issuing body's name and the title say, in a clerk's words.</summary>
    private static string DepartmentKindZh(Report report) =>
        Assumed(report) is { Kind: PublisherKind.Department } assumed ? assumed.KindZh : "政府部门";

    private static PublisherClass Assumed(Report report) => PublisherKinds.Classify(report.IssuingBody, "", "", report.Title);

    private static Finding LateFinding(RuleContext context, DateMention published, string messageZh, string messageEn, string expected,
        Severity? severity = null)
    {
        var finding = context.Add(DateLate, messageZh, messageEn, RuleContext.At(published.Span), severity: severity);
        finding.Expected = expected;
        finding.Actual = Iso(published.Date);
        return finding;
    }

    private static void CheckLocalDeadline(RuleContext context, DateMention published, Date date)
    {
        var local = context.Options?.LocalDeadline;
        if (!string.IsNullOrWhiteSpace(local)
            && DateOnly.TryParseExact(local.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline)
            && Key(date) > Key(deadline.Year, deadline.Month, deadline.Day))
        {
            var finding = context.Add(DateLate,
                $"报告发布于{Text(date)}，晚于本地规定的时限{deadline.Year}年{deadline.Month}月{deadline.Day}日。",
                $"Published {Iso(date)}, after the local deadline {local.Trim()}.",
                RuleContext.At(published.Span));
            finding.Expected = $"≤ {local.Trim()}";
            finding.Actual = Iso(date);
        }
    }

    private static DateMention? Earliest(Report report, DateKind kind)
    {
        DateMention? earliest = null;
        for (var index = 0; index < report.Dates.Count; index++)
        {
            var mention = report.Dates[index];
            if (mention.Kind == kind && !mention.Malformed && mention.Date is { Year: > 0 }
                && (earliest is null || Key(mention.Date) < Key(earliest.Date)))
            {
                earliest = mention;
            }
        }
        return earliest;
    }

    private static bool Is(Date? date, int year, int month, int day) =>
        date is not null && date.Year == year && date.Month == month && date.Day == day;

    private static int Key(Date date) => Key(date.Year, date.Month, date.Day);

    private static int Key(int year, int month, int day) => year * 10000 + month * 100 + day;

    private static string Text(Date date) => $"{date.Year}年{date.Month}月{date.Day}日";

    private static string Iso(Date date) => $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] CountUnits = ["件", "条", "个", "次", "项", "份", "场", "期", "本", "宗"];

    public static Rule StaleYear { get; } = new("meta.stale_year", Severity.Info, "meta",
        "正文把以前年度的数据当作本年工作报告",
        "the narrative reports figures of an earlier year as this year's work",
        TemplateVersions.Both, CheckStaleYear);

    /// <summary>
    /// An earlier year followed, in the same clause, by a count: "2020年共办理市长热线24件" in a 2021
    /// report (seed 000). Comparisons ("比2020年增加"), spans ("2019年以来") and titles in 《》 are not.
    /// Only the overview is read: section 五 rightly speaks of last year's problems.
    /// </summary>
    private static void CheckStaleYear(RuleContext context)
    {
        var year = context.Report.Year;
        var overview = context.Section(1);
        if (year == 0 || overview is null)
        {
            return;
        }
        var text = context.TextOf(overview);
        var reported = 0;
        foreach (var (mentioned, start, end) in Narrative.Years(text, 0, text.Length))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (mentioned >= year || mentioned < year - 10 || reported >= 3)
            {
                continue;
            }
            var before = text.Slice(Math.Max(0, start - 2), Math.Min(2, start));
            var after = text.Slice(end, Math.Min(2, text.Length - end));
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
            var phrase = text[start..clauseEnd].ToString();
            var finding = context.Add(StaleYear,
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

    private static bool InsideTitle(ReadOnlySpan<char> text, int at)
    {
        var window = Math.Max(0, at - MaxTitleLength);
        var open = text[window..at].LastIndexOf('《');
        if (open < 0)
        {
            return false;
        }
        open += window;
        var close = text[open..Math.Min(text.Length, at + MaxTitleLength)].IndexOf('》');
        return close < 0 || open + close > at;
    }

    private static bool HasCount(ReadOnlySpan<char> text, int from, int to)
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
