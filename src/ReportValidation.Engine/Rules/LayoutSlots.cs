using ReportValidation.Template;

namespace ReportValidation.Rules;

/// <summary>
/// The cells a rule reads by key, found once per template layout: a rule that looked them up per
/// report built a key string and read the layout's dictionary for every cell, every time.
/// </summary>
internal sealed class LayoutSlots(Func<TemplateLayout, CellSlot[]> find)
{
    private CellSlot[]? _v2019;
    private CellSlot[]? _v2021;

    /// <summary>The cells in <paramref name="layout"/>; the two national layouts' are kept.</summary>
    public CellSlot[] For(TemplateLayout layout) =>
        ReferenceEquals(layout, CellCatalog.V2019) ? _v2019 ??= find(layout)
        : ReferenceEquals(layout, CellCatalog.V2021) ? _v2021 ??= find(layout)
        : find(layout);

    /// <summary>For each row key, the cells of these columns, row after row.</summary>
    public static LayoutSlots Of(string table, IEnumerable<string> rows, params string[] columns) =>
        new(layout => [.. rows.SelectMany(row => columns.Select(column => layout.Cell($"{table}.{row}.{column}")))]);
}
