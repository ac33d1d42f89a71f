using System.Text;
using ReportValidation.Reading;

namespace ReportValidation.Tests.Reading;

/// <summary>The seed reports in tests/TestData/seeds, found from the test's output folder.</summary>
internal static class Seeds
{
    public static string Directory { get; } = Find();

    public static IEnumerable<object[]> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! });

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name), Encoding.UTF8);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "TestData", "seeds");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/TestData/seeds not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every non-empty cell's text in document order, whitespace removed: what a reader must not lose or reorder.</summary>
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
