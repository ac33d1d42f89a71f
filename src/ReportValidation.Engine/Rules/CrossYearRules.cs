using System.Text;
using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>cross_year.*: this year's report against last year's of the same body (format.md §8.1, §8.2, §10.1 E3).</summary>
public static class CrossYearRules
{
    /// <summary>The rules of this group, in the order of rules.md.</summary>
    /// <remarks>not_previous_year is not in rules.md: added by issue 12 (README), last so rules.md's order stands.</remarks>
    public static IReadOnlyList<Rule> All => [CarryOver, Stock, DuplicateContent, NotPreviousYear];

    public static Rule NotPreviousYear { get; } = new("cross_year.not_previous_year", Severity.Warning, "cross_year",
        "所附上年报告不是上一年度的报告",
        "the previous report given is not of the year before",
        TemplateVersions.Both, CheckNotPreviousYear, NeedsPreviousYear: true);

    /// <summary>
    /// A previous report of another year than the year before (2020's given for 2024): the
    /// cross-year rules cannot run on it, and the clerk should hear why rather than nothing.
    /// </summary>
    private static void CheckNotPreviousYear(RuleContext context)
    {
        var year = context.Report.Year;
        var previousYear = context.Previous?.Year ?? 0;
        if (year == 0 || previousYear == 0 || previousYear == year - 1)
        {
            return;
        }
        var finding = context.Add(NotPreviousYear,
            $"所附上年报告为{previousYear}年度，而本报告为{year}年度，应附{year - 1}年度报告；跨年度检查（上年结转、现行有效件数、内容雷同）未进行。",
            $"The previous report is of {previousYear}, this one of {year}: the cross-year checks need the {year - 1} report and were not run.",
            RuleContext.At(context.Report.TitleSpan));
        finding.Expected = $"{year - 1}";
        finding.Actual = $"{previousYear}";
    }

    // Labels of the template, as the messages name the cells.
    private static TemplateColumn Column(string key) => ActiveDisclosureTemplate.V2021.Column(key);
    private static string CarriedForwardZh => ApplicationsTemplate.Row("carried_forward").NameZh;

    /// <summary>Last year's report, when it is the year before (or a year is unknown).</summary>
    private static ReportGrid? PreviousYear(RuleContext context)
    {
        var previous = context.Previous;
        if (previous is null)
        {
            return null;
        }
        var year = context.Report.Year;
        return year != 0 && previous.Year != 0 && previous.Year != year - 1 ? null : context.PreviousGrid;
    }

    public static Rule CarryOver { get; } = new("cross_year.carry_over", Severity.Error, "cross_year",
        $"本年“上年结转”不等于上年“{CarriedForwardZh}”",
        $"上年结转 (this year) ≠ {CarriedForwardZh} (last year), per column",
        TemplateVersions.Both, CheckCarryOver, NeedsPreviousYear: true);

    private static void CheckCarryOver(RuleContext context)
    {
        var previous = PreviousYear(context);
        // 2018 reports had no 结转 row (format.md §8.2 P3-CARRY).
        if (previous is null || context.Report.Year == 2019)
        {
            return;
        }
        foreach (var (column, label) in CellCatalog.ApplicationColumns)
        {
            var thisSlot = context.Layout.Cell($"applications.carried_over.{column}");
            var lastSlot = previous.Layout.Cell($"applications.carried_forward.{column}");
            if (!context.Grid.Known[thisSlot.Index] || !previous.Known[lastSlot.Index])
            {
                continue;
            }
            var carriedOver = context.Grid.Values[thisSlot.Index];
            var carriedForward = previous.Values[lastSlot.Index];
            if (carriedOver == carriedForward)
            {
                continue;
            }
            var cell = context.Grid.Cells[thisSlot.Index];
            var finding = context.Add(CarryOver,
                $"表三“{label}”列：本年“上年结转”为{carriedOver}件，但上年报告“{CarriedForwardZh}”为{carriedForward}件。",
                $"Table 三, column {column}: carried over ({carriedOver}) differs from last year's carried forward ({carriedForward}).",
                RuleContext.At(thisSlot, cell));
            finding.Expected = RuleContext.Format(carriedForward);
            finding.Actual = RuleContext.Format(carriedOver);
            finding.Cells.Add(RuleContext.Ref(thisSlot, cell));
            finding.Cells.Add(RuleContext.Ref(lastSlot, previous.Cells[lastSlot.Index]));
        }
    }

    public static Rule Stock { get; } = new("cross_year.stock", Severity.Warning, "cross_year",
        $"{Column("in_force").LabelZh}不等于上年{Column("in_force").ShortZh}加{Column("issued").ShortZh}减{Column("abolished").ShortZh}",
        $"{Column("in_force").ShortZh} ≠ last year's {Column("in_force").ShortZh} + {Column("issued").ShortZh} − {Column("abolished").ShortZh}",
        TemplateVersions.Only2021, CheckStock, NeedsPreviousYear: true);

