using ReportValidation.Reading;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>
/// Table 二 (主动公开政府信息情况): sub-tables under 第二十条 captions, rows found by their labels, each
/// with the column count of its template version (format.md §4).
/// </summary>
internal static class ActiveDisclosureTableReader
{
    // Headers by their folded text, without the unit a money header carries: official or a deviation.
    private static readonly Dictionary<string, (TemplateColumn Column, bool Official)>.AlternateLookup<ReadOnlySpan<char>> Headers2021 =
        HeaderLookup(ActiveDisclosureTemplate.V2021).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, (TemplateColumn Column, bool Official)>.AlternateLookup<ReadOnlySpan<char>> Headers2019 =
        HeaderLookup(ActiveDisclosureTemplate.V2019).GetAlternateLookup<ReadOnlySpan<char>>();

    // Row labels (after their ordinal) by their text: official labels first, then the deviations.
    private static readonly Dictionary<string, (int Row, bool Official)>.AlternateLookup<ReadOnlySpan<char>> Rows2021 =
        RowLookup(ActiveDisclosureTemplate.V2021).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, (int Row, bool Official)>.AlternateLookup<ReadOnlySpan<char>> Rows2019 =
        RowLookup(ActiveDisclosureTemplate.V2019).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The first row whose official label is the text, else the first whose deviation is: as a search
    /// of the official labels and then of the deviations, in template order, finds it.
    /// </summary>
    private static Dictionary<string, (int, bool)> RowLookup(ActiveDisclosureTemplate.Layout layout)
    {
        var lookup = new Dictionary<string, (int, bool)>(StringComparer.Ordinal);
        for (var r = 0; r < layout.Rows.Count; r++)
        {
            lookup.TryAdd(layout.Rows[r].LabelZh, (r, true));
        }
        for (var r = 0; r < layout.Rows.Count; r++)
        {
            foreach (var alias in layout.Rows[r].Aliases)
            {
                lookup.TryAdd(alias, (r, false));
            }
        }
        return lookup;
    }

    private static Dictionary<string, (TemplateColumn, bool)> HeaderLookup(ActiveDisclosureTemplate.Layout layout)
    {
        var lookup = new Dictionary<string, (TemplateColumn, bool)>(StringComparer.Ordinal);
        foreach (var column in layout.Columns)
        {
            lookup[WithoutUnit(LabelText.Normalize(column.LabelZh))] = (column, true);
            foreach (var alias in column.Aliases)
            {
                lookup[WithoutUnit(LabelText.Normalize(alias))] = (column, false);
            }
        }
        return lookup;
    }

    // A money header carries its unit: the fee amount（单位：万元）, the procurement amount（元）.
    private static string WithoutUnit(string label)
    {
        var bare = WithoutUnit(label.AsSpan());
        return bare.Length == label.Length ? label : bare.ToString();
    }

    private static ReadOnlySpan<char> WithoutUnit(ReadOnlySpan<char> label)
    {
        var unit = label.IndexOf('(');
        return unit > 0 && label[unit..].IndexOf('元') > 0 ? label[..unit] : label;
    }

    private static void ReadHeaders(SourceDocument document, TableTokenList tokens, TemplateVersion version, ActiveDisclosureTable table)
    {
        var lookup = version == TemplateVersion._2019 ? Headers2019 : Headers2021;
        foreach (var token in tokens)
        {
            if (!token.IsValue && token.Label.Length > 0 && lookup.TryGetValue(WithoutUnit(token.Label), out var match))
            {
                table.Headers.Add(new ColumnHeader
                {
                    Column = match.Column.Key,
                    Label = WhiteSpace.Trim(token.Cell.AsSpan()).ToString(),
                    LabelMatch = match.Official ? LabelMatch.Official : LabelMatch.Alias,
                    OfficialLabel = match.Column.LabelZh,
                    Span = document.Span(token.Cell),
                });
            }
        }
    }

    public static ActiveDisclosureTable Read(SourceDocument document, TableTokenList tokens, TemplateVersion version)
    {
        var layout = ActiveDisclosureTemplate.For(version);
        var rows = ReadRows(document, tokens, layout, out var first, out var last);
        var table = new ActiveDisclosureTable { Found = first >= 0 };
        if (!table.Found)
        {
            return table;
        }
        table.Span = document.Span(tokens[first].Cell.Start, tokens[last].Cell.End);
        ReadHeaders(document, tokens, version, table);
        if (version == TemplateVersion._2019)
        {
            table.V2019 = Place(new ActiveDisclosure2019(), layout, rows);
        }
        else
        {
            table.V2021 = Place(new ActiveDisclosure2021(), layout, rows);
        }
        return table;
    }

