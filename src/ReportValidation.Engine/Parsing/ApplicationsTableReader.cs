using System.Buffers;
using ReportValidation.Reading;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>
/// Table 三 from the tokens of its region: each row label is found by its identifying words, then
/// the value cells that follow it are that row's values in column order (format.md §11).
/// </summary>
internal static class ApplicationsTableReader
{
    private static readonly int Columns = ApplicationsTemplate.Columns.Count;
    private static readonly int OtherGroup = ApplicationsTemplate.IndexOf("other");
    private static readonly int NoCorrection = ApplicationsTemplate.IndexOf("other.no_correction");
    private static readonly int UnpaidFee = ApplicationsTemplate.IndexOf("other.unpaid_fee");
    private static readonly int OtherOther = ApplicationsTemplate.IndexOf("other.other");
    private static readonly int Total = ApplicationsTemplate.IndexOf("total");
    private static readonly int Disclosed = ApplicationsTemplate.IndexOf("disclosed");

    // The template's rows as an array, and every row keyword in one search: most labels that name no
    // row (the column headers, the group captions) are ruled out by that one search.
    private static readonly TemplateRow<ApplicationsTable, ApplicationsRow>[] Rows = [.. ApplicationsTemplate.Rows];
    private static readonly SearchValues<string> AnyKeyword =
        SearchValues.Create([.. Rows.SelectMany(r => r.Keywords).Distinct()], StringComparison.Ordinal);

    public static ApplicationsTable Read(SourceDocument document, TableTokenList tokens, TemplateVersion version)
    {
        var table = new ApplicationsTable();
        var scan = new Scan(document, table, tokens);
        scan.Run();
        AssignByPosition(document, table, scan.Read, scan.Orphans, version);
        table.Found = scan.FirstToken >= 0;
        if (table.Found)
        {
            table.Span = document.Span(tokens[scan.FirstToken].Cell.Start, tokens[scan.LastToken].Cell.End);
        }
        Place(table, scan.Read, version);
        return table;
    }

    /// <summary>The rows read into the table; rows of the version not found are marked so, with their official label.</summary>
    private static void Place(ApplicationsTable table, ApplicationsRow?[] read, TemplateVersion version)
    {
        var rows = Rows;
        var effective = version;
        if (effective == TemplateVersion.Unspecified)
        {
            effective = read[NoCorrection] is not null || read[UnpaidFee] is not null ? TemplateVersion._2021 : TemplateVersion._2019;
        }
        for (var r = 0; r < rows.Length; r++)
        {
            if (read[r] is { } row)
            {
                rows[r].Set(table, row);
            }
            else if (rows[r].AppliesTo(effective) && table.Found && !FoldedIntoOneRow(read, rows[r].Key))
            {
                rows[r].Place(table, new RowSource { Found = false, OfficialLabel = rows[r].LabelZh },
                    TableTokens.MissingCells(Columns));
            }
        }
    }

    /// <summary>The （六） sub-rows of a table that prints the 2019 single row for the group are not missing rows.</summary>
    private static bool FoldedIntoOneRow(ApplicationsRow?[] read, string key) =>
        ApplicationsTemplate.IsOtherHandlingSubRow(key) && read[OtherGroup] is not null
        && read[NoCorrection] is null && read[UnpaidFee] is null && read[OtherOther] is null;

    /// <summary>
    /// One pass over the tokens: a label that names a row starts it and the values after it are its
    /// values. A label that matches no row but carries values is kept as an orphan, assigned later
    /// by its position between the rows that did match, when that leaves no doubt.
    /// </summary>
    private sealed class Scan(SourceDocument document, ApplicationsTable table, TableTokenList tokens)
    {
        private readonly List<TableToken> _values = new(8);
        private readonly List<TableToken> _orphanValues = new(8);
        private TableToken? _orphanLabel;
        private int _orphanAfter = -1;
        private int _current = -1;
        private int _lastMatched = -1;

        public ApplicationsRow?[] Read { get; } = new ApplicationsRow?[Rows.Length];
        public List<Orphan> Orphans { get; } = [];
        public int FirstToken { get; private set; } = -1;
        public int LastToken { get; private set; } = -1;

