using ReportValidation.Reading;
using ReportValidation.Template;
using ReportValidation.V1;

namespace ReportValidation.Parsing;

/// <summary>
/// Table 四: one unlabeled row of 15 values in fixed order. Header text is broken in most renderings
/// ("结果 | 其他 | 尚未", one character per line in PDFs), so the values are read by position.
/// </summary>
internal static class ReviewLitigationTableReader
{
    private static readonly int Columns = ReviewLitigationTemplate.ColumnCount;

    public static ReviewLitigationTable Read(SourceDocument document, TableTokenList tokens)
    {
        var table = new ReviewLitigationTable();
        var header = -1;
        var values = new List<TableToken>(Columns + 1);
        var started = false;
        for (var i = 0; i < tokens.Count && values.Count <= Columns; i++)
        {
            var token = tokens[i];
            if (!token.IsValue)
            {
                if (header < 0 && (token.Label.Contains("复议", StringComparison.Ordinal) || token.Label.Contains("诉讼", StringComparison.Ordinal)))
                {
                    header = i;
                }
                continue;
            }
            // Whitespace cells inside broken header rows are not data; the data starts at the first
            // number or explicit blank marker.
            if (!started && token.IsImplicitBlank)
            {
                continue;
            }
            started = true;
            values.Add(token);
        }
        table.Found = header >= 0 || values.Count > 0;
        if (!table.Found)
        {
            return table;
        }
        var first = header >= 0 ? header : tokens.IndexOf(values[0]);
        var lastToken = values.Count > 0 ? values[^1] : tokens[first];
        table.Span = document.Span(tokens[first].Cell.Start, lastToken.Cell.End);
        var source = new RowSource { Found = values.Count > 0 };
        if (values.Count > 0)
        {
            source.LabelSpan = document.Span(values[0].Cell);
        }
        table.Source = source;
        var cells = TableTokens.Assign(document, values, Columns, followedByLabel: false, source)
            ?? TableTokens.MissingCells(Columns);
        ReviewLitigationTemplate.Shape.Fill(table, cells);
        return table;
    }
}
