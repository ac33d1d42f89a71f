using ReportValidation.V1;

namespace ReportValidation.Tables;

/// <summary>
/// Table 二's columns by template version: the rules.md key, the official header, and deviations seen
/// in published reports (seed 003 writes 对外公开总数). One list for the parser, which recognises the
/// headers, and the rules, which name the cells.
/// </summary>
public static class ActiveDisclosureColumns
{
    public sealed record Column(string Key, string Label, params string[] Aliases);

    private static readonly Column[] V2021 =
    [
        new("issued", "本年制发件数"),
        new("abolished", "本年废止件数"),
        new("in_force", "现行有效件数"),
        new("decisions", "本年处理决定数量"),
        new("fee_amount", "本年收费金额（万元）"),
    ];

    private static readonly Column[] V2019 =
    [
        new("new_made", "本年新制作数量"),
        new("new_published", "本年新公开数量"),
        new("published_total", "对外公开总数量", "对外公开总数"),
        new("prev_items", "上一年项目数量"),
        new("change", "本年增/减"),
        new("decisions", "处理决定数量"),
        new("procurement_items", "采购项目数量"),
        new("procurement_amount", "采购总金额"),
    ];

    public static IReadOnlyList<Column> For(TemplateVersion version) => version == TemplateVersion._2019 ? V2019 : V2021;

    public static string Label(TemplateVersion version, string key) => For(version).First(c => c.Key == key).Label;
}
