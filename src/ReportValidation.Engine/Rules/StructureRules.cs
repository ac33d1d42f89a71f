using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>structure.*: the six sections, the three tables and their rows (format.md §3–§6, §10.2).</summary>
public static class StructureRules
{
    /// <summary>The rules of this group, in the order of rules.md.</summary>
    public static IReadOnlyList<Rule> All => [SectionMissing, SectionOrder, SectionDuplicate, TableMissing, RowMissing, RowIncomplete, TemplateMismatch, NonstandardLabel];

    private static readonly string[] Ordinals = ["", "一", "二", "三", "四", "五", "六"];

    private static readonly string[] OfficialHeadings =
    [
        "", "一、总体情况", NationalTemplates.ActiveDisclosure.TitleZh, NationalTemplates.Applications.TitleZh,
        NationalTemplates.ReviewLitigation.TitleZh, "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ];

    private static readonly string[] SectionNamesEn =
    [
        "", "overview", "proactive disclosure", "applications", "review and litigation", "problems and improvements", "other matters",
    ];

    public static Rule SectionMissing { get; } = new("structure.section_missing", Severity.Error, "structure",
        "缺少六个部分中的某一部分",
        "one of the six sections is absent",
        TemplateVersions.Both, CheckSectionMissing);

    private static void CheckSectionMissing(RuleContext context)
    {
        Span<bool> seen = stackalloc bool[7];
        for (var index = 0; index < context.Report.Sections.Count; index++)
        {
            var section = context.Report.Sections[index];
            if (section.Ordinal is >= 1 and <= 6)
            {
                seen[section.Ordinal] = true;
            }
        }
        for (var ordinal = 1; ordinal <= 6; ordinal++)
        {
            if (!seen[ordinal])
            {
                context.Add(SectionMissing,
                    $"缺少第{Ordinals[ordinal]}部分“{OfficialHeadings[ordinal]}”。",
                    $"Section {ordinal} ({SectionNamesEn[ordinal]}) is missing.",
                    RuleContext.At(null, section: ordinal));
            }
        }
    }

    public static Rule SectionOrder { get; } = new("structure.section_order", Severity.Warning, "structure",
        "各部分顺序错乱",
        "sections out of order",
        TemplateVersions.Both, CheckSectionOrder);

    /// <summary>
    /// The sections that break the order: those outside the longest run in order, so one section
    /// moved up is reported once, not every section it jumped over.
    /// </summary>
    private static void CheckSectionOrder(RuleContext context)
    {
        // The first section of each ordinal, by its index in the report: on the stack, no list per report.
        var sections = context.Report.Sections;
        Span<int> firsts = stackalloc int[6];
        var count = 0;
        Span<bool> seen = stackalloc bool[7];
        for (var index = 0; index < sections.Count; index++)
        {
            var section = sections[index];
            if (section.Ordinal is >= 1 and <= 6 && !seen[section.Ordinal])
            {
                seen[section.Ordinal] = true;
                firsts[count++] = index;
            }
        }
        Span<int> length = stackalloc int[count];
        Span<int> before = stackalloc int[count];
        var best = -1;
        for (var i = 0; i < count; i++)
        {
            length[i] = 1;
            before[i] = -1;
            for (var j = 0; j < i; j++)
            {
                if (sections[firsts[j]].Ordinal < sections[firsts[i]].Ordinal && length[j] + 1 > length[i])
                {
                    length[i] = length[j] + 1;
                    before[i] = j;
                }
            }
            if (best < 0 || length[i] > length[best])
            {
                best = i;
            }
        }
        Span<bool> inOrder = stackalloc bool[count];
        for (var i = best; i >= 0; i = before[i])
        {
            inOrder[i] = true;
        }
        for (var i = 0; i < count; i++)
        {
            if (inOrder[i])
            {
                continue;
            }
            var section = sections[firsts[i]];
            var previous = i > 0 ? sections[firsts[i - 1]].Ordinal : 0;
            context.Add(SectionOrder,
                previous > 0
                    ? $"第{Ordinals[section.Ordinal]}部分“{section.Heading}”出现在第{Ordinals[previous]}部分之后，顺序错乱。"
                    : $"第{Ordinals[section.Ordinal]}部分“{section.Heading}”位置错乱。",
                $"Section {section.Ordinal} is out of order.",
                RuleContext.At(section.HeadingSpan, section: section.Ordinal));
        }
    }

    public static Rule SectionDuplicate { get; } = new("structure.section_duplicate", Severity.Warning, "structure",
        "同一部分标题出现两次",
        "a section heading appears twice",
        TemplateVersions.Both, CheckSectionDuplicate);

    private static void CheckSectionDuplicate(RuleContext context)
    {
        Span<bool> seen = stackalloc bool[7];
        for (var index = 0; index < context.Report.Sections.Count; index++)
        {
            var section = context.Report.Sections[index];
            var ordinal = section.Ordinal;
            if (ordinal is < 1 or > 6)
            {
                continue;
            }
            if (seen[ordinal])
            {
                context.Add(SectionDuplicate,
                    $"第{Ordinals[ordinal]}部分标题“{section.Heading}”重复出现。",
                    $"The heading of section {ordinal} appears twice.",
                    RuleContext.At(section.HeadingSpan, section: ordinal));
            }
            seen[ordinal] = true;
        }
    }

    private static readonly (string Table, string NameZh, string NameEn, int Section)[] Tables =
    [
        (CellCatalog.ActiveDisclosure, NationalTemplates.ActiveDisclosure.CaptionZh, "table 二 (proactive disclosure)", 2),
        (CellCatalog.Applications, NationalTemplates.Applications.CaptionZh, "table 三 (applications)", 3),
        (CellCatalog.ReviewLitigation, NationalTemplates.ReviewLitigation.CaptionZh, "table 四 (review and litigation)", 4),
    ];

    public static Rule TableMissing { get; } = new("structure.table_missing", Severity.Error, "structure",
        "表二、表三或表四缺失",
        "table 二, 三 or 四 not found",
        TemplateVersions.Both, CheckTableMissing);

    private static void CheckTableMissing(RuleContext context)
    {
        foreach (var (table, nameZh, nameEn, sectionOrdinal) in Tables)
        {
            if (ReportGrid.TableFound(context.Report, table))
            {
                continue;
            }
            // With its section present the table is likely there but unread: a doubt about extraction.
            var section = context.Section(sectionOrdinal);
            context.Add(TableMissing,
                section is null ? $"未找到{nameZh}。" : $"第{Ordinals[sectionOrdinal]}部分中未能识别出{nameZh}。",
                $"{nameEn} not found.",
                RuleContext.At(section?.Span, table, section: sectionOrdinal),
                section is null ? FindingOrigin.Report : FindingOrigin.Extraction);
        }
    }

    public static Rule RowMissing { get; } = new("structure.row_missing", Severity.Error, "structure",
        "表格缺少模板规定的行",
        "a row of the template is absent from a table",
        TemplateVersions.Both, CheckRowMissing);

    private static void CheckRowMissing(RuleContext context)
    {
        foreach (var row in context.Layout.Rows)
        {
            if (!ReportGrid.TableFound(context.Report, row.Table))
            {
                continue;
            }
            // The row message looked up once: each lookup is two accessor calls.
            if (row.Message(context.Report) is { } message && row.SourceOf(message) is not { Found: false })
            {
                continue;
            }
            if (row.Table == CellCatalog.Applications && ApplicationsTemplate.IsOtherHandlingSubRow(row.Row)
                && ApplicationsTemplate.OtherHandlingAsOneRow(context.Report.Applications))
            {
                continue; // one deviation finding (structure.nonstandard_label) names the single row instead
            }
            context.Add(RowMissing,
                $"{TableName(row.Table)}缺少“{row.LabelZh}”行。",
                $"Row {row.Row} is missing from {row.Table}.",
                RuleContext.At(context.TableSpan(row.Table), row.Table, row.Row));
        }
    }

    public static Rule RowIncomplete { get; } = new("structure.row_incomplete", Severity.Error, "structure",
        "某行数值个数与列数不符，无法对应到列",
        "a row has fewer (or more) values than columns, so columns cannot be assigned",
        TemplateVersions.Both, CheckRowIncomplete);

    private static void CheckRowIncomplete(RuleContext context)
    {
        var reported = false;
        foreach (var row in context.Layout.Rows)
        {
            if (context.Grid.StateOfRow(row) != RowState.Incomplete || context.Grid.Sources[row.Index] is not { } source)
            {
                continue;
            }
            reported |= row.Table == CellCatalog.Applications;
            var finding = context.Add(RowIncomplete,
                source.ValuesFound == 0 && source.UnassignedValues.Count == 0
                    ? $"{TableName(row.Table)}“{row.LabelZh}”行未读取到任何数值（应有{row.CellCount}列），本行不做计算校验。"
                    : source.ValuesFound == row.CellCount
                        ? $"{TableName(row.Table)}“{row.LabelZh}”行读取到的数值未能对应到各列，本行不做计算校验。"
                        : $"{TableName(row.Table)}“{row.LabelZh}”行有{source.ValuesFound}个数值，但应有{row.CellCount}列，无法确定各数值所属的列，本行不做计算校验。",
                $"Row {row.Row} of {row.Table} carries {source.ValuesFound} values for {row.CellCount} columns; they cannot be assigned, so the row is not checked.",
                context.AtRow(row), FindingOrigin.Extraction);
            finding.Expected = RuleContext.Format(row.CellCount);
            finding.Actual = RuleContext.Format(source.ValuesFound);
            foreach (var value in source.UnassignedValues)
            {
                finding.Cells.Add(new CellRef { Table = row.Table, Row = row.Row, Raw = value.Raw, State = value.State, Span = value.Span });
            }
        }
        // A collapsed table whose rows do not say how many values they carried: report it once.
        if (!reported && context.Report.Applications is { Found: true, Collapsed: true })
        {
            context.Add(RowIncomplete,
                "表三各行数值个数少于列数，无法确定各数值所属的列，表三不做计算校验。",
                "Table 三 is collapsed: its rows carry fewer values than columns, so it is not checked.",
                RuleContext.At(context.Report.Applications.Span, CellCatalog.Applications), FindingOrigin.Extraction);
        }
    }

    public static Rule TemplateMismatch { get; } = new("structure.template_mismatch", Severity.Error, "structure",
        "年度报告格式版本与报告年度不符",
        "2019 template used for a 2021+ report; warning for the reverse",
        TemplateVersions.Both, CheckTemplateMismatch);

    private static void CheckTemplateMismatch(RuleContext context)
    {
        var report = context.Report;
        if (report.Year == 0)
        {
            return;
        }
        if (report.TemplateVersion == TemplateVersion._2019 && report.Year >= 2021)
        {
            context.Add(TemplateMismatch,
                $"{report.Year}年度报告应使用2021年版格式（国办公开办函〔2021〕30号），但使用了2019年版格式。",
                $"The {report.Year} report uses the 2019 template; reports for 2021 onward must use the 2021 template.",
                RuleContext.At(report.ActiveDisclosure?.Span ?? report.Applications?.Span));
        }
        else if (report.TemplateVersion == TemplateVersion._2021 && report.Year <= 2020)
        {
            context.Add(TemplateMismatch,
                $"{report.Year}年度报告应使用2019年版格式（国办公开办函〔2019〕60号），但使用了2021年版格式。",
                $"The {report.Year} report uses the 2021 template; reports for 2019–2020 use the 2019 template.",
                RuleContext.At(report.ActiveDisclosure?.Span ?? report.Applications?.Span),
                severity: Severity.Warning);
        }
    }

    public static Rule NonstandardLabel { get; } = new("structure.nonstandard_label", Severity.Info, "structure",
        "使用了非标准的行标签（已知别名或变体）",
        "a known alias or deviation of an official label",
        TemplateVersions.Both, CheckNonstandardLabel);

    private static void CheckNonstandardLabel(RuleContext context)
    {
        foreach (var row in context.Layout.Rows)
        {
            if (!ReportGrid.TableFound(context.Report, row.Table))
            {
                continue;
            }
            var source = row.Source(context.Report);
            if (source is not { Found: true, LabelMatch: LabelMatch.Alias })
            {
                continue;
            }
            var official = source.OfficialLabel.Length > 0 ? source.OfficialLabel : row.LabelZh;
            Deviation($"{TableName(row.Table)}行标签“{source.Label}”不是标准写法，标准标签为“{official}”。",
                $"Row label \"{source.Label}\" is a known variant of the official \"{official}\".",
                RuleContext.At(source.LabelSpan, row.Table, row.Row), source.Label, official);
        }
        if (context.Layout.Version == TemplateVersion._2021 && ApplicationsTemplate.OtherHandlingAsOneRow(context.Report.Applications))
        {
            var other = context.Report.Applications.Other.Source;
            Deviation($"表三“{other.Label}”按2019年版模板填为一行，未按2021年版分列1.至3.项；该行按（六）其他处理合计参与校验。",
                $"Table 3 prints the 2019 single row \"{other.Label}\" instead of the 2021 sub-rows 1.–3.; it is checked as the (6) group's total.",
                RuleContext.At(other.LabelSpan, CellCatalog.Applications, "other"), other.Label, ApplicationsTemplate.OtherHandling.LabelZh);
        }
        if (context.Report.ActiveDisclosure is not { Found: true } table)
        {
            return;
        }
        for (var index = 0; index < table.Headers.Count; index++)
        {
            var header = table.Headers[index];
            if (header.LabelMatch != LabelMatch.Alias)
            {
                continue;
            }
            Deviation($"表二列标题“{header.Label}”不是标准写法，标准标题为“{header.OfficialLabel}”。",
                $"Column header \"{header.Label}\" is a known variant of the official \"{header.OfficialLabel}\".",
                RuleContext.At(header.Span, CellCatalog.ActiveDisclosure, column: header.Column), header.Label, header.OfficialLabel);
        }

        void Deviation(string messageZh, string messageEn, Location location, string actual, string official)
        {
            var finding = context.Add(NonstandardLabel, messageZh, messageEn, location);
            finding.Actual = actual;
            finding.Expected = official;
        }
    }

    public static string TableName(string table) => table switch
    {
        CellCatalog.Applications => "表三",
        CellCatalog.ReviewLitigation => "表四",
        _ => "表二",
    };
}
