using ReportValidation.Parsing;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading;

/// <summary>
/// A parsed report laid out the way the national template prints it: table 二 with its item rows
/// spanning the table, table 三 with the 三、本年度办理结果 and （三）…（六） group labels as rowspans
/// beside their first sub-row and the header's nested spans, table 四 with its three header rows.
/// This is what a CMS page, a Word file or a PDF made from the official template carries.
/// </summary>
internal static class TemplateLayout
{
    public static List<LayoutBlock> FromReport(Report report)
    {
        var blocks = new List<LayoutBlock> { new LayoutParagraph(report.Title) };
        foreach (var section in report.Sections)
        {
            blocks.Add(new LayoutParagraph(section.Heading));
            var table = section.Ordinal switch
            {
                2 => ActiveDisclosure(report.ActiveDisclosure),
                3 => Applications(report.Applications),
                4 => ReviewLitigation(report.ReviewLitigation),
                _ => null,
            };
            if (table is null)
            {
                foreach (var line in section.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    blocks.Add(new LayoutParagraph(line));
                }
            }
            else if (table.Rows.Count > 0 && !blocks.OfType<LayoutTable>().Any(t => t.Rows[0][0].Text == table.Rows[0][0].Text))
            {
                blocks.Add(table);
            }
        }
        return blocks;
    }

    private static string Raw(Cell? cell) => cell?.State switch
    {
        CellState.Number or CellState.Text => cell.Raw,
        CellState.Blank => "/",
        _ => "",
    };

    private static List<LayoutCell> Row(string label, int labelSpan, params Cell?[] cells) =>
        [new LayoutCell(label, labelSpan), .. cells.Select(c => new LayoutCell(Raw(c)))];

    /// <summary>A label row whose single value spans the value columns (本年处理决定数量 spans three).</summary>
    private static List<LayoutCell> Wide(string label, Cell? value) => [new LayoutCell(label), new LayoutCell(Raw(value), 3)];

    private static List<LayoutCell> Cells(params string[] texts) => texts.Select(t => new LayoutCell(t)).ToList();

    private static LayoutTable ActiveDisclosure(ActiveDisclosureTable table)
    {
        var rows = new List<List<LayoutCell>>();
        if (table.V2021 is { } t)
        {
            rows.Add([new LayoutCell("第二十条第（一）项", 4)]);
            rows.Add(Cells("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"));
            rows.Add(Row("规章", 1, t.Regulations.Issued, t.Regulations.Abolished, t.Regulations.InForce));
            rows.Add(Row(t.NormativeDocuments.Source.Label is { Length: > 0 } l ? l : "行政规范性文件", 1, t.NormativeDocuments.Issued, t.NormativeDocuments.Abolished, t.NormativeDocuments.InForce));
            rows.Add([new LayoutCell("第二十条第（五）项", 4)]);
            rows.Add([new LayoutCell("信息内容"), new LayoutCell("本年处理决定数量", 3)]);
            rows.Add(Wide("行政许可", t.Licensing.Decisions));
            rows.Add([new LayoutCell("第二十条第（六）项", 4)]);
            rows.Add([new LayoutCell("信息内容"), new LayoutCell("本年处理决定数量", 3)]);
            rows.Add(Wide("行政处罚", t.Penalty.Decisions));
            rows.Add(Wide("行政强制", t.Coercion.Decisions));
            rows.Add([new LayoutCell("第二十条第（八）项", 4)]);
            rows.Add([new LayoutCell("信息内容"), new LayoutCell("本年收费金额（单位：万元）", 3)]);
            rows.Add(Wide("行政事业性收费", t.Fees.FeeAmount));
        }
        else if (table.V2019 is { } v)
        {
            var unit = v.Procurement.ProcurementAmount.Unit is { Length: > 0 } u && !v.Procurement.ProcurementAmount.Raw.EndsWith(u, StringComparison.Ordinal) ? $"（{u}）" : "";
            rows.Add([new LayoutCell("第二十条第（一）项", 4)]);
            rows.Add(Cells("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"));
            rows.Add(Row("规章", 1, v.Regulations.NewMade, v.Regulations.NewPublished, v.Regulations.PublishedTotal));
            rows.Add(Row("规范性文件", 1, v.NormativeDocuments.NewMade, v.NormativeDocuments.NewPublished, v.NormativeDocuments.PublishedTotal));
            rows.Add([new LayoutCell("第二十条第（五）项", 4)]);
            rows.Add(Cells("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"));
            rows.Add(Row("行政许可", 1, v.Licensing.PrevItems, v.Licensing.Change, v.Licensing.Decisions));
            rows.Add(Row("其他对外管理服务事项", 1, v.OtherServices.PrevItems, v.OtherServices.Change, v.OtherServices.Decisions));
            rows.Add([new LayoutCell("第二十条第（六）项", 4)]);
            rows.Add(Cells("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"));
            rows.Add(Row("行政处罚", 1, v.Penalty.PrevItems, v.Penalty.Change, v.Penalty.Decisions));
            rows.Add(Row("行政强制", 1, v.Coercion.PrevItems, v.Coercion.Change, v.Coercion.Decisions));
            rows.Add([new LayoutCell("第二十条第（八）项", 4)]);
            rows.Add([new LayoutCell("信息内容"), new LayoutCell("上一年项目数量"), new LayoutCell("本年增/减", 2)]);
            rows.Add([new LayoutCell("行政事业性收费"), new LayoutCell(Raw(v.Fees.PrevItems)), new LayoutCell(Raw(v.Fees.Change), 2)]);
            rows.Add([new LayoutCell("第二十条第（九）项", 4)]);
            rows.Add([new LayoutCell("信息内容"), new LayoutCell("采购项目数量"), new LayoutCell("采购总金额" + unit, 2)]);
            rows.Add([new LayoutCell("政府集中采购"), new LayoutCell(Raw(v.Procurement.ProcurementItems)), new LayoutCell(Raw(v.Procurement.ProcurementAmount), 2)]);
        }
        return new LayoutTable(rows);
    }

