using System.Globalization;
using ReportValidation.Rules;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Rules;

/// <summary>
/// Builds typed reports for rule tests: a consistent report with non-trivial numbers in every
/// table, which a test then perturbs in one place. Every cell gets its own line in a notional source.
/// </summary>
internal static class ReportBuilder
{
    public const string Overview2021 =
        "2021年，本局坚持以公开为常态，扎实做好政府信息公开工作。\n"
        + "（一）主动公开。全年主动公开政府信息120条。\n"
        + "（二）依申请公开。规范依申请公开办理流程。\n"
        + "（三）政府信息管理。严格落实公开前保密审查。\n"
        + "（四）平台建设。持续优化政府网站信息公开专栏。\n"
        + "（五）监督保障。将政务公开纳入年度考核，开展业务培训2次。";

    public const string Problems = "一是公开内容不够全面；二是解读形式单一。下一步，我局将进一步完善制度，加强培训。";
    public const string Other2021 = "本年度本机关未收取信息处理费。";

    public static Report Consistent2021(int year = 2021)
    {
        var report = Base(year, TemplateVersion._2021);
        report.ActiveDisclosure = new ActiveDisclosureTable
        {
            Found = true,
            Span = Span(100),
            V2021 = new ActiveDisclosure2021
            {
                Regulations = new StockRow { Source = Source("规章", 3), Issued = Number(0), Abolished = Number(0), InForce = Number(0) },
                NormativeDocuments = new StockRow { Source = Source("行政规范性文件", 3), Issued = Number(3), Abolished = Number(1), InForce = Number(20) },
                Licensing = new DecisionRow { Source = Source("行政许可", 1), Decisions = Number(120) },
                Penalty = new DecisionRow { Source = Source("行政处罚", 1), Decisions = Number(5) },
                Coercion = new DecisionRow { Source = Source("行政强制", 1), Decisions = Number(2) },
                Fees = new FeeAmountRow { Source = Source("行政事业性收费", 1), FeeAmount = Decimal("1.5", "万元") },
            },
        };
        report.Applications = Applications(CellCatalog.V2021);
        report.ReviewLitigation = Review();
        return report;
    }

    public static Report Consistent2019(int year = 2019)
    {
        var report = Base(year, TemplateVersion._2019);
        report.Sections[5].Text = "无。";
        report.ActiveDisclosure = new ActiveDisclosureTable
        {
            Found = true,
            Span = Span(100),
            V2019 = new ActiveDisclosure2019
            {
                Regulations = new PublishedRow { Source = Source("规章", 3), NewMade = Number(0), NewPublished = Number(0), PublishedTotal = Number(0) },
                NormativeDocuments = new PublishedRow { Source = Source("规范性文件", 3), NewMade = Number(2), NewPublished = Number(2), PublishedTotal = Number(15) },
                Licensing = new ItemsRow { Source = Source("行政许可", 3), PrevItems = Number(3), Change = Signed(3), Decisions = Number(531) },
                OtherServices = new ItemsRow { Source = Source("其他对外管理服务事项", 3), PrevItems = Number(2), Change = Signed(0), Decisions = Number(10) },
                Penalty = new ItemsRow { Source = Source("行政处罚", 3), PrevItems = Number(4), Change = Signed(-4), Decisions = Number(0) },
                Coercion = new ItemsRow { Source = Source("行政强制", 3), PrevItems = Number(0), Change = Signed(0), Decisions = Number(0) },
                Fees = new FeeItemsRow { Source = Source("行政事业性收费", 2), PrevItems = Number(1), Change = Signed(0) },
                Procurement = new ProcurementRow { Source = Source("政府集中采购", 2), ProcurementItems = Number(14), ProcurementAmount = Number(129014, "元") },
            },
        };
        report.Applications = Applications(CellCatalog.V2019);
        report.ReviewLitigation = Review();
        return report;
    }

    private static Report Base(int year, TemplateVersion version)
    {
        var report = new Report
        {
            Title = $"某区科技局{year}年政府信息公开工作年度报告",
            IssuingBody = "某区科技局",
            Year = year,
            TitleYear = year,
            TemplateVersion = version,
            PublisherKind = PublisherKind.Department,
            SourceFormat = SourceFormat.Text,
            TitleSpan = Span(1),
            Period = new StatisticalPeriod
            {
                Raw = $"{year}年1月1日至{year}年12月31日",
                Start = new Date { Year = year, Month = 1, Day = 1 },
                End = new Date { Year = year, Month = 12, Day = 31 },
                Span = Span(2),
            },
        };
        report.Dates.Add(new DateMention
        {
            Raw = $"{year + 1}-01-20",
            Date = new Date { Year = year + 1, Month = 1, Day = 20 },
            Kind = DateKind.Publication,
            Span = Span(3),
        });
        string[] headings =
        [
            "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
        ];
        string[] texts = [Overview2021.Replace("2021年", $"{year}年", StringComparison.Ordinal), "", "", "", Problems, Other2021];
        var offset = 5000;
        for (var i = 0; i < 6; i++)
        {
            report.Sections.Add(Section(i + 1, headings[i], texts[i], offset));
            offset += 1000;
        }
        return report;
    }

