using System.Globalization;
using System.Text;
using ReportValidation.Tests.Parsing;
using ReportValidation.V1;
using static ReportValidation.Tests.Rules.ReportBuilder;

namespace ReportValidation.Tests.Measurement;

/// <summary>A defect class injected into a clean report, and where a finding must name it.</summary>
public sealed record DefectClass(string Name, string RuleId, string Table, string Row, string Column);

/// <summary>A generated report text: clean, or with one defect of a class.</summary>
public sealed record HeldOutReport(string Text, string Description, DefectClass? Defect);

/// <summary>
/// Reports the tests never saw, generated from a seed: both template versions, every text layout,
/// table values scaled, and the quirks real reports show (a period whose end date leaves out its year,
/// 起至 / 到…止 / full-width digits / spaces / 年度, traditional script, full-width years in the title,
/// people's governments, their offices, departments and townships with dates inside their deadline,
/// narrative sentences in each clause pattern with counts in Arabic, Chinese, mixed and full-width
/// numerals). A defect is one change a clerk could make, of a known class.
/// </summary>
public static class HeldOutReports
{
    public static readonly DefectClass ReceivedMismatch = new("narrative: received ≠ table", "text.applications_mismatch", "applications", "received", "total");
    public static readonly DefectClass ResultMismatch = new("narrative: a result ≠ table", "text.applications_mismatch", "applications", "partially_disclosed", "total");
    public static readonly DefectClass WholeMismatch = new("narrative: whole ≠ its parts", "text.applications_mismatch", "applications", "total", "total");
    public static readonly DefectClass ReviewMismatch = new("narrative: review ≠ table 四", "text.review_litigation_mismatch", "review_litigation", "row", "review.total");
    public static readonly DefectClass RowTotal = new("table 三 row total", "applications.row_total", "applications", "received", "total");
    public static readonly DefectClass PeriodWrong = new("period not the calendar year", "meta.period_invalid", "", "", "");
    public static readonly DefectClass DepartmentLate = new("department published late", "meta.date_late", "", "", "");
    public static readonly DefectClass FeeMissing = new("section 六 silent on the fee", "text.fee_statement", "", "", "");

    public static IReadOnlyList<DefectClass> Classes { get; } =
        [ReceivedMismatch, ResultMismatch, WholeMismatch, ReviewMismatch, RowTotal, PeriodWrong, DepartmentLate, FeeMissing];

    private static readonly string[] PeriodForms =
    [
        "统计期限为{0}年1月1日至{0}年12月31日",
        "统计期限从{0}年1月1日到12月31日止",
        "统计期限自{0}年1月1日起至{0}年12月31日止",
        "统计期限为{1}年1月1日至{1}年12月31日",
        "统计期限为{0} 年 1 月 1 日至 {0} 年 12 月 31 日",
        "统计期限为{0}年度",
        "统计时间为{0}.1.1-{0}.12.31",
    ];

    private sealed record Body(string Title, string Signer, int DeadlineMonth, bool Traditional);

