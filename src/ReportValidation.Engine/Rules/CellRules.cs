using ReportValidation.Rules.Analysis;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Rules;

/// <summary>cell.*: what each value cell holds, against its column's type (format.md §7 TYPE, §8.1, §8.5).</summary>
public static class CellRules
{
    /// <summary>The rules of this group, in the order of rules.md.</summary>
    public static IReadOnlyList<Rule> All => [NotANumber, Negative, NotInteger, Blank, Unit];

    public static Rule NotANumber { get; } = new("cell.not_a_number", Severity.Error, "cell",
        "应填数字处填写了文字",
        "text where a number belongs",
        TemplateVersions.Both, CheckNotANumber);

    private static void CheckNotANumber(RuleContext context)
    {
        var grid = context.Grid;
        foreach (var index in UsableCells(grid))
        {
            var cell = grid.Cells[index];
            if (cell?.State != CellState.Text)
            {
                continue;
            }
            var slot = context.Layout.Cells[index];
            // Digits split by a space are the extraction's doing, not the clerk's.
            var split = Arithmetic.TryJoinDigits(cell.Raw, out _);
            var finding = context.Add(NotANumber,
                $"{slot.WhereZh}应填数字，实际为“{cell.Raw}”。",
                $"{slot.Key} should be a number but reads \"{cell.Raw}\".",
                RuleContext.At(slot, cell), split ? FindingOrigin.Extraction : FindingOrigin.Report);
            finding.Actual = cell.Raw;
        }
    }

    public static Rule Negative { get; } = new("cell.negative", Severity.Error, "cell",
        $"数量为负数（仅2019版“{ActiveDisclosureTemplate.V2019.Column("change").LabelZh}”可为负）",
        "negative count (signed only in 2019 change)",
        TemplateVersions.Both, CheckNegative);

    private static void CheckNegative(RuleContext context)
    {
        var grid = context.Grid;
        foreach (var index in UsableCells(grid))
        {
            var slot = context.Layout.Cells[index];
            // A cell the grid read as a whole number is negative by its value, with no decimal to parse.
            if (slot.Kind == ValueKind.SignedCount || (grid.Known[index] ? grid.Values[index] >= 0 : !IsNegative(grid.Cells[index])))
            {
                continue;
            }
            var cell = grid.Cells[index];
            var finding = context.Add(Negative,
                $"{slot.WhereZh}为负数{cell!.Raw}，该项应为非负数。",
                $"{slot.Key} is negative ({cell.Raw}); it must not be.",
                RuleContext.At(slot, cell));
            finding.Actual = cell.Raw;
        }
    }

    public static Rule NotInteger { get; } = new("cell.not_integer", Severity.Error, "cell",
        "数量列出现小数",
        "fraction in a count column",
        TemplateVersions.Both, CheckNotInteger);

    private static void CheckNotInteger(RuleContext context)
    {
        var grid = context.Grid;
        foreach (var index in UsableCells(grid))
        {
            var slot = context.Layout.Cells[index];
            // The grid knows the cells that read as whole numbers: only the others may hold a fraction.
            if (slot.Kind == ValueKind.Money || grid.Known[index] || !IsFraction(grid.Cells[index]))
            {
                continue;
            }
            var cell = grid.Cells[index];
            var finding = context.Add(NotInteger,
                $"{slot.WhereZh}为{cell!.Raw}，件数应为整数。",
                $"{slot.Key} is {cell.Raw}; a count must be a whole number.",
                RuleContext.At(slot, cell));
            finding.Actual = cell.Raw;
        }
    }

    public static Rule Blank { get; } = new("cell.blank", Severity.Warning, "cell",
        "应填数字处为空白、“/”或“—”，按未知处理而非0",
        "blank, \"/\" or \"—\" where a number belongs: treated as unknown, never as 0",
        TemplateVersions.Both, CheckBlank);