    public static Section Section(int ordinal, string heading, string text, int offset) => new()
    {
        Ordinal = ordinal,
        Heading = heading,
        Text = text,
        HeadingSpan = new SourceSpan { Line = offset / 10, Column = 1, StartOffset = offset, EndOffset = offset + heading.Length },
        Span = new SourceSpan { Line = offset / 10 + 1, Column = 1, StartOffset = offset + heading.Length + 1, EndOffset = offset + heading.Length + 1 + text.Length },
    };

    /// <summary>
    /// Table 三 with every row non-trivial: leaves from a fixed pattern, 总计 row their sums,
    /// 结转 chosen so that 一 + 二 = （七） + 四 in every column.
    /// </summary>
    private static ApplicationsTable Applications(TemplateLayout layout)
    {
        var table = new ApplicationsTable { Found = true, Span = Span(200) };
        var rows = layout.Rows.Where(r => r.Table == CellCatalog.Applications).ToList();
        var leaves = rows.Where(r => r.Row is not ("received" or "carried_over" or "total" or "carried_forward")).ToList();
        var values = new Dictionary<string, long[]>();
        var total = new long[7];
        for (var r = 0; r < leaves.Count; r++)
        {
            var row = new long[7];
            for (var c = 0; c < 6; c++)
            {
                row[c] = (r * 7 + c * 3) % 5 == 0 ? (r + c) % 4 + 1 : 0;
                row[6] += row[c];
                total[c] += row[c];
            }
            total[6] += row[6];
            values[leaves[r].Row] = row;
        }
        values["total"] = total;
        var forward = new long[7];
        var carried = new long[7];
        var received = new long[7];
        for (var c = 0; c < 6; c++)
        {
            forward[c] = c % 3;
            carried[c] = (c + 1) % 2;
            received[c] = total[c] + forward[c] - carried[c];
            forward[6] += forward[c];
            carried[6] += carried[c];
            received[6] += received[c];
        }
        values["carried_forward"] = forward;
        values["carried_over"] = carried;
        values["received"] = received;

        var line = 300;
        foreach (var slot in rows)
        {
            var row = new ApplicationsRow { Source = Source(slot.LabelZh, 7, line) };
            var v = values[slot.Row];
            row.NaturalPerson = Number(v[0], line: ++line);
            row.CommercialEnterprise = Number(v[1], line: ++line);
            row.ResearchInstitution = Number(v[2], line: ++line);
            row.SocialWelfareOrg = Number(v[3], line: ++line);
            row.LegalServiceOrg = Number(v[4], line: ++line);
            row.OtherOrg = Number(v[5], line: ++line);
            row.Total = Number(v[6], line: ++line);
            line++;
            Assign(table, slot.Row, row);
        }
        return table;
    }

    private static void Assign(ApplicationsTable table, string key, ApplicationsRow row)
    {
        switch (key)
        {
            case "received": table.Received = row; break;
            case "carried_over": table.CarriedOver = row; break;
            case "disclosed": table.Disclosed = row; break;
            case "partially_disclosed": table.PartiallyDisclosed = row; break;
            case "withheld.state_secret": table.WithheldStateSecret = row; break;
            case "withheld.prohibited_by_law": table.WithheldProhibitedByLaw = row; break;
            case "withheld.security_stability": table.WithheldSecurityStability = row; break;
            case "withheld.third_party_rights": table.WithheldThirdPartyRights = row; break;
            case "withheld.internal_affairs": table.WithheldInternalAffairs = row; break;
            case "withheld.process_information": table.WithheldProcessInformation = row; break;
            case "withheld.enforcement_files": table.WithheldEnforcementFiles = row; break;
            case "withheld.query_matters": table.WithheldQueryMatters = row; break;
            case "unavailable.not_held": table.UnavailableNotHeld = row; break;
            case "unavailable.needs_creation": table.UnavailableNeedsCreation = row; break;
            case "unavailable.unclear_after_correction": table.UnavailableUnclearAfterCorrection = row; break;
            case "not_processed.complaint": table.NotProcessedComplaint = row; break;
            case "not_processed.duplicate": table.NotProcessedDuplicate = row; break;
            case "not_processed.publication": table.NotProcessedPublication = row; break;
            case "not_processed.excessive": table.NotProcessedExcessive = row; break;
            case "not_processed.confirmation": table.NotProcessedConfirmation = row; break;
            case "other": table.Other = row; break;
            case "other.no_correction": table.OtherNoCorrection = row; break;
            case "other.unpaid_fee": table.OtherUnpaidFee = row; break;
            case "other.other": table.OtherOther = row; break;
            case "total": table.Total = row; break;
            case "carried_forward": table.CarriedForward = row; break;
            default: throw new ArgumentOutOfRangeException(nameof(key), key, null);
        }
    }

