using System.Text.RegularExpressions;

namespace ReportValidation.Tests.Reading;

/// <summary>A cell of a rendered table, with the spans the template gives it.</summary>
internal sealed class LayoutCell(string text, int colSpan = 1, int rowSpan = 1)
{
    public string Text { get; } = text;
    public int ColSpan { get; set; } = colSpan;
    public int RowSpan { get; set; } = rowSpan;
}

internal abstract record LayoutBlock;

internal sealed record LayoutParagraph(string Text) : LayoutBlock;

internal sealed record LayoutTable(List<List<LayoutCell>> Rows) : LayoutBlock
{
    /// <summary>
    /// Where each cell sits in the table's grid, resolving rowspans the way HTML does: a row's
    /// cells fill the columns the rows above leave free.
    /// </summary>
    public (List<List<(LayoutCell Cell, int Column)>> Placed, int Width, bool[,] Covered) Place()
    {
        var placed = new List<List<(LayoutCell, int)>>();
        var occupied = new Dictionary<(int Row, int Col), bool>();
        var width = 0;
        for (var r = 0; r < Rows.Count; r++)
        {
            var row = new List<(LayoutCell, int)>();
            var col = 0;
            foreach (var cell in Rows[r])
            {
                while (occupied.ContainsKey((r, col)))
                {
                    col++;
                }
                row.Add((cell, col));
                for (var dr = 0; dr < cell.RowSpan; dr++)
                {
                    for (var dc = 0; dc < cell.ColSpan; dc++)
                    {
                        occupied[(r + dr, col + dc)] = dr > 0;
                    }
                }
                col += cell.ColSpan;
                width = Math.Max(width, col);
            }
            placed.Add(row);
        }
        foreach (var key in occupied.Keys)
        {
            width = Math.Max(width, key.Col + 1);
        }
        var covered = new bool[Rows.Count, width];
        foreach (var ((row, col), isCovered) in occupied)
        {
            if (row < Rows.Count && isCovered)
            {
                covered[row, col] = true;
            }
        }
        return (placed, width, covered);
    }
}

/// <summary>
/// The structure of a seed report as a publisher's HTML, Word or PDF would carry it: paragraphs, and
/// tables whose rows are the seed's pipe rows (empty segments after a cell widen it, as a collapsed
/// colspan) or its runs of tab-indented one-cell lines. Group labels of table 三 get the template's
/// rowspans when the seed, like a real merged cell, names them only in their first row.
/// </summary>
internal static partial class SeedLayout
{
    public static List<LayoutBlock> FromText(string text)
    {
        var blocks = new List<LayoutBlock>();
        LayoutTable? table = null;
        List<LayoutCell>? tabRow = null;
        var pipeTable = false;
        foreach (var rawLine in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var trimmed = rawLine.Trim(' ', '\t', '\u3000', '\uFEFF', '\u00A0');
            if (rawLine.Contains('|', StringComparison.Ordinal))
            {
                tabRow = null;
                var row = PipeRow(rawLine);
                if (row.Count == 0)
                {
                    continue;
                }
                if (table is null)
                {
                    table = new LayoutTable([]);
                    blocks.Add(table);
                }
                pipeTable = true;
                table.Rows.Add(row);
                continue;
            }
            if (trimmed.Length == 0)
            {
                if (rawLine.StartsWith('\t') && tabRow is not null)
                {
                    tabRow.Add(new LayoutCell(""));
                    continue;
                }
                if (rawLine.StartsWith('\t') && table is not null)
                {
                    tabRow = [new LayoutCell("")];
                    table.Rows.Add(tabRow);
                    continue;
                }
                tabRow = null;
                continue;
            }
            if (rawLine.StartsWith('\t') || tabRow is not null)
            {
                if (tabRow is null)
                {
                    if (table is null)
                    {
                        table = new LayoutTable([]);
                        blocks.Add(table);
                    }
                    tabRow = [];
                    table.Rows.Add(tabRow);
                }
                tabRow.Add(new LayoutCell(trimmed));
                continue;
            }
            if (table is not null && pipeTable)
            {
                AddTemplateRowSpans(table);
            }
            table = null;
            pipeTable = false;
            blocks.Add(new LayoutParagraph(trimmed));
        }
        if (table is not null && pipeTable)
        {
            AddTemplateRowSpans(table);
        }
        foreach (var block in blocks)
        {
            if (block is LayoutTable t)
            {
                t.Rows.RemoveAll(r => r.All(c => c.Text.Length == 0));
            }
        }
        blocks.RemoveAll(b => b is LayoutTable { Rows.Count: 0 });
        return blocks;
    }

    private static List<LayoutCell> PipeRow(string line)
    {
        var body = line.TrimEnd();
        if (body.EndsWith('|'))
        {
            body = body[..^1];
        }
        var cells = new List<LayoutCell>();
        foreach (var segment in body.Split('|'))
        {
            var text = segment.Trim(' ', '\t', '\u3000', '\u00A0');
            if (text.Length >= 3 && text.All(c => c is '-' or ':'))
            {
                return [];
            }
            if (text.Length > 0)
            {
                cells.Add(new LayoutCell(text));
            }
            else if (cells.Count > 0)
            {
                cells[^1].ColSpan++;
            }
        }
        return cells;
    }

    private static void AddTemplateRowSpans(LayoutTable table)
    {
        var rows = table.Rows;
        for (var r = 0; r < rows.Count; r++)
        {
            var first = rows[r][0].Text;
            // Alone in its row, the group label is a heading row of its own, not a merged cell.
            if (first.StartsWith("三、本年度办理结果", StringComparison.Ordinal) && rows[r].Count > 1)
            {
                var end = r + 1;
                while (end < rows.Count && !rows[end][0].Text.StartsWith("四、", StringComparison.Ordinal))
                {
                    end++;
                }
                rows[r][0].RowSpan = end - r;
            }
            var group = rows[r].FindIndex(c => GroupLabel().IsMatch(c.Text));
            if (group >= 0 && group + 1 < rows[r].Count && rows[r][group + 1].Text.StartsWith("1.", StringComparison.Ordinal))
            {
                var end = r + 1;
                while (end < rows.Count && ItemLabel().IsMatch(rows[end][0].Text))
                {
                    end++;
                }
                rows[r][group].RowSpan = end - r;
            }
        }
    }

    [GeneratedRegex(@"^[（(][三四五六][）)]")]
    private static partial Regex GroupLabel();

    [GeneratedRegex(@"^[2-9]\.")]
    private static partial Regex ItemLabel();
}

/// <summary>
/// A layout written back as plain text, one paragraph a line and one table row a pipe row (a colspan as
/// empty segments after its cell, a rowspan in its first row only): the text a printed fixture carries.
/// </summary>
internal static class LayoutText
{
    public static string Render(IEnumerable<LayoutBlock> blocks)
    {
        var text = new System.Text.StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case LayoutParagraph paragraph:
                    text.Append(paragraph.Text).Append('\n');
                    break;
                case LayoutTable table:
                    foreach (var row in table.Rows)
                    {
                        // As the seeds write them: "label | 1 | 2 |", a colspan's empty segments tight ("| |||").
                        text.AppendJoin(' ', row.Select(c => $"{c.Text} |{new string('|', c.ColSpan - 1)}")).Append('\n');
                    }
                    break;
            }
        }
        return text.ToString();
    }
}