    public static HeldOutReport Generate(int seed, DefectClass? defect)
    {
        var random = new Random(seed);
        var is2021 = defect == FeeMissing || random.Next(3) > 0; // the fee is asked of 2021-template reports only
        var year = is2021 ? 2021 + random.Next(4) : 2019 + random.Next(2);
        var report = is2021 ? Consistent2021(year) : Consistent2019(year);
        var scale = new[] { 1, 2, 3, 7, 13, 101 }[random.Next(6)];
        Scale(report, scale);
        var body = PickBody(random, year);
        report.Title = body.Title;
        report.Dates.Clear();
        var published = new DateTime(year + 1, 1, 5).AddDays(random.Next(body.DeadlineMonth == 1 ? 25 : 80));
        var layout = (TextLayout)random.Next(4);
        var periodForm = PeriodForms[random.Next(PeriodForms.Length)];
        report.Period.Raw = string.Format(CultureInfo.InvariantCulture, periodForm, year, FullWidth(year.ToString(CultureInfo.InvariantCulture)));
        report.Sections[0].Text = report.Sections[0].Text + "\n" + Narrative(random, report, defect);
        report.Sections[3].Text = "";
        var review = ValueAt(report, "review_litigation.row.review.total");
        var stated = defect == ReviewMismatch ? review + 1 + random.Next(3) : review;
        report.Sections[0].Text += $"\n本年度因政府信息公开工作被申请行政复议{Numeral(random, stated)}件。";
        if (defect == RowTotal)
        {
            var total = ValueAt(report, "applications.received.total");
            SetNumber(report, "applications.received.total", total + 1);
        }
        if (defect == PeriodWrong)
        {
            report.Period.Raw = $"统计期限为{year}年1月1日至{year}年11月30日";
        }
        if (defect == DepartmentLate)
        {
            body = new Body($"某区科技局{year}年政府信息公开工作年度报告", "某区科技局", 1, false);
            report.Title = body.Title;
            published = new DateTime(year + 1, 2, 10).AddDays(random.Next(40));
        }
        var other = is2021 ? (defect == FeeMissing ? "本年度无其他需要报告的事项。" : "本年度，本机关未收取信息处理费。") : "无。";
        if (body.Traditional)
        {
            other = ToTraditional(other);
            report.Sections[0].Text = ToTraditional(report.Sections[0].Text);
        }
        report.Sections[5].Text = $"{other}\n\n{body.Signer}\n{published.Year}年{published.Month}月{published.Day}日";
        var text = ReportRenderer.Render(report, layout);
        var description = $"seed {seed}: {year} {layout} ×{scale} {body.Signer} {periodForm} {(body.Traditional ? "traditional" : "")}";
        return new HeldOutReport(text, description, defect);
    }

    private static Body PickBody(Random random, int year)
    {
        var fullYear = random.Next(4) == 0 ? FullWidth(year.ToString(CultureInfo.InvariantCulture)) : year.ToString(CultureInfo.InvariantCulture);
        return random.Next(6) switch
        {
            0 => new($"新安市人民政府{fullYear}年政府信息公开工作年度报告", "新安市人民政府", 3, false),
            1 => new($"新安市{fullYear}年政府信息公开工作年度报告", "新安市人民政府", 3, false),
            2 => new($"新安市人民政府办公室{fullYear}年政府信息公开工作年度报告", "新安市人民政府办公室", 1, false),
            3 => new($"板栗镇人民政府{fullYear}年政府信息公开工作年度报告", "板栗镇人民政府", 3, false),
            4 => new($"新安市教育局{fullYear}年政府信息公开工作年度报告", "新安市教育局", 1, true),
            _ => new($"新安市自然资源局{fullYear}年政府信息公开工作年度报告", "新安市自然资源局", 1, false),
        };
    }

    /// <summary>The sentence about applications, in one of the clause patterns, with counts true to the table unless the defect says otherwise.</summary>
    private static string Narrative(Random random, Report report, DefectClass? defect)
    {
        long V(string row) => ValueAt(report, $"applications.{row}.total");
        var received = V("received");
        var carried = V("carried_over");
        var answered = V("total");
        var disclosed = V("disclosed");
        var partial = V("partially_disclosed");
        var withheld = report.Applications.WithheldStateSecret.Total.Integer + report.Applications.WithheldThirdPartyRights.Total.Integer
            + report.Applications.WithheldProhibitedByLaw.Total.Integer + report.Applications.WithheldSecurityStability.Total.Integer
            + report.Applications.WithheldInternalAffairs.Total.Integer + report.Applications.WithheldProcessInformation.Total.Integer
            + report.Applications.WithheldEnforcementFiles.Total.Integer + report.Applications.WithheldQueryMatters.Total.Integer;
        var statedReceived = defect == ReceivedMismatch ? received + 1 + random.Next(5) : received;
        var statedPartial = defect == ResultMismatch ? partial + 1 + random.Next(5) : partial;
        var statedAnswered = defect == WholeMismatch ? answered + 3 : answered;
        string N(long value) => Numeral(random, value);
        var subjects = new[] { "收到", "受理", "新收" };
        var disclosedWord = random.Next(2) == 0 ? "予以公开" : "主动公开";
        return random.Next(4) switch
        {
            0 => $"本年度共{subjects[random.Next(3)]}政府信息公开申请{N(statedReceived)}件，上年结转{N(carried)}件，已办结{N(statedAnswered)}件，"
                + $"其中{disclosedWord}{N(disclosed)}件、部分公开{N(statedPartial)}件、不予公开{N(withheld)}件。",
            1 => $"{subjects[random.Next(3)]}各类政府信息公开申请{N(statedReceived)}件。答复情况为：{disclosedWord}{N(disclosed)}件，部分公开{N(statedPartial)}件，"
                + $"不予公开{N(withheld)}件；共答复{N(statedAnswered)}件。",
            2 => $"全年{subjects[random.Next(3)]}依申请公开{N(statedReceived)}件，办结{N(statedAnswered)}件（其中{disclosedWord}{N(disclosed)}件、部分公开{N(statedPartial)}件）。",
            _ => $"本年度受理政府信息公开申请{N(statedReceived)}件，答复{N(statedAnswered)}件，结转下年度继续办理{N(V("carried_forward"))}件；部分公开{N(statedPartial)}件。",
        };
    }

