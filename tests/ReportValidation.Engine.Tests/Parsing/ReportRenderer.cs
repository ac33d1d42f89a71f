using System.Text;
using ReportValidation.Parsing;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Parsing;

/// <summary>The text layouts real reports arrive in (format.md §11).</summary>
public enum TextLayout
{
    /// <summary>One table row per line, cells between pipes (seed 000).</summary>
    PipeRows,
    /// <summary>One cell per line, tab-indented, a blank line between rows (seeds 001, 003).</summary>
    TabbedCells,
    /// <summary>One cell per line, every cell separated by a blank line (seed 002).</summary>
    BlankSeparatedCells,
    /// <summary>One cell per line, each ending with " |" (seed 004).</summary>
    PipeTerminatedCells,
}

/// <summary>
/// Writes a parsed report back out as text in a chosen layout: title, dates, the sections' text and
/// the three tables with the template's headers. Used to check that the layout does not change what
/// is read.
/// </summary>
public static class ReportRenderer
{
    public static string Render(Report report, TextLayout layout)
    {
        var text = new StringBuilder();
        text.Append(report.Title).Append('\n');
        foreach (var date in report.Dates.Where(d => d.Kind == DateKind.Publication))
        {
            text.Append("发文日期：").Append($"{date.Date.Year:0000}-{date.Date.Month:00}-{date.Date.Day:00}").Append('\n');
        }
        if (report.Period is { Raw.Length: > 0 } period)
        {
            text.Append("本报告中所列数据的").Append(period.Raw).Append("。\n");
        }
        foreach (var section in report.Sections)
        {
            text.Append(section.Heading).Append('\n');
            var rows = section.Ordinal switch
            {
                2 => ActiveDisclosureRows(report),
                3 => ApplicationsRowsOf(report),
                4 => ReviewLitigationRows(report),
                _ => null,
            };
            if (rows is null)
            {
                text.Append(section.Text.TrimEnd('\n')).Append('\n');
                continue;
            }
            WriteTable(text, rows, layout);
            rows.Clear(); // a duplicated heading would otherwise repeat the table
        }
        return text.ToString();
    }

    private static void WriteTable(StringBuilder text, List<string[]> rows, TextLayout layout)
    {
        foreach (var row in rows)
        {
            switch (layout)
            {
                case TextLayout.PipeRows:
                    text.Append(string.Join(" | ", row)).Append(" |\n");
                    break;
                case TextLayout.TabbedCells:
                    foreach (var cell in row)
                    {
                        text.Append('\t').Append(cell).Append('\n');
                    }
                    text.Append('\n');
                    break;
                case TextLayout.BlankSeparatedCells:
                    foreach (var cell in row)
                    {
                        text.Append(cell).Append("\n\n");
                    }
                    break;
                case TextLayout.PipeTerminatedCells:
                    foreach (var cell in row)
                    {
                        text.Append(cell).Append(" |\n");
                    }
                    break;
            }
        }
    }

    private static string Raw(Cell? cell) => cell?.State switch
    {
        CellState.Number or CellState.Text => cell.Raw,
        CellState.Blank => "/",
        _ => "",
    };

    private static string[] Row(string label, params Cell?[] cells) => [label, .. cells.Select(Raw)];