    private static ReviewLitigationTable Review() => new()
    {
        Found = true,
        Span = Span(600),
        Source = Source("", 15, 600),
        ReviewUpheld = Number(2, line: 601),
        ReviewCorrected = Number(1, line: 602),
        ReviewOther = Number(1, line: 603),
        ReviewPending = Number(1, line: 604),
        ReviewTotal = Number(5, line: 605),
        LitigationDirectUpheld = Number(1, line: 606),
        LitigationDirectCorrected = Number(0, line: 607),
        LitigationDirectOther = Number(0, line: 608),
        LitigationDirectPending = Number(1, line: 609),
        LitigationDirectTotal = Number(2, line: 610),
        LitigationAfterReviewUpheld = Number(0, line: 611),
        LitigationAfterReviewCorrected = Number(1, line: 612),
        LitigationAfterReviewOther = Number(0, line: 613),
        LitigationAfterReviewPending = Number(0, line: 614),
        LitigationAfterReviewTotal = Number(1, line: 615),
    };

    public static RowSource Source(string label, int values, int line = 0) => new()
    {
        Found = true,
        Label = label,
        OfficialLabel = label,
        LabelMatch = LabelMatch.Official,
        ValuesFound = values,
        LabelSpan = line > 0 ? Span(line) : null,
    };

    public static SourceSpan Span(int line) => new() { Line = line, Column = 1, StartOffset = line * 10, EndOffset = line * 10 + 2 };

    public static Cell Number(long value, string unit = "", int line = 0) => new()
    {
        Raw = value.ToString(CultureInfo.InvariantCulture) + unit,
        State = CellState.Number,
        Integer = value,
        Unit = unit,
        Span = line > 0 ? Span(line) : null,
    };

    public static Cell Signed(long value) => new()
    {
        Raw = (value > 0 ? "+" : "") + value.ToString(CultureInfo.InvariantCulture),
        State = CellState.Number,
        Integer = value,
    };

    public static Cell Decimal(string value, string unit = "") => new()
    {
        Raw = value,
        State = CellState.Number,
        Decimal = value,
        Unit = unit,
    };

    public static Cell Blank(string raw = "") => new() { Raw = raw, State = CellState.Blank };

    public static Cell Text(string raw) => new() { Raw = raw, State = CellState.Text };

    /// <summary>The cell at a rules.md key ("applications.disclosed.natural_person").</summary>
    public static Cell CellAt(Report report, string key) =>
        CellCatalog.For(CellCatalog.EffectiveVersion(report)).Cell(key).Get(report)
        ?? throw new InvalidOperationException($"no cell at {key}");

    public static long ValueAt(Report report, string key) => CellAt(report, key).Integer;

    /// <summary>Sets a number at a key, keeping the cell's span.</summary>
    public static void SetNumber(Report report, string key, long value, string? raw = null)
    {
        var cell = CellAt(report, key);
        cell.State = CellState.Number;
        cell.Integer = value;
        cell.Raw = raw ?? value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Replaces a cell's content (blank, text) in place, keeping its span.</summary>
    public static void SetCell(Report report, string key, Cell content)
    {
        var cell = CellAt(report, key);
        cell.Raw = content.Raw;
        cell.State = content.State;
        cell.ClearValue();
        if (content.ValueCase == Cell.ValueOneofCase.Integer)
        {
            cell.Integer = content.Integer;
        }
        else if (content.ValueCase == Cell.ValueOneofCase.Decimal)
        {
            cell.Decimal = content.Decimal;
        }
        cell.Unit = content.Unit;
    }

    public static List<Finding> Evaluate(Report report, Report? previous = null, ValidationOptions? options = null) =>
        RuleCatalog.Default.Evaluate(report, previous, options);

    public static List<Finding> Of(this List<Finding> findings, string ruleId) => findings.FindAll(f => f.RuleId == ruleId);
}
