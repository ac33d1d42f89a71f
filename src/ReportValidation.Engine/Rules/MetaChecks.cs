using System.Globalization;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>meta.*: the report year, the statistical period and the dates (format.md §1, §8.4).</summary>
internal static class MetaChecks
{
    public static void YearMissing(RuleContext context)
    {
        if (context.Report.Year != 0)
        {
            return;
        }
        context.Add(RuleDefinitions.YearMissing,
            "无法确定报告年度：标题和统计期限中都没有可识别的年份。",
            "The report year cannot be determined from the title or the statistical period.",
            RuleContext.At(context.Report.TitleSpan));
    }

    public static void YearInconsistent(RuleContext context)
    {
        var report = context.Report;
        if (report.Year == 0)
        {
            return;
        }
        if (report.TitleYear != 0 && report.TitleYear != report.Year)
        {
            var finding = context.Add(RuleDefinitions.YearInconsistent,
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
                var finding = context.Add(RuleDefinitions.YearInconsistent,
                    $"统计期限“{period.Raw}”的年份为{date.Year}年，与报告年度{report.Year}年不一致。",
                    $"The statistical period \"{period.Raw}\" is in {date.Year}, the report year is {report.Year}.",
                    RuleContext.At(period.Span));
                finding.Expected = Year(report.Year);
                finding.Actual = Year(date.Year);
                return;
            }
        }
    }

    public static void PeriodInvalid(RuleContext context)
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
        var finding = context.Add(RuleDefinitions.PeriodInvalid,
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

    /// <summary>The report is dated before its year ended (seed 003: a 2020 report signed 2020-12-30).</summary>
    public static void DatePremature(RuleContext context)
    {
        var report = context.Report;
        if (report.Year == 0)
        {
            return;
        }
        DateMention? earliest = null;
        foreach (var mention in report.Dates)
        {
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
        var finding = context.Add(RuleDefinitions.DatePremature,
            $"报告日期为{Text(earliest.Date)}，早于{report.Year}年度结束，不能涵盖完整的统计期限。",
            $"The report is dated {Iso(earliest.Date)}, before the end of {report.Year}.",
            RuleContext.At(earliest.Span));
        finding.Expected = $"≥ {report.Year + 1}-01-01";
        finding.Actual = Iso(earliest.Date);
    }

    /// <summary>
    /// Published after the statutory deadline (条例 art. 49): 31 Jan for departments, 31 Mar for a
    /// people's government; a stricter local deadline from the options applies on top. The earliest
    /// publication date counts (format.md §10.1 E5), else the signature date.
    /// </summary>
    public static void DateLate(RuleContext context)
    {
        var report = context.Report;
        if (report.Year == 0)
        {
            return;
        }
        var published = Earliest(report, DateKind.Publication) ?? Earliest(report, DateKind.Signature);
        if (published is null)
        {
            return;
        }
        var government = report.PublisherKind == PublisherKind.Government;
        // An unknown publisher gets the later deadline: a false alarm is worse than a missed one.
        var statutory = report.PublisherKind == PublisherKind.Department
            ? (Year: report.Year + 1, Month: 1, Day: 31)
            : (Year: report.Year + 1, Month: 3, Day: 31);
        var date = published.Date;
        if (Key(date) > Key(statutory.Year, statutory.Month, statutory.Day))
        {
            var finding = context.Add(RuleDefinitions.DateLate,
                $"报告发布于{Text(date)}，晚于法定时限{statutory.Year}年{statutory.Month}月{statutory.Day}日（{(government ? "县级以上人民政府为3月31日前" : report.PublisherKind == PublisherKind.Department ? "政府部门为1月31日前" : "按人民政府3月31日计")}）。",
                $"Published {Iso(date)}, after the statutory deadline {statutory.Year}-{statutory.Month:00}-{statutory.Day:00}.",
                RuleContext.At(published.Span));
            finding.Expected = $"≤ {statutory.Year}-{statutory.Month:00}-{statutory.Day:00}";
            finding.Actual = Iso(date);
            return;
        }
        var local = context.Options?.LocalDeadline;
        if (!string.IsNullOrWhiteSpace(local)
            && DateOnly.TryParseExact(local.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline)
            && Key(date) > Key(deadline.Year, deadline.Month, deadline.Day))
        {
            var finding = context.Add(RuleDefinitions.DateLate,
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
        foreach (var mention in report.Dates)
        {
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
}
