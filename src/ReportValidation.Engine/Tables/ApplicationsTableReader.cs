using ReportValidation.Reading;
using ReportValidation.V1;

namespace ReportValidation.Tables;

/// <summary>
/// Table 三 from the tokens of its region: each row label is found by its identifying words, then
/// the value cells that follow it are that row's values in column order (format.md §11).
/// </summary>
internal static class ApplicationsTableReader
{
    private const int Columns = 7;
    private static readonly int OtherGroup = ApplicationsRows.IndexOf("other");
    private static readonly int NoCorrection = ApplicationsRows.IndexOf("other.no_correction");
    private static readonly int UnpaidFee = ApplicationsRows.IndexOf("other.unpaid_fee");
    private static readonly int OtherOther = ApplicationsRows.IndexOf("other.other");
    private static readonly int Total = ApplicationsRows.IndexOf("total");
    private static readonly int Disclosed = ApplicationsRows.IndexOf("disclosed");

    public static ApplicationsTable Read(SourceDocument document, List<TableToken> tokens, TemplateVersion version)
    {
        var table = new ApplicationsTable();
        var rows = ApplicationsRows.All;
        var read = new ApplicationsRow?[rows.Count];
        var current = -1;
        var lastMatched = -1;
        var values = new List<TableToken>(8);
        var firstToken = -1;
        var lastToken = -1;

        // A label that matches no row but carries values: assigned later by its position between
        // the rows that did match, when that leaves no doubt.
        var orphans = new List<Orphan>();
        TableToken? orphanLabel = null;
        var orphanValues = new List<TableToken>(8);
        var orphanAfter = -1;

        void CloseOrphan(int nextRow)
        {
            if (orphanLabel is { } label && orphanValues.Any(v => !v.IsImplicitBlank))
            {
                orphans.Add(new Orphan(label, [.. orphanValues], orphanAfter, nextRow));
            }
            orphanLabel = null;
            orphanValues.Clear();
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsValue)
            {
                if (current >= 0 && values.Count < Columns + 1)
                {
                    values.Add(token);
                    lastToken = i;
                }
                else if (current < 0 && orphanLabel is not null && orphanValues.Count < Columns + 1)
                {
                    orphanValues.Add(token);
                }
                continue;
            }
            var match = Match(token.Label, lastMatched, tokens, i);
            if (match >= 0 && read[match] is null)
            {
                CloseOrphan(match);
                if (current >= 0)
                {
                    Finish(document, table, read, current, values, followedByLabel: true);
                }
                current = match;
                lastMatched = match;
                values.Clear();
                read[match] = NewRow(document, token, match, IsOfficial(token.Label, match) ? LabelMatch.Official : LabelMatch.Alias);
                if (firstToken < 0)
                {
                    firstToken = i;
                }
                lastToken = i;
            }
            else if (current >= 0 && values.Count == 0)
            {
                // The rest of a label broken over two cells.
            }
            else
            {
                if (current >= 0)
                {
                    // Text after the values ends the row: a header, a note, the next section.
                    Finish(document, table, read, current, values, followedByLabel: false);
                    current = -1;
                }
                CloseOrphan(-1);
                if (lastMatched >= 0 && token.Label.Length is > 1 and <= 48)
                {
                    orphanLabel = token;
                    orphanAfter = lastMatched;
                }
            }
        }
        CloseOrphan(rows.Count);
        if (current >= 0)
        {
            Finish(document, table, read, current, values, followedByLabel: false);
        }
        AssignByPosition(document, table, read, orphans, version);

        table.Found = firstToken >= 0;
        if (table.Found)
        {
            table.Span = document.Span(tokens[firstToken].Cell.Start, tokens[lastToken].Cell.End);
        }
        var effective = version;
        if (effective == TemplateVersion.Unspecified)
        {
            effective = read[NoCorrection] is not null || read[UnpaidFee] is not null ? TemplateVersion._2021 : TemplateVersion._2019;
        }
        for (var r = 0; r < rows.Count; r++)
        {
            if (read[r] is { } row)
            {
                rows[r].Set(table, row);
            }
            else if (rows[r].AppliesTo(effective) && table.Found)
            {
                var missing = new ApplicationsRow { Source = new RowSource { Found = false, OfficialLabel = rows[r].OfficialLabel } };
                ApplicationsRows.SetCells(missing, Enumerable.Range(0, Columns).Select(_ => TableTokens.Missing()).ToArray());
                rows[r].Set(table, missing);
            }
        }
        return table;
    }

    private sealed record Orphan(TableToken Label, List<TableToken> Values, int After, int Before);

    private static ApplicationsRow NewRow(SourceDocument document, TableToken token, int row, LabelMatch match) => new()
    {
        Source = new RowSource
        {
            Found = true,
            Label = token.Cell.Text.Trim(),
            OfficialLabel = ApplicationsRows.All[row].OfficialLabel,
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
                if (read[r] is null && ApplicationsRows.All[r].AppliesTo(version))
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
            cells = Enumerable.Range(0, Columns).Select(_ => TableTokens.Missing()).ToArray();
        }
        ApplicationsRows.SetCells(row, cells);
        values.Clear();
    }

    /// <summary>
    /// A rendering with a 法人或其他组织 subtotal after 自然人 has eight values; drop the subtotal when it is
    /// the sum of the five organisation columns (format.md §5.1).
    /// </summary>
    private static bool DropSubtotal(List<TableToken> values)
    {
        var numbers = values.Select(v => CellText.Value(CellText.Read(v.Cell.Text))).ToArray();
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

    private static int Match(string label, int lastMatched, List<TableToken> tokens, int index)
    {
        // Row labels are short; a sentence of the narrative that names 予以公开 is no row.
        if (label.Length > 48 || label.Contains('。'))
        {
            return -1;
        }
        var rows = ApplicationsRows.All;
        // Rows come in template order: try the next few first, then all of them.
        for (var r = lastMatched + 1; r < rows.Count && r <= lastMatched + 3; r++)
        {
            if (HasKeyword(label, r))
            {
                return r == OtherGroup && !IsOtherLeaf(tokens, index) ? -1 : r;
            }
        }
        for (var r = 0; r < rows.Count; r++)
        {
            if (HasKeyword(label, r))
            {
                // 2021: （六）其他处理 is a group label over three rows.
                return r == OtherGroup && !IsOtherLeaf(tokens, index) ? -1 : r;
            }
        }
        var bare = LabelText.WithoutOrdinal(label);
        if (bare == "其他" && lastMatched >= NoCorrection && lastMatched <= UnpaidFee)
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

    private static bool HasKeyword(string label, int row)
    {
        foreach (var keyword in ApplicationsRows.All[row].Keywords)
        {
            if (label.Contains(keyword, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    // 2019's （六）其他处理 carries values; 2021's is followed by its sub-row labels.
    private static bool IsOtherLeaf(List<TableToken> tokens, int index)
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
        ApplicationsRows.All.Select(r => LabelText.WithoutOrdinal(LabelText.Normalize(r.OfficialLabel))).ToArray();

    private static bool IsOfficial(string label, int row) => LabelText.WithoutOrdinal(label) == OfficialCores[row];
}
