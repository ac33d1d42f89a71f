using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tables;

/// <summary>
/// Table 二 (主动公开政府信息情况): sub-tables under 第二十条 captions, rows found by their labels, each
/// with the column count of its template version (format.md §4).
/// </summary>
internal static class ActiveDisclosureTableReader
{
    private sealed record RowDefinition(string Key, string Label, string[] Aliases, int Columns);

    private static readonly RowDefinition[] Rows2021 =
    [
        new("regulations", "规章", [], 3),
        new("normative_documents", "行政规范性文件", ["规范性文件"], 3),
        new("licensing", "行政许可", [], 1),
        new("penalty", "行政处罚", [], 1),
        new("coercion", "行政强制", [], 1),
        new("fees", "行政事业性收费", ["事业性收费"], 1),
    ];

    private static readonly RowDefinition[] Rows2019 =
    [
        new("regulations", "规章", [], 3),
        new("normative_documents", "规范性文件", ["行政规范性文件"], 3),
        new("licensing", "行政许可", [], 3),
        new("other_services", "其他对外管理服务事项", ["对外管理服务事项"], 3),
        new("penalty", "行政处罚", [], 3),
        new("coercion", "行政强制", [], 3),
        new("fees", "行政事业性收费", ["事业性收费"], 2),
        new("procurement", "政府集中采购", ["集中采购"], 2),
    ];

    // Headers by their folded text, without the unit a money header carries: official or a deviation.
    private static readonly Dictionary<string, (ActiveDisclosureColumns.Column Column, bool Official)> Headers2021 =
        HeaderLookup(TemplateVersion._2021);

    private static readonly Dictionary<string, (ActiveDisclosureColumns.Column Column, bool Official)> Headers2019 =
        HeaderLookup(TemplateVersion._2019);

    private static Dictionary<string, (ActiveDisclosureColumns.Column, bool)> HeaderLookup(TemplateVersion version)
    {
        var lookup = new Dictionary<string, (ActiveDisclosureColumns.Column, bool)>(StringComparer.Ordinal);
        foreach (var column in ActiveDisclosureColumns.For(version))
        {
            lookup[WithoutUnit(LabelText.Normalize(column.Label))] = (column, true);
            foreach (var alias in column.Aliases)
            {
                lookup[WithoutUnit(LabelText.Normalize(alias))] = (column, false);
            }
        }
        return lookup;
    }

    // A money header carries its unit: 本年收费金额（单位：万元）, 采购总金额（元）.
    private static string WithoutUnit(string label)
    {
        var unit = label.IndexOf('(');
        return unit > 0 && label.IndexOf('元', unit) > 0 ? label[..unit] : label;
    }

    private static IEnumerable<ColumnHeader> ReadHeaders(SourceDocument document, List<TableToken> tokens, TemplateVersion version)
    {
        var lookup = version == TemplateVersion._2019 ? Headers2019 : Headers2021;
        foreach (var token in tokens)
        {
            if (!token.IsValue && token.Label.Length > 0 && lookup.TryGetValue(WithoutUnit(token.Label), out var match))
            {
                yield return new ColumnHeader
                {
                    Column = match.Column.Key,
                    Label = token.Cell.Text.Trim(),
                    LabelMatch = match.Official ? LabelMatch.Official : LabelMatch.Alias,
                    OfficialLabel = match.Column.Label,
                    Span = document.Span(token.Cell),
                };
            }
        }
    }