    /// <summary>A count as clerks write it: Arabic, full-width, Chinese, or mixed (1万2千).</summary>
    public static string Numeral(Random random, long value) => random.Next(4) switch
    {
        0 => value.ToString(CultureInfo.InvariantCulture),
        1 => FullWidth(value.ToString(CultureInfo.InvariantCulture)),
        2 => Chinese(value),
        _ => value >= 10_000 ? $"{value / 10_000}万{(value % 10_000 == 0 ? "" : (value % 10_000).ToString(CultureInfo.InvariantCulture))}" : value.ToString(CultureInfo.InvariantCulture),
    };

    public static string FullWidth(string digits) => new([.. digits.Select(c => c is >= '0' and <= '9' ? (char)('０' + (c - '0')) : c)]);

    /// <summary>Chinese numerals below 一亿: 两 for a lone 2, 零 for gaps, 十 leading for 10–19.</summary>
    public static string Chinese(long value)
    {
        const string digits = "零一二三四五六七八九";
        if (value == 0)
        {
            return "零";
        }
        if (value == 2)
        {
            return "两";
        }
        static string Below10000(long v, bool leading)
        {
            var text = new StringBuilder();
            long[] units = [1000, 100, 10, 1];
            string[] names = ["千", "百", "十", ""];
            var zero = false;
            for (var i = 0; i < 4; i++)
            {
                var d = v / units[i] % 10;
                if (d == 0)
                {
                    zero = text.Length > 0;
                    continue;
                }
                if (zero)
                {
                    text.Append('零');
                    zero = false;
                }
                if (!(leading && i == 2 && d == 1 && text.Length == 0))
                {
                    text.Append(digits[(int)d]);
                }
                text.Append(names[i]);
            }
            return text.ToString();
        }
        if (value < 10_000)
        {
            return Below10000(value, true);
        }
        var low = value % 10_000;
        var high = Below10000(value / 10_000, true) + "万";
        return low == 0 ? high : high + (low < 1000 ? "零" : "") + Below10000(low, false);
    }

    private static string ToTraditional(string text)
    {
        const string simplified = "处理费开请结转办复诉讼议数统计报";
        const string traditional = "處理費開請結轉辦複訴訟議數統計報";
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var at = simplified.IndexOf(chars[i]);
            if (at >= 0)
            {
                chars[i] = traditional[at];
            }
        }
        return new string(chars);
    }

    /// <summary>Every count of tables 三 and 四 times a factor: the identities still hold.</summary>
    private static void Scale(Report report, int factor)
    {
        foreach (var cell in ReportValidation.Template.ApplicationsTemplate.Rows
            .Select(r => r.Get(report.Applications)).Where(r => r is not null)
            .SelectMany(r => ReportValidation.Template.ApplicationsTemplate.Cells(r!))
            .Concat(ReportValidation.Template.ReviewLitigationTemplate.Cells(report.ReviewLitigation)))
        {
            if (cell is { State: CellState.Number })
            {
                cell.Integer *= factor;
                cell.Raw = cell.Integer.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
