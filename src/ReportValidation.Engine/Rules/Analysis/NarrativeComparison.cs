using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// The cells each subject names (and each set of cells a whole is checked against), worked out once
    /// per template: a subject, its whole's subject and the layout decide them, and there are a few
    /// dozen subjects, so the narrative rules allocate no list per count.
    /// </summary>
    private static readonly ConcurrentDictionary<CellsKey, CellSlot[]> Cache = new();

    private enum CellSet
    {
        Named,
        Applicants,
        ResultLeaves,
        ReviewOutcomes,
    }

    /// <summary>Subjects and layouts are told apart by identity: they are the engine's own static objects.</summary>
    private readonly struct CellsKey(TemplateLayout layout, CellSet set, NarrativeSubject subject, NarrativeSubject? whole) : IEquatable<CellsKey>
    {
        public TemplateLayout Layout => layout;
        public CellSet Set => set;
        public NarrativeSubject Subject => subject;
        public NarrativeSubject? Whole => whole;

        public bool Equals(CellsKey other) => ReferenceEquals(layout, other.Layout) && set == other.Set
            && ReferenceEquals(subject, other.Subject) && ReferenceEquals(whole, other.Whole);

        public override bool Equals(object? obj) => obj is CellsKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(layout), set,
            RuntimeHelpers.GetHashCode(subject), whole is null ? 0 : RuntimeHelpers.GetHashCode(whole));
    }

    private CellSlot[] Cached(CellSet set, NarrativeSubject subject, NarrativeSubject? whole = null) =>
        Cache.GetOrAdd(new CellsKey(layout, set, subject, whole), Compute);

    private static CellSlot[] Compute(CellsKey key) => key.Set switch
    {
        CellSet.Named => [.. Named(key.Layout, key.Subject, key.Whole)],
        CellSet.Applicants => [.. ApplicantCellsOf(key.Layout, key.Subject)],
        CellSet.ResultLeaves => [.. ResultLeafCells(key.Layout)],
        _ => [.. key.Subject.Groups!.SelectMany(g => ReviewOutcomes.SelectMany(o => ReviewCells(key.Layout, [g], o)))],
    };

    /// <summary>The cells a mention's subject names, in the template of the report; empty when the grammar cannot tell.</summary>
    public IReadOnlyList<CellSlot> CellsOf(Mention mention) => Cached(CellSet.Named, mention.Subject, mention.Whole?.Subject);

    private static IReadOnlyList<CellSlot> Named(TemplateLayout layout, NarrativeSubject subject, NarrativeSubject? whole)
    {
        switch (subject.Kind)
        {
            case SubjectKind.Applicant:
                return whole?.Rows is { } wholeRows ? ApplicationCells(layout, wholeRows, subject.Column!) : [];
            case SubjectKind.Review or SubjectKind.Litigation:
                return ReviewCells(layout, subject.Groups!, ReviewLitigationTemplate.Total.Key);
            case SubjectKind.ReviewOutcome:
                return whole?.Groups is { } groups ? ReviewCells(layout, groups, subject.Outcome!) : [];
            default:
                return ApplicationCells(layout, subject.Rows!, ReviewLitigationTemplate.Total.Key);
        }
    }

    private static List<CellSlot> ApplicationCells(TemplateLayout layout, Func<string, bool> rows, string column)
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

    private static List<CellSlot> ReviewCells(TemplateLayout layout, string[] groups, string outcome)
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
        // By index: the cells come as an interface, whose enumerator is an object per count.
        for (var i = 0; i < cells.Count; i++)
        {
            var slot = cells[i];
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
            && TrySum(Cached(CellSet.Named, NarrativeMentions.CarriedOver), out var carried)
            && table + carried == mention.Count.Value)
        {
            return null;
        }
        return new NarrativeDisagreement(RuleContextFormat(table), mention.Count.Value, cells);
    }

    /// <summary>The wholes with parts, each with its parts of one kind (applicants, results, dispositions, outcomes).</summary>
    public IReadOnlyList<List<Mention>> Wholes(IReadOnlyList<Mention> mentions, bool applications)
    {
        List<List<Mention>>? groups = null;
        Dictionary<(Mention, SubjectKind), List<Mention>>? index = null;
        for (var i = 0; i < mentions.Count; i++)
        {
            var mention = mentions[i];
            if (mention.Whole is not { } whole || mention.Subject.IsApplications != applications)
            {
                continue;
            }
            groups ??= [];
            index ??= new(WholeComparer.Instance);
            var key = (whole, Family(mention.Subject.Kind));
            if (!index.TryGetValue(key, out var parts))
            {
                parts = [];
                index[key] = parts;
                groups.Add(parts);
            }
            parts.Add(mention);
        }
        return groups ?? [];
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
        long sum = 0;
        foreach (var part in parts)
        {
            sum += part.Count.Value;
        }
        var wholeCells = CellsOf(whole);
        long allowance = 0;
        bool complete;
        switch (Family(parts[0].Subject.Kind))
        {
            case SubjectKind.Applicant:
                complete = RestIsZero(parts, Cached(CellSet.Applicants, whole.Subject));
                break;
            case SubjectKind.Result when whole.Subject == NarrativeMentions.Answered:
                complete = RestIsZero(parts, Cached(CellSet.ResultLeaves, whole.Subject));
                break;
            case SubjectKind.Result or SubjectKind.Answered when whole.Subject == NarrativeMentions.Received:
                // Answers this year include last year's carried-over applications.
                if (!TrySum(Cached(CellSet.Named, NarrativeMentions.CarriedOver), out allowance))
                {
                    return null;
                }
                complete = Lists(parts, NarrativeMentions.Answered) && Lists(parts, NarrativeMentions.CarriedForward);
                break;
            case SubjectKind.ReviewOutcome:
                complete = RestIsZero(parts, Cached(CellSet.ReviewOutcomes, whole.Subject));
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

    private static bool Lists(List<Mention> parts, NarrativeSubject subject)
    {
        foreach (var part in parts)
        {
            if (part.Subject == subject)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Every applicant column of the whole's row (not 总计).</summary>
    private static IReadOnlyList<CellSlot> ApplicantCellsOf(TemplateLayout layout, NarrativeSubject whole) =>
        [.. ApplicationCells(layout, whole.Rows!, "*org"), .. ApplicationCells(layout, whole.Rows!, ApplicationsTemplate.Columns[0].Key)];

    private static List<CellSlot> ResultLeafCells(TemplateLayout layout)
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
    private bool RestIsZero(List<Mention> parts, CellSlot[] universe)
    {
        Span<bool> named = stackalloc bool[layout.Cells.Count];
        foreach (var part in parts)
        {
            var cells = CellsOf(part);
            for (var i = 0; i < cells.Count; i++)
            {
                var slot = cells[i];
                named[slot.Index] = true;
            }
        }
        foreach (var slot in universe)
        {
            if (!named[slot.Index] && (!grid.Known[slot.Index] || grid.Values[slot.Index] != 0))
            {
                return false;
            }
        }
        return universe.Length > 0;
    }

    /// <summary>A group and one of its own leaves both listed: the parts overlap, no sum to hold them to.</summary>
    private bool HasOverlap(List<Mention> parts)
    {
        Span<bool> seen = stackalloc bool[layout.Cells.Count];
        foreach (var part in parts)
        {
            var cells = CellsOf(part);
            for (var i = 0; i < cells.Count; i++)
            {
                var slot = cells[i];
                if (seen[slot.Index])
                {
                    return true;
                }
                seen[slot.Index] = true;
            }
        }
        return false;
    }

    private static string RuleContextFormat(long value) => RuleContext.Format(value);
}
