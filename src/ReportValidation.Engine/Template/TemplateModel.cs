using System.Text.RegularExpressions;
using ReportValidation.V1;

namespace ReportValidation.Template;

/// <summary>What a cell may hold, which decides the type checks (format.md §7 TYPE).</summary>
public enum ValueKind
{
    /// <summary>Non-negative integer.</summary>
    Count,
    /// <summary>Signed integer: 2019's yearly change of items.</summary>
    SignedCount,
    /// <summary>Non-negative decimal amount of money: 2021's fees, 2019's procurement amount.</summary>
    Money,
}

/// <summary>
/// A column of a table in one template version: its rules.md key, the official header, an English
/// name for the page, the deviations published reports use, and what its cells hold.
/// </summary>
public sealed record TemplateColumn(string Key, string LabelZh, string LabelEn, ValueKind Kind = ValueKind.Count)
{
    /// <summary>Known deviations of the header (seed 003 writes its 2019 published total without the 量).</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>The unit a money column is in by the template ("万元"); "" when it names none.</summary>
    public string Unit { get; init; } = "";

    /// <summary>The words a money column's header always has, with or without its year and unit ("收费金额").</summary>
    public string? HeaderWord { get; init; }

    /// <summary>The words that identify the header, as messages and the version markers use them ("本年制发").</summary>
    public string ShortZh { get => field ?? LabelZh; init; }

    /// <summary>Whether the header (its short form) is found only in this column's template version (format.md §2).</summary>
    public bool MarksVersion { get; init; }
}

/// <summary>
/// A heading over rows of a table (table 三's （三） withheld group under its 三、 results group):
/// shown on the page; a sub-group's ordinal leads its rows' labels in findings (（三）1.…).
/// </summary>
public sealed record TemplateGroup(string Ordinal, string NameZh, string LabelEn, TemplateGroup? Parent = null)
{
    public string LabelZh => Ordinal + NameZh;

    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    public string ClerkPrefix => Parent is null ? "" : Ordinal;

    /// <summary>The version the group exists in; null when it is in both.</summary>
    public TemplateVersion? OnlyIn { get; init; }
}

/// <summary>The accessor of one column on a typed row message.</summary>
public sealed record CellAccessor<TRow>(TemplateColumn Column, Func<TRow, Cell?> Get, Action<TRow, Cell> Set);

/// <summary>A kind of row message (StockRow, ApplicationsRow …): its columns in order, with their accessors.</summary>
public abstract class RowShape(IReadOnlyList<TemplateColumn> columns)
{
    public IReadOnlyList<TemplateColumn> Columns { get; } = columns;

    public abstract Cell? CellOf(object message, int column);

    /// <summary>A row's cells in column order, into <paramref name="cells"/> from <paramref name="first"/>: one cast per row.</summary>
    public abstract void CopyCells(object message, Cell?[] cells, int first);

    public abstract RowSource? SourceOf(object message);
}

/// <inheritdoc cref="RowShape"/>
public sealed class RowShape<TRow> : RowShape where TRow : class, new()
{
    private readonly CellAccessor<TRow>[] _cells;
    private readonly Func<TRow, RowSource?> _source;
    private readonly Action<TRow, RowSource> _setSource;

    public RowShape(Func<TRow, RowSource?> source, Action<TRow, RowSource> setSource, params CellAccessor<TRow>[] cells)
        : base([.. cells.Select(c => c.Column)])
    {
        _cells = cells;
        _source = source;
        _setSource = setSource;
    }

    /// <summary>A row message with its source and its cells in column order.</summary>
    public TRow Create(RowSource source, IReadOnlyList<Cell> cells)
    {
        var row = new TRow();
        _setSource(row, source);
        Fill(row, cells);
        return row;
    }

    public void Fill(TRow row, IReadOnlyList<Cell> cells)
    {
        for (var c = 0; c < _cells.Length; c++)
        {
            _cells[c].Set(row, cells[c]);
        }
    }

    /// <summary>The cells of a row in column order.</summary>
    public Cell?[] Cells(TRow row) => [.. _cells.Select(c => c.Get(row))];

    public override Cell? CellOf(object message, int column) => _cells[column].Get((TRow)message);

    public override void CopyCells(object message, Cell?[] cells, int first)
    {
        var row = (TRow)message;
        var accessors = _cells;
        for (var c = 0; c < accessors.Length; c++)
        {
            cells[first + c] = accessors[c].Get(row);
        }
    }

    public override RowSource? SourceOf(object message) => _source((TRow)message);
}

/// <summary>
/// A row of a table in the template: rules.md key, official label, English name, the deviations
/// and identifying words the parser matches, the version it belongs to, and its message.
/// </summary>
public abstract partial class TemplateRow(string key, string labelZh, string labelEn)
{
    public string Key { get; } = key;

    /// <summary>The official label as the template writes it (version-specific where the versions differ).</summary>
    public string LabelZh { get; } = labelZh;

    public string LabelEn { get; } = labelEn;

    /// <summary>Known deviations of the label (table 二: matched whole, after its ordinal).</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>Words that identify the row in a label (table 三, whose labels are long and often cut).</summary>
    public string[] Keywords { get; init; } = [];

    /// <summary>The label without its annotation (table 三's partial disclosure), when the official one carries one.</summary>
    public string? ShortLabelZh { get; init; }

    /// <summary>The group the row stands under, when it has one.</summary>
    public TemplateGroup? Group { get; init; }

    /// <summary>The label without its ordinal or annotation, as the narrative names the row.</summary>
    public string NameZh => Ordinal().Replace(ShortLabelZh ?? LabelZh, "");

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+\.)")]
    private static partial Regex Ordinal();

    /// <summary>The label a finding shows a clerk: the short label with its group's ordinal (（三）1.…).</summary>
    public string ClerkLabelZh => (Group?.ClerkPrefix ?? "") + (ShortLabelZh ?? LabelZh);

    /// <summary>How deep the row stands under groups: 0 for a top-level row.</summary>
    public int Depth => Group is null ? 0 : Group.Depth + 1;

    /// <summary>The version the row exists in; null when it is in both.</summary>
    public TemplateVersion? OnlyIn { get; init; }

    /// <summary>Label text only this row's template version has (format.md §2), when it marks the version.</summary>
    public string? VersionMarker { get; init; }

    public bool AppliesTo(TemplateVersion version) => OnlyIn is null || version == TemplateVersion.Unspecified || OnlyIn == version;

    public abstract RowShape Shape { get; }

    /// <summary>The row message in a report, or null when the row (or its table) is absent.</summary>
    public abstract object? In(Report report);

    /// <summary>Puts a new row message with this source and these cells (in column order) into its table.</summary>
    public abstract void Place(object table, RowSource source, IReadOnlyList<Cell> cells);
}

/// <summary>A row whose message <typeparamref name="TRow"/> is a field of <typeparamref name="TParent"/>.</summary>
public sealed class TemplateRow<TParent, TRow>(
    string key, string labelZh, string labelEn, RowShape<TRow> shape,
    Func<Report, TParent?> parent, Func<TParent, TRow?> get, Action<TParent, TRow> set)
    : TemplateRow(key, labelZh, labelEn)
    where TParent : class
    where TRow : class, new()
{
    public override RowShape<TRow> Shape { get; } = shape;

    public TRow? Get(TParent table) => get(table);

    public void Set(TParent table, TRow row) => set(table, row);

    public override object? In(Report report) => parent(report) is { } table ? get(table) : null;

    public override void Place(object table, RowSource source, IReadOnlyList<Cell> cells) =>
        set((TParent)table, Shape.Create(source, cells));
}