    /// <summary>Rows found by their labels (by their index in the layout), each with the values after it assigned to its columns.</summary>
    private static (RowSource Source, Cell[] Cells)?[] ReadRows(SourceDocument document, TableTokenList tokens,
        ActiveDisclosureTemplate.Layout layout, out int first, out int last)
    {
        var definitions = layout.Rows;
        var rowLookup = layout.Version == TemplateVersion._2019 ? Rows2019 : Rows2021;
        // The unit each money column's header names, worked out when a row ending in that column is read.
        var units = new string?[layout.Columns.Count];
        var rows = new (RowSource Source, Cell[] Cells)?[definitions.Count];
        var current = -1;
        var values = new List<TableToken>(4);
        RowSource? source = null;
        first = last = -1;

        string? MoneyUnit(TemplateColumn column)
        {
            for (var c = 0; c < units.Length; c++)
            {
                if (layout.Columns[c].Equals(column))
                {
                    return column.Kind == ValueKind.Money ? units[c] ??= HeaderUnit(tokens, column) : null;
                }
            }
            return null;
        }

        void Finish(bool followedByLabel)
        {
            var definition = definitions[current];
            var columns = definition.Shape.Columns;
            var cells = TableTokens.Assign(document, values, columns.Count, followedByLabel, source!)
                ?? TableTokens.MissingCells(columns.Count);
            // Only the money column (the last one of its row) takes the header's unit.
            if (MoneyUnit(columns[^1]) is { Length: > 0 } unit && cells[^1].Unit.Length == 0 && cells[^1].State == CellState.Number)
            {
                cells[^1].Unit = unit;
            }
            rows[current] = (source!, cells);
            values.Clear();
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsValue)
            {
                if (current >= 0 && values.Count < definitions[current].Shape.Columns.Count + 1)
                {
                    values.Add(token);
                    last = i;
                }
                continue;
            }
            var match = Match(rowLookup, token.Label, out var official);
            // Keys are unique in a layout: a row's index stands for its key.
            if (match >= 0 && rows[match] is null && current != match)
            {
                if (current >= 0)
                {
                    Finish(followedByLabel: true);
                }
                current = match;
                source = new RowSource
                {
                    Found = true,
                    Label = WhiteSpace.Trim(token.Cell.AsSpan()).ToString(),
                    OfficialLabel = definitions[match].LabelZh,
                    LabelMatch = official ? LabelMatch.Official : LabelMatch.Alias,
                    LabelSpan = document.Span(token.Cell),
                };
                first = first < 0 ? i : first;
                last = i;
            }
            else if (current >= 0)
            {
                // A caption or header after a row: the row ended; a row with no values before a caption was left empty.
                Finish(followedByLabel: true);
                current = -1;
            }
        }
        if (current >= 0)
        {
            Finish(followedByLabel: false);
        }
        return rows;
    }

    /// <summary>Every row of the version into its message; a row not found keeps its official label.</summary>
    private static T Place<T>(T table, ActiveDisclosureTemplate.Layout layout, (RowSource Source, Cell[] Cells)?[] rows)
        where T : class
    {
        for (var r = 0; r < layout.Rows.Count; r++)
        {
            var definition = layout.Rows[r];
            if (rows[r] is { } row)
            {
                definition.Place(table, row.Source, row.Cells);
            }
            else
            {
                definition.Place(table, new RowSource { Found = false, OfficialLabel = definition.LabelZh },
                    TableTokens.MissingCells(definition.Shape.Columns.Count));
            }
        }
        return table;
    }

    private static int Match(Dictionary<string, (int Row, bool Official)>.AlternateLookup<ReadOnlySpan<char>> rows,
        ReadOnlySpan<char> label, out bool official)
    {
        if (rows.TryGetValue(LabelText.WithoutOrdinal(label), out var match))
        {
            official = match.Official;
            return match.Row;
        }
        official = false;
        return -1;
    }

    /// <summary>The unit a money column's header names (（单位：万元）, （元）), else the template's.</summary>
    private static string HeaderUnit(TableTokenList tokens, TemplateColumn column)
    {
        var word = column.HeaderWord ?? column.LabelZh;
        var unit = column.Unit;
        for (var i = 0; i < tokens.Count; i++)
        {
            var label = tokens[i].Label;
            if (label.Contains(word, StringComparison.Ordinal))
            {
                var next = i + 1 < tokens.Count && !label.Contains('元') ? tokens[i + 1].Label : [];
                unit = UnitOf(string.Concat(label, next)) is { Length: > 0 } u ? u : column.Unit;
            }
        }
        return unit;
    }

    private static string UnitOf(string header) =>
        header.Contains("万元", StringComparison.Ordinal) ? "万元" : header.Contains("(元)", StringComparison.Ordinal) || header.EndsWith('元') || header.Contains("单位:元", StringComparison.Ordinal) ? "元" : "";
}
