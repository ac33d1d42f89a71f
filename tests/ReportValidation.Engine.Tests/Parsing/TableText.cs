using ReportValidation.Parsing;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Tests.Parsing;

/// <summary>Tables written as compact text, so expected values read like the printed report.</summary>
public static class TableText
{
    /// <summary>A cell as one word: the number, "_" for blank, "?" for missing, "!raw" for text.</summary>
    public static string Word(Cell? cell) => cell?.State switch
    {
        CellState.Number => cell.ValueCase == Cell.ValueOneofCase.Integer
            ? cell.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : cell.Decimal,
        CellState.Blank => "_",
        CellState.Text => "!" + cell.Raw,
        _ => "?",
    };

    public static string Row(params Cell?[] cells) => string.Join(' ', cells.Select(Word));

    /// <summary>Table 三 as "key: v v v v v v v" lines for the rows the report has.</summary>
    public static string Applications(ApplicationsTable table)
    {
        var lines = new List<string>();
        foreach (var definition in ApplicationsTemplate.Rows)
        {
            if (definition.Get(table) is { } row)
            {
                lines.Add($"{definition.Key}: {Row(ApplicationsTemplate.Cells(row))}");
            }
        }
        return string.Join('\n', lines);
    }

    public static string ReviewLitigation(ReviewLitigationTable table) => Row(ReviewLitigationTemplate.Cells(table));

    public static string ActiveDisclosure(ActiveDisclosureTable table) => table.LayoutCase switch
    {
        ActiveDisclosureTable.LayoutOneofCase.V2021 => string.Join('\n',
            "regulations: " + Row(table.V2021.Regulations.Issued, table.V2021.Regulations.Abolished, table.V2021.Regulations.InForce),
            "normative_documents: " + Row(table.V2021.NormativeDocuments.Issued, table.V2021.NormativeDocuments.Abolished, table.V2021.NormativeDocuments.InForce),
            "licensing: " + Row(table.V2021.Licensing.Decisions),
            "penalty: " + Row(table.V2021.Penalty.Decisions),
            "coercion: " + Row(table.V2021.Coercion.Decisions),
            "fees: " + Row(table.V2021.Fees.FeeAmount)),
        ActiveDisclosureTable.LayoutOneofCase.V2019 => string.Join('\n',
            "regulations: " + Row(table.V2019.Regulations.NewMade, table.V2019.Regulations.NewPublished, table.V2019.Regulations.PublishedTotal),
            "normative_documents: " + Row(table.V2019.NormativeDocuments.NewMade, table.V2019.NormativeDocuments.NewPublished, table.V2019.NormativeDocuments.PublishedTotal),
            "licensing: " + Row(table.V2019.Licensing.PrevItems, table.V2019.Licensing.Change, table.V2019.Licensing.Decisions),
            "other_services: " + Row(table.V2019.OtherServices.PrevItems, table.V2019.OtherServices.Change, table.V2019.OtherServices.Decisions),
            "penalty: " + Row(table.V2019.Penalty.PrevItems, table.V2019.Penalty.Change, table.V2019.Penalty.Decisions),
            "coercion: " + Row(table.V2019.Coercion.PrevItems, table.V2019.Coercion.Change, table.V2019.Coercion.Decisions),
            "fees: " + Row(table.V2019.Fees.PrevItems, table.V2019.Fees.Change),
            "procurement: " + Row(table.V2019.Procurement.ProcurementItems, table.V2019.Procurement.ProcurementAmount)),
        _ => "",
    };

    public static string Zeros2019Applications => Uniform(TemplateVersion._2019, "0 0 0 0 0 0 0");

    public static string Uniform(TemplateVersion version, string row) => string.Join('\n',
        ApplicationsTemplate.Rows.Where(r => r.OnlyIn is null || r.OnlyIn == version).Select(r => $"{r.Key}: {row}"));
}
