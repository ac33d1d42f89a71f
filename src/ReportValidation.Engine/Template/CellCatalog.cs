using System.Collections.Frozen;
using ReportValidation.V1;

namespace ReportValidation.Template;

/// <summary>A row of a table in one template version, with the accessor to how the reader found it.</summary>
public sealed record RowSlot(
    string Table,
    string Row,
    string LabelZh,
    Func<Report, object?> Message,
    Func<object, RowSource?> SourceOf)
{
    /// <summary>How the reader found the row, or null when the row (or its table) is absent.</summary>
    public RowSource? Source(Report report) => Message(report) is { } message ? SourceOf(message) : null;

    public bool Present(Report report) => Message(report) is not null;

    public int Index { get; internal set; }
    public int FirstCell { get; internal set; }
    public TemplateLayout? Layout { get; internal set; }
    public int CellCount { get; internal set; }

    /// <summary>The row message's kind: copies a row's cells in one call, as the grid lays out a report.</summary>
    public RowShape? Shape { get; internal set; }
}

/// <summary>
/// A cell key of rules.md (table.row.column) with its accessor on the typed report. Accessors are
/// composed once here, so evaluating a report never reflects over the messages.
/// </summary>
public sealed record CellSlot(
    int Index,
    RowSlot RowSlot,
    TemplateColumn Definition,
    Func<object, Cell?> FromRow)
{
    public string Column => Definition.Key;
    public string ColumnLabelZh => Definition.LabelZh;
    public ValueKind Kind => Definition.Kind;

    /// <summary>The cell in a report, or null when its row is absent.</summary>
    public Cell? Get(Report report) => RowSlot.Message(report) is { } row ? FromRow(row) : null;

    public string Table => RowSlot.Table;
    public string Row => RowSlot.Row;
    public string Key { get; } = RowSlot.Table + "." + RowSlot.Row + "." + Definition.Key;

    /// <summary>"表三“<row label>”行“<column label>”列": where a clerk looks.</summary>
    public string WhereZh => Table switch
    {
        CellCatalog.Applications => $"表三“{RowSlot.LabelZh}”行“{ColumnLabelZh}”列",
        CellCatalog.ReviewLitigation => $"表四“{ColumnLabelZh}”",
        _ => $"表二“{RowSlot.LabelZh}”“{ColumnLabelZh}”",
    };
}

/// <summary>The tables, rows and columns of one template version, addressed by the keys of rules.md.</summary>
public sealed class TemplateLayout
{
    internal TemplateLayout(TemplateVersion version, List<RowSlot> rows, List<CellSlot> cells)
    {
        Version = version;
        foreach (var row in rows)
        {
            row.Layout = this;
        }
        Rows = new(rows);
        Cells = new(cells);
        ByKey = cells.ToFrozenDictionary(c => c.Key, StringComparer.Ordinal);
        RowsByKey = rows.ToFrozenDictionary(r => r.Table + "." + r.Row, StringComparer.Ordinal);
    }

    public TemplateVersion Version { get; }
    public Slots<RowSlot> Rows { get; }
    public Slots<CellSlot> Cells { get; }
    public FrozenDictionary<string, CellSlot> ByKey { get; }
    public FrozenDictionary<string, RowSlot> RowsByKey { get; }

    public CellSlot Cell(string key) => ByKey.TryGetValue(key, out var slot)
        ? slot
        : throw new KeyNotFoundException($"no cell '{key}' in the {Version} template");

    public RowSlot Row(string table, string row) => RowsByKey[table + "." + row];
}

/// <summary>
/// A layout's rows or cells: read-only, and walked by <c>foreach</c> without an enumerator on the heap
/// (the rules walk them dozens of times per report).
/// </summary>
public sealed class Slots<T>(List<T> slots) : IReadOnlyList<T>
{
    public int Count => slots.Count;

    public T this[int index] => slots[index];

    public List<T>.Enumerator GetEnumerator() => slots.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The cell-key catalog: for each template version, every cell of tables 二, 三 and 四 as rules.md
/// names it, mapped to its accessor on <see cref="Report"/>. Composed from the templates once, so
/// evaluating a report never reflects over the messages.
/// </summary>
public static class CellCatalog
{
    public const string ActiveDisclosure = ActiveDisclosureTemplate.Table;
    public const string Applications = ApplicationsTemplate.Table;
    public const string ReviewLitigation = ReviewLitigationTemplate.Table;

    /// <summary>Table 三's columns as (key, label): the six applicant columns, then 总计.</summary>
    public static readonly (string Key, string LabelZh)[] ApplicationColumns = [.. ApplicationsTemplate.Columns.Select(c => (c.Key, c.LabelZh))];

    public static readonly (string Key, string LabelZh)[] ApplicantColumns = ApplicationColumns[..ApplicationsTemplate.ApplicantColumns];

    public static TemplateLayout V2019 { get; } = Build(TemplateVersion._2019);
    public static TemplateLayout V2021 { get; } = Build(TemplateVersion._2021);

    public static TemplateLayout For(TemplateVersion version) => version == TemplateVersion._2019 ? V2019 : V2021;

    /// <summary>The version whose rows a report is checked against: the detected one, else by year.</summary>
    public static TemplateVersion EffectiveVersion(Report report) => report.TemplateVersion switch
    {
        TemplateVersion._2019 => TemplateVersion._2019,
        TemplateVersion._2021 => TemplateVersion._2021,
        _ => report.Year is >= 2019 and <= 2020 ? TemplateVersion._2019 : TemplateVersion._2021,
    };

    private static TemplateLayout Build(TemplateVersion version)
    {
        var rows = new List<RowSlot>();
        var cells = new List<CellSlot>();
        foreach (var row in ActiveDisclosureTemplate.For(version).Rows)
        {
            Add(ActiveDisclosure, row, row.LabelZh);
        }
        foreach (var row in ApplicationsTemplate.Rows)
        {
            if (row.AppliesTo(version))
            {
                Add(Applications, row, row.ClerkLabelZh);
            }
        }
        Add(ReviewLitigation, ReviewLitigationTemplate.Row, ReviewLitigationTemplate.Row.LabelZh);
        return new TemplateLayout(version, rows, cells);

        void Add(string table, TemplateRow row, string label)
        {
            var slot = new RowSlot(table, row.Key, label, row.In, row.Shape.SourceOf)
            {
                FirstCell = cells.Count,
                Index = rows.Count,
                Shape = row.Shape,
            };
            var shape = row.Shape;
            for (var c = 0; c < shape.Columns.Count; c++)
            {
                var column = c;
                cells.Add(new CellSlot(cells.Count, slot, shape.Columns[c], m => shape.CellOf(m, column)));
            }
            slot.CellCount = cells.Count - slot.FirstCell;
            rows.Add(slot);
        }
    }
}