    private static void CheckStock(RuleContext context)
    {
        var previous = PreviousYear(context);
        // The 2020 report used the 2019 columns: there is no stock in force to carry (format.md §8.1 P2-STOCK-XY).
        if (previous is null || context.Version != TemplateVersion._2021 || previous.Layout.Version != TemplateVersion._2021)
        {
            return;
        }
        foreach (var row in (string[])["regulations", "normative_documents"])
        {
            var inForce = context.Layout.Cell($"active_disclosure.{row}.in_force");
            var issued = context.Layout.Cell($"active_disclosure.{row}.issued");
            var abolished = context.Layout.Cell($"active_disclosure.{row}.abolished");
            var lastInForce = previous.Layout.Cell($"active_disclosure.{row}.in_force");
            if (!context.Grid.Known[inForce.Index] || !context.Grid.Known[issued.Index] || !context.Grid.Known[abolished.Index]
                || !previous.Known[lastInForce.Index])
            {
                continue;
            }
            var expected = previous.Values[lastInForce.Index] + context.Grid.Values[issued.Index] - context.Grid.Values[abolished.Index];
            var actual = context.Grid.Values[inForce.Index];
            if (expected == actual)
            {
                continue;
            }
            var finding = context.Add(Stock,
                $"表二“{ActiveDisclosureTemplate.V2021.Row(row).LabelZh}”：{Column("in_force").ShortZh}{actual}件，但上年{Column("in_force").ShortZh}{previous.Values[lastInForce.Index]}件加{Column("issued").ShortZh}{context.Grid.Values[issued.Index]}件减{Column("abolished").ShortZh}{context.Grid.Values[abolished.Index]}件应为{expected}件。",
                $"Table 二, {row}: in force is {actual}; last year's in force + issued − abolished = {expected}.",
                RuleContext.At(inForce, context.Grid.Cells[inForce.Index]));
            finding.Expected = RuleContext.Format(expected);
            finding.Actual = RuleContext.Format(actual);
        }
    }

    public static Rule DuplicateContent { get; } = new("cross_year.duplicate_content", Severity.Warning, "cross_year",
        "表格或正文与上年报告雷同",
        "tables or narrative copied unchanged from last year",
        TemplateVersions.Both, CheckDuplicateContent, NeedsPreviousYear: true);

    /// <summary>
    /// Tables or narrative copied from last year (format.md §10.1 E3): identical non-zero tables, or
    /// an overview or section 五 identical once years and spacing are set aside.
    /// </summary>
    private static void CheckDuplicateContent(RuleContext context)
    {
        var previous = PreviousYear(context);
        if (previous is null || previous.Layout.Version != context.Layout.Version)
        {
            return;
        }
        foreach (var (table, nameZh) in new[] { (CellCatalog.ActiveDisclosure, "表二"), (CellCatalog.Applications, "表三"), (CellCatalog.ReviewLitigation, "表四") })
        {
            if (SameNonZeroTable(context.Grid, previous, table))
            {
                context.Add(DuplicateContent,
                    $"{nameZh}的全部数据与上年报告完全相同，请核实是否照搬了上年数据。",
                    $"Every figure of {table} equals last year's.",
                    RuleContext.At(context.TableSpan(table), table));
            }
        }
        foreach (var (ordinal, nameZh) in new[] { (1, "总体情况"), (5, "存在的主要问题及改进情况") })
        {
            var current = context.Section(ordinal);
            var last = PreviousSection(context.Previous!, ordinal);
            if (current is null || last is null)
            {
                continue;
            }
            var a = Normalize(current.Text);
            if (a.Length >= 50 && a == Normalize(last.Text))
            {
                context.Add(DuplicateContent,
                    $"“{nameZh}”部分与上年报告内容相同（仅年份不同），请核实是否照搬了上年内容。",
                    $"Section {ordinal} repeats last year's text (apart from the years).",
                    RuleContext.At(current.HeadingSpan ?? current.Span, section: ordinal));
            }
        }
    }

    private static bool SameNonZeroTable(ReportGrid current, ReportGrid previous, string table)
    {
        var any = false;
        var nonZero = false;
        foreach (var slot in current.Layout.Cells)
        {
            if (slot.Table != table)
            {
                continue;
            }
            if (!current.Known[slot.Index] || !previous.Known[slot.Index] || current.Values[slot.Index] != previous.Values[slot.Index])
            {
                return false;
            }
            any = true;
            nonZero |= current.Values[slot.Index] != 0;
        }
        return any && nonZero;
    }

    private static Section? PreviousSection(Report previous, int ordinal)
    {
        for (var index = 0; index < previous.Sections.Count; index++)
        {
            var section = previous.Sections[index];
            if (section.Ordinal == ordinal)
            {
                return section;
            }
        }
        return null;
    }

    /// <summary>Text without spacing and punctuation, with every year written as YYYY.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch) || char.IsPunctuation(ch))
            {
                continue;
            }
            if (i + 4 < text.Length && text[i + 4] == '年' && Narrative.IsDigit(ch) && Narrative.IsDigit(text[i + 1])
                && Narrative.IsDigit(text[i + 2]) && Narrative.IsDigit(text[i + 3]))
            {
                builder.Append("YYYY");
                i += 3;
                continue;
            }
            builder.Append(ch);
        }
        return builder.ToString();
    }
}
