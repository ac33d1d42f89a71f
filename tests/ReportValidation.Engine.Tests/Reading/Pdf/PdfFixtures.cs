using ReportValidation.Reading;
using ReportValidation.Tests.Parsing;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading.Pdf;

/// <summary>
/// The PDFs LibreOffice Writer printed (tests/PdfFixtures/make-fixtures.sh), each beside the text it
/// carries (<c>&lt;fixture&gt;.txt</c>): the name says which source (a seed, or a clean report of the
/// held-out generator), which layout (its own or the official template's) and which page setup.
/// </summary>
internal static class PdfFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData", "pdf");

    /// <summary>Every printed fixture: a PDF with its text beside it (the published report has none).</summary>
    public static IReadOnlyList<string> Names { get; } = System.IO.Directory.EnumerateFiles(Directory, "*.txt")
        .Select(text => Path.ChangeExtension(text, ".pdf")).Where(File.Exists)
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static IEnumerable<object[]> All() => Names.Select(n => new object[] { n });

    public static InputDocument Open(string name) => new(File.ReadAllBytes(Path.Combine(Directory, name)), "application/pdf");

    /// <summary>The text the fixture printed, as the fixture tool laid it out.</summary>
    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, Path.ChangeExtension(name, ".txt")));

    public static Report ParseText(string name) => ReportEngine.Default.Parse(InputDocument.FromText(Text(name)));

    public static ValidationResult ValidateText(string name) => ReportEngine.Default.Validate(InputDocument.FromText(Text(name)));

    /// <summary>Tables 二, 三 and 四 as comparable text: every cell, by its template key.</summary>
    public static string Tables(Report report) => string.Join("\n\n",
        TableText.ActiveDisclosure(report.ActiveDisclosure), TableText.Applications(report.Applications), TableText.ReviewLitigation(report.ReviewLitigation));

    /// <summary>Findings as comparable words: severity, rule and the cells it names (or the table, row and column it is about).</summary>
    public static List<string> FindingKeys(ValidationResult result) => result.Findings
        .Select(f => $"{f.Severity} {f.RuleId} " + (f.Cells.Count > 0
            ? string.Join(",", f.Cells.Select(c => $"{c.Table}.{c.Row}.{c.Column}"))
            : $"{f.Location.Table}.{f.Location.Row}.{f.Location.Column}"))
        .Order(StringComparer.Ordinal).ToList();
}
