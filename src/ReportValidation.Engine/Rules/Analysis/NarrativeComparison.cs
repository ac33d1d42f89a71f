using ReportValidation.Template;

namespace ReportValidation.Rules.Analysis;

/// <summary>A stated count that disagrees: what it should be by the table or its parts, and the cells that say so.</summary>
public sealed record NarrativeDisagreement(string ExpectedText, long Actual, IReadOnlyList<CellSlot> Cells);

/// <summary>
/// The narrative's counts against the tables: each count against the cells its subject names, and
/// each whole against the sum of the parts it lists. A whole is held to equal its parts only when
/// the table shows that what the list leaves out is zero; otherwise the parts may merely not exceed
/// it. Anything the tables cannot decide (a blank or unread cell) is no finding.
/// </summary>
public sealed class NarrativeComparison(ReportGrid grid, TemplateLayout layout)
{
    private static readonly string[] ReviewOutcomes =
        [.. ReviewLitigationTemplate.Outcomes.Take(4).Select(o => o.Key)];

    /// <summary>The cells a mention's subject names, in the template of the report; empty when the grammar cannot tell.</summary>
    public IReadOnlyList<CellSlot> CellsOf(Mention mention)
    {
        var subject = mention.Subject;
        switch (subject.Kind)
        {
            case SubjectKind.Applicant:
                return mention.Whole?.Subject.Rows is { } wholeRows ? ApplicationCells(wholeRows, subject.Column!) : [];
            case SubjectKind.Review or SubjectKind.Litigation:
                return ReviewCells(subject.Groups!, ReviewLitigationTemplate.Total.Key);
            case SubjectKind.ReviewOutcome:
                return mention.Whole?.Subject.Groups is { } groups ? ReviewCells(groups, subject.Outcome!) : [];
            default:
                return ApplicationCells(subject.Rows!, ReviewLitigationTemplate.Total.Key);
        }
    }

    private List<CellSlot> ApplicationCells(Func<string, bool> rows, string column)
    {
        var cells = new List<CellSlot>();
        foreach (var row in layout.Rows)
        {
            if (row.Table != CellCatalog.Applications || !rows(row.Row))
            {
                continue;
            }
            for (var c = 0; c < row.CellCount; c++)
            {
                var slot = layout.Cells[row.FirstCell + c];
                var organisation = column == "*org" && c is > 0 and < ApplicationsTemplate.ApplicantColumns;
                if (slot.Column == column || organisation)
                {
                    cells.Add(slot);
                }
            }
        }
        return cells;
    }

    private List<CellSlot> ReviewCells(string[] groups, string outcome)
    {
        var cells = new List<CellSlot>();
        foreach (var group in groups)
        {
            if (layout.ByKey.TryGetValue($"{ReviewLitigationTemplate.Table}.{ReviewLitigationTemplate.RowKey}.{group}.{outcome}", out var slot))
            {
                cells.Add(slot);
            }
        }
        return cells;
    }

    /// <summary>The table's value of cells, when every one of them was read as a number.</summary>
    public bool TrySum(IReadOnlyList<CellSlot> cells, out long value)
    {
        value = 0;
        foreach (var slot in cells)
        {
            if (!grid.Known[slot.Index])
            {
                return false;
            }
            value += grid.Values[slot.Index];
        }
        return cells.Count > 0;
    }

    /// <summary>"表三“…”行“总计”列": where a clerk looks for the cells.</summary>
    public string Where(IReadOnlyList<CellSlot> cells) =>
        cells.Count == 1 ? cells[0].WhereZh : string.Join("与", cells.Select(c => c.WhereZh)) + "之和";

    public NarrativeDisagreement? AgainstTable(Mention mention)
    {
        var cells = CellsOf(mention);
        if (!TrySum(cells, out var table) || table == mention.Count.Value)
        {
            return null;
        }
        // "共受理申请20件（含上年结转2件）": received may be stated with last year's carried over.
        if (mention.Subject == NarrativeMentions.Received && Parsing.LabelText.FoldCharacters(mention.Sentence).Contains("结转", StringComparison.Ordinal)
            && TrySum(ApplicationCells(NarrativeMentions.CarriedOver.Rows!, ReviewLitigationTemplate.Total.Key), out var carried)
            && table + carried == mention.Count.Value)
        {
            return null;
        }
        return new NarrativeDisagreement(RuleContextFormat(table), mention.Count.Value, cells);
    }

    /// <summary>The wholes with parts, each with its parts of one kind (applicants, results, dispositions, outcomes).</summary>
    public IEnumerable<(Mention Whole, List<Mention> Parts)> Wholes(IReadOnlyList<Mention> mentions, bool applications)
    {
        var groups = new List<List<Mention>>();
        var index = new Dictionary<(Mention, SubjectKind), List<Mention>>(WholeComparer.Instance);
        foreach (var mention in mentions)
        {
            if (mention.Whole is not { } whole || mention.Subject.IsApplications != applications)
            {
                continue;
            }
            var key = (whole, Family(mention.Subject.Kind));
            if (!index.TryGetValue(key, out var parts))
            {
                parts = [];
                index[key] = parts;
                groups.Add(parts);
            }
            parts.Add(mention);
        }
        foreach (var parts in groups)
        {
            yield return (parts[0].Whole!, parts);
        }
    }