    /// <summary>
    /// Blank cells, grouped so a clerk reads one finding per blank row or blank column rather than
    /// one per cell: seed 004 leaves its whole first row of table 二 blank.
    /// </summary>
    private static void CheckBlank(RuleContext context)
    {
        var grid = context.Grid;
        var layout = context.Layout;
        // A few hundred cells at most, on the stack: which cells of usable rows are blank (each cell
        // read once), and which a row or column finding has reported.
        Span<bool> blank = stackalloc bool[layout.Cells.Count];
        Span<bool> reported = stackalloc bool[layout.Cells.Count];
        var anyBlank = false;
        foreach (var index in UsableCells(grid))
        {
            blank[index] = IsBlank(grid.Cells[index]) && !grid.Folded[index];
            anyBlank |= blank[index];
        }
        if (!anyBlank)
        {
            return;
        }
        foreach (var row in layout.Rows)
        {
            if (grid.StateOfRow(row) != RowState.Usable)
            {
                continue;
            }
            var blanks = 0;
            for (var i = row.FirstCell; i < row.FirstCell + row.CellCount; i++)
            {
                blanks += blank[i] ? 1 : 0;
            }
            if (blanks == row.CellCount && row.CellCount > 1)
            {
                var finding = context.Add(Blank,
                    $"{StructureRules.TableName(row.Table)}“{row.LabelZh}”行整行未填数字（空白、“/”或“—”），按未知处理，不视为0；如确为0请填写0。",
                    $"Row {row.Row} of {row.Table} is blank; it is treated as unknown, not as 0.",
                    context.AtRow(row), OriginOf(grid.Cells, row.FirstCell, row.CellCount));
                for (var i = row.FirstCell; i < row.FirstCell + row.CellCount; i++)
                {
                    finding.Cells.Add(RuleContext.Ref(layout.Cells[i], grid.Cells[i]));
                    reported[i] = true;
                }
            }
        }
        // A blank column of table 三 (e.g. 总计 filled only on some rows is reported per cell below).
        for (var c = 0; c < CellCatalog.ApplicationColumns.Length; c++)
        {
            var rows = 0;
            var blanks = 0;
            foreach (var row in layout.Rows)
            {
                if (row.Table != CellCatalog.Applications || grid.StateOfRow(row) != RowState.Usable)
                {
                    continue;
                }
                rows++;
                var index = row.FirstCell + c;
                blanks += blank[index] && !reported[index] ? 1 : 0;
            }
            if (rows < 2 || blanks != rows)
            {
                continue;
            }
            var (column, label) = CellCatalog.ApplicationColumns[c];
            var first = layout.Cells.First(s => s.Table == CellCatalog.Applications && s.Column == column);
            var finding = context.Add(Blank,
                $"表三“{label}”列整列未填数字，按未知处理，不视为0；如确为0请填写0。",
                $"Column {column} of table 三 is blank; it is treated as unknown, not as 0.",
                RuleContext.At(grid.Cells[first.Index]?.Span, CellCatalog.Applications, column: column));
            foreach (var row in layout.Rows)
            {
                if (row.Table == CellCatalog.Applications && grid.StateOfRow(row) == RowState.Usable)
                {
                    var index = row.FirstCell + c;
                    finding.Cells.Add(RuleContext.Ref(layout.Cells[index], grid.Cells[index]));
                    reported[index] = true;
                }
            }
        }
        foreach (var index in UsableCells(grid))
        {
            if (reported[index] || !blank[index])
            {
                continue;
            }
            var cell = grid.Cells[index];
            var slot = layout.Cells[index];
            var finding = context.Add(Blank,
                $"{slot.WhereZh}未填数字（{RuleContext.Describe(cell)}），按未知处理，不视为0；如确为0请填写0。",
                $"{slot.Key} is {RuleContext.DescribeEn(cell)}; it is treated as unknown, not as 0.",
                RuleContext.At(slot, cell), cell?.State == CellState.Blank ? FindingOrigin.Report : FindingOrigin.Extraction);
            finding.Actual = cell?.Raw ?? "";
        }
    }

    private static bool IsNegative(Cell? cell) => ReportGrid.TryDecimal(cell, out var value) && value < 0;

    private static bool IsFraction(Cell? cell) => ReportGrid.TryDecimal(cell, out var value) && value != decimal.Truncate(value);

    /// <summary>The cells of the rows that can be checked, in layout order: a row's state is looked at once, not per cell.</summary>
    private static UsableCellScan UsableCells(ReportGrid grid) => new(grid);

    /// <summary>The enumeration <see cref="UsableCells"/> returns (pattern-based, for <c>foreach</c>, nothing on the heap).</summary>
    private struct UsableCellScan(ReportGrid grid)
    {
        private int _row = -1;
        private int _end;

        public int Current { get; private set; }

        public readonly UsableCellScan GetEnumerator() => this;

        public bool MoveNext()
        {
            if (++Current < _end)
            {
                return true;
            }
            var rows = grid.Layout.Rows;
            while (++_row < rows.Count)
            {
                var row = rows[_row];
                if (grid.RowStates[_row] == RowState.Usable && row.CellCount > 0)
                {
                    Current = row.FirstCell;
                    _end = row.FirstCell + row.CellCount;
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>Blank as the report wrote it, or a position of a usable row where the reader found nothing.</summary>
    private static bool IsBlank(Cell? cell) => cell is null || cell.State is CellState.Blank or CellState.Missing or CellState.Unspecified;

    private static FindingOrigin OriginOf(Cell?[] cells, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            if (cells[i]?.State != CellState.Blank)
            {
                return FindingOrigin.Extraction;
            }
        }
        return FindingOrigin.Report;
    }

    public static Rule Unit { get; } = new("cell.unit", Severity.Warning, "cell",
        "金额单位与表头不一致，或缺少必要的单位",
        "money in a unit other than the header's, or no unit where one is needed",
        TemplateVersions.Both, CheckUnit);

    /// <summary>
    /// Money against its header's unit: 2021's fee amount is in 万元 by the template. 2019's procurement amount has no
    /// official unit, so an unstated unit is recorded as unknown, not flagged.
    /// </summary>
    private static void CheckUnit(RuleContext context)
    {
        if (context.Version != TemplateVersion._2021)
        {
            return;
        }
        var slot = context.Layout.Cell("active_disclosure.fees.fee_amount");
        var cell = context.Grid.Cells[slot.Index];
        if (cell is null || cell.State != CellState.Number || context.Grid.StateOfCell(slot.Index) != RowState.Usable)
        {
            return;
        }
        var unit = UnitOf(cell);
        if (unit is "" or "万元")
        {
            return;
        }
        var finding = context.Add(Unit,
            $"表二“{slot.RowSlot.LabelZh}”{slot.Definition.ShortZh}应以{slot.Definition.Unit}为单位，但填写为“{cell.Raw}”（{unit}）。",
            $"The 2021 fee amount must be in 万元 but reads \"{cell.Raw}\" ({unit}).",
            RuleContext.At(slot, cell));
        finding.Expected = "万元";
        finding.Actual = unit;
    }

    /// <summary>The unit the cell names by its suffix, else the one the parser took from its header.</summary>
    public static string UnitOf(Cell cell)
    {
        // The cell's own suffix says more than the header the parser may have copied in.
        var raw = cell.Raw.TrimEnd();
        if (raw.EndsWith("万元", StringComparison.Ordinal))
        {
            return "万元";
        }
        return raw.EndsWith('元') ? "元" : cell.Unit;
    }
}