        public void Run()
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].IsValue)
                {
                    OnValue(tokens[i], i);
                }
                else
                {
                    OnLabel(tokens[i], i);
                }
            }
            CloseOrphan(Rows.Length);
            if (_current >= 0)
            {
                Finish(document, table, Read, _current, _values, followedByLabel: false);
            }
        }

        private void OnValue(TableToken token, int index)
        {
            if (_current >= 0 && _values.Count < Columns + 1)
            {
                _values.Add(token);
                LastToken = index;
            }
            else if (_current < 0 && _orphanLabel is not null && _orphanValues.Count < Columns + 1)
            {
                _orphanValues.Add(token);
            }
        }

        private void OnLabel(TableToken token, int index)
        {
            var match = Match(token.Label, _lastMatched, tokens, index);
            if (match >= 0 && Read[match] is null)
            {
                CloseOrphan(match);
                if (_current >= 0)
                {
                    Finish(document, table, Read, _current, _values, followedByLabel: true);
                }
                _current = match;
                _lastMatched = match;
                _values.Clear();
                Read[match] = NewRow(document, token, match, IsOfficial(token.Label, match) ? LabelMatch.Official : LabelMatch.Alias);
                if (FirstToken < 0)
                {
                    FirstToken = index;
                }
                LastToken = index;
                return;
            }
            if (_current >= 0 && _values.Count == 0)
            {
                return; // the rest of a label broken over two cells
            }
            if (_current >= 0)
            {
                // Text after the values ends the row: a header, a note, the next section.
                Finish(document, table, Read, _current, _values, followedByLabel: false);
                _current = -1;
            }
            CloseOrphan(-1);
            if (_lastMatched >= 0 && token.Label.Length is > 1 and <= 48)
            {
                _orphanLabel = token;
                _orphanAfter = _lastMatched;
            }
        }

        private void CloseOrphan(int nextRow)
        {
            if (_orphanLabel is { } label && HasValue(_orphanValues))
            {
                Orphans.Add(new Orphan(label, [.. _orphanValues], _orphanAfter, nextRow));
            }
            _orphanLabel = null;
            _orphanValues.Clear();
        }
    }

    private static bool HasValue(List<TableToken> values)
    {
        foreach (var value in values)
        {
            if (!value.IsImplicitBlank)
            {
                return true;
            }
        }
        return false;
    }

    private sealed record Orphan(TableToken Label, List<TableToken> Values, int After, int Before);

    private static ApplicationsRow NewRow(SourceDocument document, TableToken token, int row, LabelMatch match) => new()
    {
        Source = new RowSource
        {
            Found = true,
            Label = WhiteSpace.Trim(token.Cell.AsSpan()).ToString(),
            OfficialLabel = Rows[row].LabelZh,
            LabelMatch = match,
            LabelSpan = document.Span(token.Cell),
        },
    };

    /// <summary>
    /// Unrecognised labels with values between two recognised rows take the template rows missing
    /// between them, in order, when their numbers agree; otherwise they stay unassigned.
    /// </summary>
    private static void AssignByPosition(SourceDocument document, ApplicationsTable table, ApplicationsRow?[] read, List<Orphan> orphans, TemplateVersion version)
    {
        foreach (var group in orphans.GroupBy(o => (o.After, o.Before)))
        {
            var (after, before) = group.Key;
            if (before < 0)
            {
                before = NextRead(read, after);
            }
            var candidates = new List<int>();
            for (var r = after + 1; r < before; r++)
            {
                if (read[r] is null && Rows[r].AppliesTo(version))
                {
                    candidates.Add(r);
                }
            }
            var list = group.ToList();
            if (candidates.Count != list.Count)
            {
                continue;
            }
            for (var k = 0; k < list.Count; k++)
            {
                read[candidates[k]] = NewRow(document, list[k].Label, candidates[k], LabelMatch.Position);
                Finish(document, table, read, candidates[k], list[k].Values, followedByLabel: true);
            }
        }
    }

    private static int NextRead(ApplicationsRow?[] read, int after)
    {
        for (var r = after + 1; r < read.Length; r++)
        {
            if (read[r] is not null)
            {
                return r;
            }
        }
        return read.Length;
    }

    private static void Finish(SourceDocument document, ApplicationsTable table, ApplicationsRow?[] read, int index,
        List<TableToken> values, bool followedByLabel)
    {
        var row = read[index]!;
        var cells = TableTokens.Assign(document, values, Columns, followedByLabel, row.Source, dropExtra: DropSubtotal);
        if (cells is null)
        {
            table.Collapsed = true;
            cells = TableTokens.MissingCells(Columns);
        }
        ApplicationsTemplate.Shape.Fill(row, cells);
        values.Clear();
    }

    /// <summary>
    /// A rendering with a 法人或其他组织 subtotal after the natural-person column has eight values; drop the subtotal when it is
    /// the sum of the five organisation columns (format.md §5.1).
    /// </summary>
    private static bool DropSubtotal(List<TableToken> values)
    {
        var numbers = values.Select(v => CellValueText.Value(CellValueText.Read(v.Cell.AsSpan()))).ToArray();
        if (numbers.Any(n => n is null))
        {
            return false;
        }
        var organisations = numbers[2]!.Value + numbers[3]!.Value + numbers[4]!.Value + numbers[5]!.Value + numbers[6]!.Value;
        if (organisations != numbers[1]!.Value)
        {
            return false;
        }
        values.RemoveAt(1);
        return true;
    }

    private static int Match(ReadOnlySpan<char> label, int lastMatched, TableTokenList tokens, int index)
    {
        // Row labels are short; a sentence of the narrative that names a row is no row.
        if (label.Length > 48 || label.Contains('。'))
        {
            return -1;
        }
        if (label.ContainsAny(AnyKeyword))
        {
            // Rows come in template order: try the next few first, then all of them.
            for (var r = lastMatched + 1; r < Rows.Length && r <= lastMatched + 3; r++)
            {
                if (HasKeyword(label, r))
                {
                    return r == OtherGroup && !IsOtherLeaf(tokens, index) ? -1 : r;
                }
            }
            for (var r = 0; r < Rows.Length; r++)
            {
                if (HasKeyword(label, r))
                {
                    // 2021: the （六） "other handling" label is a group label over three rows.
                    return r == OtherGroup && !IsOtherLeaf(tokens, index) ? -1 : r;
                }
            }
        }
        var bare = LabelText.WithoutOrdinal(label);
        if (bare.SequenceEqual("其他") && lastMatched >= NoCorrection && lastMatched <= UnpaidFee)
        {
            return OtherOther;
        }
        // "总计" is also a column header: as a row it comes after the result rows, or carries （七）.
        if (bare.StartsWith("总计", StringComparison.Ordinal) && (label.StartsWith("(七)", StringComparison.Ordinal) || label.StartsWith("七", StringComparison.Ordinal) || lastMatched >= Disclosed))
        {
            return Total;
        }
        return -1;
    }

    private static bool HasKeyword(ReadOnlySpan<char> label, int row)
    {
        foreach (var keyword in Rows[row].Keywords)
        {
            if (label.Contains(keyword, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // 2019's （六） row carries values; 2021's group label is followed by its sub-row labels.
    private static bool IsOtherLeaf(TableTokenList tokens, int index)
    {
        for (var j = index + 1; j < tokens.Count; j++)
        {
            if (tokens[j].IsValue)
            {
                if (tokens[j].IsImplicitBlank)
                {
                    continue;
                }
                return true;
            }
            return !tokens[j].Label.Contains("不补正", StringComparison.Ordinal) && !tokens[j].Label.Contains("申请人", StringComparison.Ordinal);
        }
        return false;
    }

    private static readonly string[] OfficialCores =
        ApplicationsTemplate.Rows.Select(r => LabelText.WithoutOrdinal(LabelText.Normalize(r.LabelZh))).ToArray();

    private static bool IsOfficial(ReadOnlySpan<char> label, int row) => LabelText.WithoutOrdinal(label).SequenceEqual(OfficialCores[row]);
}