    /// <summary>Wholes are told apart by identity: two equal counts in two sentences are two wholes.</summary>
    private sealed class WholeComparer : IEqualityComparer<(Mention Whole, SubjectKind Family)>
    {
        public static readonly WholeComparer Instance = new();

        public bool Equals((Mention Whole, SubjectKind Family) x, (Mention Whole, SubjectKind Family) y) =>
            ReferenceEquals(x.Whole, y.Whole) && x.Family == y.Family;

        public int GetHashCode((Mention Whole, SubjectKind Family) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Whole), key.Family);
    }

    private static SubjectKind Family(SubjectKind kind) => kind switch
    {
        SubjectKind.ResultLeaf => SubjectKind.Result,
        SubjectKind.CarriedForward => SubjectKind.Answered,
        _ => kind,
    };

    /// <summary>A whole against the sum of its parts; null when they agree or the table cannot tell whether the list is complete.</summary>
    public NarrativeDisagreement? AgainstParts(Mention whole, List<Mention> parts)
    {
        var sum = parts.Sum(p => p.Count.Value);
        var wholeCells = CellsOf(whole);
        long allowance = 0;
        bool complete;
        switch (Family(parts[0].Subject.Kind))
        {
            case SubjectKind.Applicant:
                complete = RestIsZero(parts, ApplicantCellsOf(whole));
                break;
            case SubjectKind.Result when whole.Subject == NarrativeMentions.Answered:
                complete = RestIsZero(parts, ResultLeafCells());
                break;
            case SubjectKind.Result or SubjectKind.Answered when whole.Subject == NarrativeMentions.Received:
                // Answers this year include last year's carried-over applications.
                if (!TrySum(ApplicationCells(NarrativeMentions.CarriedOver.Rows!, ReviewLitigationTemplate.Total.Key), out allowance))
                {
                    return null;
                }
                complete = parts.Any(p => p.Subject == NarrativeMentions.Answered) && parts.Any(p => p.Subject == NarrativeMentions.CarriedForward);
                break;
            case SubjectKind.ReviewOutcome:
                complete = RestIsZero(parts, [.. whole.Subject.Groups!.SelectMany(g => ReviewOutcomes.SelectMany(o => ReviewCells([g], o)))]);
                break;
            default:
                return null;
        }
        if (HasOverlap(parts))
        {
            return null;
        }
        var stated = whole.Count.Value + allowance;
        if (sum == stated || (!complete && sum < stated))
        {
            return null;
        }
        var expected = complete ? RuleContextFormat(stated) : $"≤ {RuleContextFormat(stated)}";
        return new NarrativeDisagreement(expected, sum, wholeCells);
    }

    /// <summary>Every applicant column of the whole's row (not 总计).</summary>
    private IReadOnlyList<CellSlot> ApplicantCellsOf(Mention whole) =>
        [.. ApplicationCells(whole.Subject.Rows!, "*org"), .. ApplicationCells(whole.Subject.Rows!, ApplicationsTemplate.Columns[0].Key)];

    private List<CellSlot> ResultLeafCells()
    {
        var cells = new List<CellSlot>();
        foreach (var row in layout.Rows)
        {
            if (row.Table == CellCatalog.Applications && ApplicationsTemplate.IndexOf(row.Row) is var i && i >= 0
                && ApplicationsTemplate.Rows[i].Group is not null && row.Row != "total")
            {
                cells.Add(layout.Cells[row.FirstCell + row.CellCount - 1]);
            }
        }
        return cells;
    }

    /// <summary>Whether every cell the parts do not name is read as zero: then the list is the whole.</summary>
    private bool RestIsZero(List<Mention> parts, IReadOnlyList<CellSlot> universe)
    {
        var named = new HashSet<CellSlot>(parts.SelectMany(CellsOf));
        foreach (var slot in universe)
        {
            if (!named.Contains(slot) && (!grid.Known[slot.Index] || grid.Values[slot.Index] != 0))
            {
                return false;
            }
        }
        return universe.Count > 0;
    }

    /// <summary>A group and one of its own leaves both listed: the parts overlap, no sum to hold them to.</summary>
    private bool HasOverlap(List<Mention> parts)
    {
        var seen = new HashSet<CellSlot>();
        foreach (var part in parts)
        {
            foreach (var slot in CellsOf(part))
            {
                if (!seen.Add(slot))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static string RuleContextFormat(long value) => RuleContext.Format(value);
}