    private static List<string[]>? ActiveDisclosureRows(Report report)
    {
        var table = report.ActiveDisclosure;
        var rows = new List<string[]>();
        if (table.V2021 is { } t)
        {
            rows.Add(["第二十条第（一）项"]);
            rows.Add(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
            rows.Add(Row("规章", t.Regulations.Issued, t.Regulations.Abolished, t.Regulations.InForce));
            rows.Add(Row(t.NormativeDocuments.Source.Label, t.NormativeDocuments.Issued, t.NormativeDocuments.Abolished, t.NormativeDocuments.InForce));
            rows.Add(["第二十条第（五）项"]);
            rows.Add(["信息内容", "本年处理决定数量"]);
            rows.Add(Row("行政许可", t.Licensing.Decisions));
            rows.Add(["第二十条第（六）项"]);
            rows.Add(["信息内容", "本年处理决定数量"]);
            rows.Add(Row("行政处罚", t.Penalty.Decisions));
            rows.Add(Row("行政强制", t.Coercion.Decisions));
            rows.Add(["第二十条第（八）项"]);
            rows.Add(["信息内容", "本年收费金额（单位：万元）"]);
            rows.Add(Row("行政事业性收费", t.Fees.FeeAmount));
        }
        else if (table.V2019 is { } v)
        {
            var unit = v.Procurement.ProcurementAmount.Unit is { Length: > 0 } u && !v.Procurement.ProcurementAmount.Raw.EndsWith(u, StringComparison.Ordinal) ? $"（{u}）" : "";
            rows.Add(["第二十条第（一）项"]);
            rows.Add(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]);
            rows.Add(Row("规章", v.Regulations.NewMade, v.Regulations.NewPublished, v.Regulations.PublishedTotal));
            rows.Add(Row("规范性文件", v.NormativeDocuments.NewMade, v.NormativeDocuments.NewPublished, v.NormativeDocuments.PublishedTotal));
            rows.Add(["第二十条第（五）项"]);
            rows.Add(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]);
            rows.Add(Row("行政许可", v.Licensing.PrevItems, v.Licensing.Change, v.Licensing.Decisions));
            rows.Add(Row("其他对外管理服务事项", v.OtherServices.PrevItems, v.OtherServices.Change, v.OtherServices.Decisions));
            rows.Add(["第二十条第（六）项"]);
            rows.Add(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]);
            rows.Add(Row("行政处罚", v.Penalty.PrevItems, v.Penalty.Change, v.Penalty.Decisions));
            rows.Add(Row("行政强制", v.Coercion.PrevItems, v.Coercion.Change, v.Coercion.Decisions));
            rows.Add(["第二十条第（八）项"]);
            rows.Add(["信息内容", "上一年项目数量", "本年增/减"]);
            rows.Add(Row("行政事业性收费", v.Fees.PrevItems, v.Fees.Change));
            rows.Add(["第二十条第（九）项"]);
            rows.Add(["信息内容", "采购项目数量", "采购总金额" + unit]);
            rows.Add(Row("政府集中采购", v.Procurement.ProcurementItems, v.Procurement.ProcurementAmount));
        }
        return rows;
    }

    private static readonly Dictionary<string, string> GroupLabels = new()
    {
        ["disclosed"] = "三、本年度办理结果",
        ["withheld.state_secret"] = "（三）不予公开",
        ["unavailable.not_held"] = "（四）无法提供",
        ["not_processed.complaint"] = "（五）不予处理",
        ["other.no_correction"] = "（六）其他处理",
    };

    private static List<string[]>? ApplicationsRowsOf(Report report)
    {
        var table = report.Applications;
        var rows = new List<string[]>();
        if (!table.Found)
        {
            return rows;
        }
        rows.Add(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]);
        rows.Add(["自然人", "法人或其他组织", "总计"]);
        rows.Add(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]);
        foreach (var definition in ApplicationsTemplate.Rows)
        {
            if (definition.Get(table) is not { Source.Found: true } row)
            {
                continue;
            }
            if (GroupLabels.TryGetValue(definition.Key, out var group))
            {
                rows.Add([group]);
            }
            rows.Add(row.Source.UnassignedValues.Count > 0 || row.Source.ValuesFound is > 0 and not 7
                ? [row.Source.Label, .. row.Source.UnassignedValues.Select(Raw)]
                : Row(row.Source.Label, ApplicationsTemplate.Cells(row)));
        }
        return rows;
    }

    private static List<string[]>? ReviewLitigationRows(Report report)
    {
        var rows = new List<string[]>();
        if (!report.ReviewLitigation.Found)
        {
            return rows;
        }
        rows.Add(["行政复议", "行政诉讼"]);
        rows.Add(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]);
        rows.Add(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]);
        rows.Add(ReviewLitigationTemplate.Cells(report.ReviewLitigation).Select(Raw).ToArray());
        return rows;
    }
}
