using System.Text;
using ReportValidation.Reading;

namespace ReportValidation.Tests.Reading;

/// <summary>What a reader must not lose or reorder, as comparable text.</summary>
internal static class GridTexts
{
    public static IEnumerable<object[]> SeedIds() => ReportValidation.Tests.Seeds.Ids.Select(id => new object[] { id });

    /// <summary>Every non-empty cell's text in document order, whitespace removed.</summary>
    public static List<string> CellTexts(SourceDocument document) =>
        document.Lines.SelectMany(l => l.Cells).Select(c => Compact(c.Text)).Where(t => t.Length > 0).ToList();

    public static string Compact(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                sb.Append(c == '|' ? '｜' : c);
            }
        }
        return sb.ToString();
    }
}