    public static ActiveDisclosureTable Read(SourceDocument document, List<TableToken> tokens, TemplateVersion version)
    {
        var table = new ActiveDisclosureTable();
        var definitions = version == TemplateVersion._2019 ? Rows2019 : Rows2021;
        var (feeUnit, procurementUnit) = HeaderUnits(tokens);
        var rows = new Dictionary<string, (RowSource Source, Cell[] Cells)>();
        var current = -1;
        var values = new List<TableToken>(4);
        RowSource? source = null;
        int first = -1, last = -1;

        void Finish(bool followedByLabel)
        {
            var definition = definitions[current];
            var unit = definition.Key == "fees" && version != TemplateVersion._2019 ? feeUnit
                : definition.Key == "procurement" ? procurementUnit : "";
            // Only the money column (the last one: 收费金额, 采购总金额) takes the header's unit.
            var cells = TableTokens.Assign(document, values, definition.Columns, followedByLabel, source!)
                ?? Enumerable.Range(0, definition.Columns).Select(_ => TableTokens.Missing()).ToArray();
            if (unit.Length > 0 && cells[^1].Unit.Length == 0 && cells[^1].State == CellState.Number)
            {
                cells[^1].Unit = unit;
            }
            rows[definition.Key] = (source!, cells);
            values.Clear();
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsValue)
            {
                if (current >= 0 && values.Count < definitions[current].Columns + 1)
                {
                    values.Add(token);
                    last = i;
                }
                continue;
            }
            var match = Match(definitions, token.Label, out var official);
            if (match >= 0 && !rows.ContainsKey(definitions[match].Key) && (current < 0 || definitions[current].Key != definitions[match].Key))
            {
                if (current >= 0)
                {
                    Finish(followedByLabel: true);
                }
                current = match;
                source = new RowSource
                {
                    Found = true,
                    Label = token.Cell.Text.Trim(),
                    OfficialLabel = definitions[match].Label,
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

        table.Found = first >= 0;
        if (!table.Found)
        {
            return table;
        }
        table.Span = document.Span(tokens[first].Cell.Start, tokens[last].Cell.End);
        table.Headers.AddRange(ReadHeaders(document, tokens, version));
        if (version == TemplateVersion._2019)
        {
            table.V2019 = Build2019(rows);
        }
        else
        {
            table.V2021 = Build2021(rows);
        }
        return table;
    }

    private static ActiveDisclosure2021 Build2021(Dictionary<string, (RowSource Source, Cell[] Cells)> rows)
    {
        return new ActiveDisclosure2021
        {
            Regulations = Stock("regulations"),
            NormativeDocuments = Stock("normative_documents"),
            Licensing = Decision("licensing"),
            Penalty = Decision("penalty"),
            Coercion = Decision("coercion"),
            Fees = new FeeAmountRow { Source = Source("fees"), FeeAmount = Cell("fees", 0) },
        };

        StockRow Stock(string key) => new()
        {
            Source = Source(key),
            Issued = Cell(key, 0),
            Abolished = Cell(key, 1),
            InForce = Cell(key, 2),
        };
        DecisionRow Decision(string key) => new() { Source = Source(key), Decisions = Cell(key, 0) };
        RowSource Source(string key) => SourceOf(rows, Rows2021, key);
        Cell Cell(string key, int column) => rows.TryGetValue(key, out var row) ? row.Cells[column] : TableTokens.Missing();
    }

    private static ActiveDisclosure2019 Build2019(Dictionary<string, (RowSource Source, Cell[] Cells)> rows)
    {
        return new ActiveDisclosure2019
        {
            Regulations = Published("regulations"),
            NormativeDocuments = Published("normative_documents"),
            Licensing = Items("licensing"),
            OtherServices = Items("other_services"),
            Penalty = Items("penalty"),
            Coercion = Items("coercion"),
            Fees = new FeeItemsRow { Source = Source("fees"), PrevItems = Cell("fees", 0), Change = Cell("fees", 1) },
            Procurement = new ProcurementRow
            {
                Source = Source("procurement"),
                ProcurementItems = Cell("procurement", 0),
                ProcurementAmount = Cell("procurement", 1),
            },
        };

        PublishedRow Published(string key) => new()
        {
            Source = Source(key),
            NewMade = Cell(key, 0),
            NewPublished = Cell(key, 1),
            PublishedTotal = Cell(key, 2),
        };
        ItemsRow Items(string key) => new()
        {
            Source = Source(key),
            PrevItems = Cell(key, 0),
            Change = Cell(key, 1),
            Decisions = Cell(key, 2),
        };
        RowSource Source(string key) => SourceOf(rows, Rows2019, key);
        Cell Cell(string key, int column) => rows.TryGetValue(key, out var row) ? row.Cells[column] : TableTokens.Missing();
    }

    /// <summary>How a row was read, or a not-found source carrying the row's official label.</summary>
    private static RowSource SourceOf(Dictionary<string, (RowSource Source, Cell[] Cells)> rows, RowDefinition[] definitions, string key) =>
        rows.TryGetValue(key, out var row)
            ? row.Source
            : new RowSource { Found = false, OfficialLabel = Array.Find(definitions, d => d.Key == key)!.Label };

    private static int Match(RowDefinition[] definitions, string label, out bool official)
    {
        var bare = LabelText.WithoutOrdinal(label);
        official = false;
        for (var r = 0; r < definitions.Length; r++)
        {
            if (bare == definitions[r].Label)
            {
                official = true;
                return r;
            }
        }
        for (var r = 0; r < definitions.Length; r++)
        {
            foreach (var alias in definitions[r].Aliases)
            {
                if (bare == alias)
                {
                    return r;
                }
            }
        }
        return -1;
    }

    /// <summary>The money units the headers name: 2021 本年收费金额（单位：万元）, 2019 采购总金额（元|万元）.</summary>
    private static (string Fee, string Procurement) HeaderUnits(List<TableToken> tokens)
    {
        var fee = "万元";
        var procurement = "";
        for (var i = 0; i < tokens.Count; i++)
        {
            var label = tokens[i].Label;
            var next = i + 1 < tokens.Count ? tokens[i + 1].Label : "";
            if (label.Contains("收费金额", StringComparison.Ordinal))
            {
                fee = UnitOf(label + (label.Contains('元') ? "" : next)) is { Length: > 0 } u ? u : "万元";
            }
            else if (label.Contains("采购总金额", StringComparison.Ordinal))
            {
                procurement = UnitOf(label + (label.Contains('元') ? "" : next));
            }
        }
        return (fee, procurement);
    }

    private static string UnitOf(string header) =>
        header.Contains("万元", StringComparison.Ordinal) ? "万元" : header.Contains("(元)", StringComparison.Ordinal) || header.EndsWith('元') || header.Contains("单位:元", StringComparison.Ordinal) ? "元" : "";
}
