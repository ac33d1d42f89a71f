using ReportValidation.V1;

namespace ReportValidation.Template;

/// <summary>
/// The two national templates as one description: the versions, the three tables with their titles,
/// and (from the table templates) every row and column. What the parser detects a version by and what
/// the service hands to pages (GET /v1/template) both come from here.
/// </summary>
public static class NationalTemplates
{
    /// <summary>A table of the report: its rules.md key and the section that holds it ("二、主动公开政府信息情况").</summary>
    public sealed record TableTitle(string Key, string Ordinal, string NameZh, string NameEn, string ShortEn)
    {
        /// <summary>How findings name the table: "表二（主动公开政府信息情况）".</summary>
        public string CaptionZh => $"{ShortZh}（{CaptionNameZh ?? NameZh}）";

        /// <summary>The name findings use when it is shorter than the section's.</summary>
        public string? CaptionNameZh { get; init; }

        public string TitleZh => $"{Ordinal}、{NameZh}";

        public string TitleEn => $"{ShortEn[6..]}. {NameEn}";

        /// <summary>"表二".</summary>
        public string ShortZh => $"表{Ordinal}";
    }

    public static TableTitle ActiveDisclosure { get; } =
        new(ActiveDisclosureTemplate.Table, "二", "主动公开政府信息情况", "Proactive disclosure", "Table II");

    public static TableTitle Applications { get; } =
        new(ApplicationsTemplate.Table, "三", "收到和处理政府信息公开申请情况", "Applications received and handled", "Table III");

    public static TableTitle ReviewLitigation { get; } =
        new(ReviewLitigationTemplate.Table, "四", $"政府信息公开{ReviewLitigationTemplate.Row.LabelZh}情况", "Administrative review and litigation", "Table IV")
        {
            CaptionNameZh = $"{ReviewLitigationTemplate.Row.LabelZh}情况",
        };

    public static IReadOnlyList<TableTitle> Tables { get; } = [ActiveDisclosure, Applications, ReviewLitigation];

    public static TableTitle Title(string table) => Tables.First(t => t.Key == table);

    private static readonly TemplateVersionInfo[] Versions =
    [
        new() { Version = TemplateVersion._2019, Document = "国办公开办函〔2019〕60号", FirstYear = 2019, LastYear = 2020 },
        new() { Version = TemplateVersion._2021, Document = "国办公开办函〔2021〕30号", FirstYear = 2021 },
    ];

    /// <summary>
    /// Label text only one version has (format.md §2): its distinctive headers of table 二, its rows of
    /// tables 二 and 三, and the caption of 2019's （九） sub-table.
    /// </summary>
    public static IReadOnlyList<string> VersionMarkers(TemplateVersion version)
    {
        var layout = ActiveDisclosureTemplate.For(version);
        var markers = new List<string>();
        markers.AddRange(layout.Columns.Where(c => c.MarksVersion).Select(c => c.ShortZh));
        markers.AddRange(layout.Rows.Select(r => r.VersionMarker).OfType<string>());
        markers.AddRange(layout.Blocks.Where(b => b.MarksVersion).Select(b => b.CaptionZh));
        markers.AddRange(ApplicationsTemplate.Rows.Where(r => r.OnlyIn == version).Select(r => r.VersionMarker).OfType<string>());
        return markers;
    }

    /// <summary>Both templates, bilingual, as the service describes them.</summary>
    public static NationalTemplate Describe()
    {
        var description = new NationalTemplate();
        description.Versions.AddRange(Versions);
        description.Tables.Add(Table(ActiveDisclosure,
            [.. ActiveDisclosureTemplate.V2019.Blocks.Select(b => Block(TemplateVersion._2019, b)),
             .. ActiveDisclosureTemplate.V2021.Blocks.Select(b => Block(TemplateVersion._2021, b))]));
        description.Tables.Add(Table(Applications, [ApplicationsBlock()]));
        description.Tables.Add(Table(ReviewLitigation, [ReviewLitigationBlock()]));
        return description;
    }

    private static TemplateTable Table(TableTitle title, TemplateBlock[] blocks)
    {
        var table = new TemplateTable
        {
            Key = title.Key,
            TitleZh = title.TitleZh,
            TitleEn = title.TitleEn,
            ShortZh = title.ShortZh,
            ShortEn = title.ShortEn,
        };
        table.Blocks.AddRange(blocks);
        return table;
    }

    private static TemplateBlock Block(TemplateVersion version, ActiveDisclosureTemplate.Block block)
    {
        var description = new TemplateBlock { CaptionZh = block.CaptionZh, CaptionEn = block.CaptionEn, Versions = { version } };
        description.Columns.AddRange(block.Columns.Select(Label));
        description.Rows.AddRange(block.Rows.Select(Label));
        return description;
    }

    private static TemplateBlock ApplicationsBlock()
    {
        var block = new TemplateBlock { Versions = { TemplateVersion._2019, TemplateVersion._2021 } };
        block.Columns.AddRange(ApplicationsTemplate.Columns.Select(Label));
        var shown = new HashSet<TemplateGroup>();
        foreach (var row in ApplicationsTemplate.Rows)
        {
            // A group heading goes before the first row under it (and its parent's before its own).
            foreach (var group in GroupsOf(row.Group).Where(shown.Add))
            {
                var heading = new TemplateLabel { Group = true, Zh = group.LabelZh, En = group.LabelEn, Depth = group.Depth };
                if (group.OnlyIn is { } only)
                {
                    heading.Versions.Add(only);
                }
                block.Rows.Add(heading);
            }
            block.Rows.Add(Label(row));
        }
        return block;
    }

    private static IEnumerable<TemplateGroup> GroupsOf(TemplateGroup? group) =>
        group is null ? [] : [.. GroupsOf(group.Parent), group];

    private static TemplateBlock ReviewLitigationBlock()
    {
        var block = new TemplateBlock { Versions = { TemplateVersion._2019, TemplateVersion._2021 } };
        block.Columns.AddRange(ReviewLitigationTemplate.Outcomes.Select(o => new TemplateLabel { Key = o.Key, Zh = o.LabelZh, En = o.LabelEn }));
        block.Rows.AddRange(ReviewLitigationTemplate.Groups.Select(g => new TemplateLabel { Key = g.Key, Zh = g.HeadingZh, En = g.HeadingEn }));
        return block;
    }

    private static TemplateLabel Label(TemplateColumn column) =>
        new() { Key = column.Key, Zh = column.LabelZh, En = column.LabelEn, Aliases = { column.Aliases } };

    private static TemplateLabel Label(TemplateRow row)
    {
        var label = new TemplateLabel
        {
            Key = row.Key,
            Zh = row.LabelZh,
            En = row.LabelEn,
            Depth = row.Depth,
            ShortZh = row.ShortLabelZh ?? "",
            Aliases = { row.Aliases },
        };
        if (row.OnlyIn is { } only)
        {
            label.Versions.Add(only);
        }
        return label;
    }
}