    private static readonly Dictionary<string, string> Groups = new()
    {
        ["withheld"] = "（三）不予公开",
        ["unavailable"] = "（四）无法提供",
        ["not_processed"] = "（五）不予处理",
        ["other"] = "（六）其他处理",
    };

    private static LayoutTable Applications(ApplicationsTable table)
    {
        var rows = new List<List<LayoutCell>>();
        if (!table.Found)
        {
            return new LayoutTable(rows);
        }
        rows.Add([new LayoutCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), new LayoutCell("申请人情况", 7)]);
        rows.Add([new LayoutCell("自然人", 1, 2), new LayoutCell("法人或其他组织", 5), new LayoutCell("总计", 1, 2)]);
        rows.Add(Cells("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"));
        LayoutCell? results = null;
        LayoutCell? group = null;
        var groupKey = "";
        foreach (var definition in ApplicationsTemplate.Rows)
        {
            if (definition.Get(table) is not { Source.Found: true } row)
            {
                continue;
            }
            var dot = definition.Key.IndexOf('.', StringComparison.Ordinal);
            var key = dot < 0 ? "" : definition.Key[..dot];
            var cells = new List<LayoutCell>();
            var inResults = definition.Key is not ("received" or "carried_over" or "carried_forward");
            if (inResults && results is null)
            {
                results = new LayoutCell("三、本年度办理结果", 1, 0);
                cells.Add(results);
            }
            if (inResults)
            {
                results!.RowSpan++;
            }
            if (key.Length > 0 && key != groupKey && Groups.TryGetValue(key, out var groupLabel))
            {
                group = new LayoutCell(groupLabel, 1, 0);
                cells.Add(group);
            }
            groupKey = key;
            if (key.Length > 0)
            {
                group!.RowSpan++;
            }
            var labelSpan = inResults ? (key.Length > 0 ? 1 : 2) : 3;
            var label = new LayoutCell(row.Source.Label is { Length: > 0 } l ? l : definition.Key, labelSpan);
            cells.Add(label);
            if (row.Source.UnassignedValues.Count > 0 || row.Source.ValuesFound is > 0 and not 7)
            {
                cells.AddRange(row.Source.UnassignedValues.Select(c => new LayoutCell(Raw(c))));
            }
            else
            {
                cells.AddRange(ApplicationsTemplate.Cells(row).Select(c => new LayoutCell(Raw(c))));
            }
            rows.Add(cells);
        }
        return new LayoutTable(rows);
    }

    private static LayoutTable ReviewLitigation(ReviewLitigationTable table)
    {
        var rows = new List<List<LayoutCell>>();
        if (!table.Found)
        {
            return new LayoutTable(rows);
        }
        string[] results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        rows.Add([new LayoutCell("行政复议", 5), new LayoutCell("行政诉讼", 10)]);
        rows.Add([.. results.Select(r => new LayoutCell(r, 1, 2)), new LayoutCell("未经复议直接起诉", 5), new LayoutCell("复议后起诉", 5)]);
        rows.Add(Cells([.. results, .. results]));
        rows.Add(ReviewLitigationTemplate.Cells(table).Select(c => new LayoutCell(Raw(c))).ToList());
        return new LayoutTable(rows);
    }
}
