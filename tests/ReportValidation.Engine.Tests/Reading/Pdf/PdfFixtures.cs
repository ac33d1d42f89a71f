using ReportValidation.Reading;
using ReportValidation.Tests.Parsing;
using ReportValidation.V1;

namespace ReportValidation.Tests.Reading.Pdf;

/// <summary>
/// The PDFs LibreOffice Writer printed from the seeds (tests/PdfFixtures/make-fixtures.sh): the name
/// says which seed, which layout (the seed's own or the official template's) and which page setup.
/// </summary>
internal static class PdfFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData", "pdf");

    public static IReadOnlyList<string> Names { get; } = System.IO.Directory.EnumerateFiles(Directory, "0*.pdf")
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static IEnumerable<object[]> All() => Names.Select(n => new object[] { n });

    public static string SeedOf(string name) => name[..3];

    public static InputDocument Open(string name) => new(File.ReadAllBytes(Path.Combine(Directory, name)), "application/pdf");

    public static Report ParseText(string seed) => ReportEngine.Default.Parse(InputDocument.FromText(ReportValidation.Tests.Seeds.Text(seed)));

    /// <summary>Tables 二, 三 and 四 as comparable text: every cell, by its template key.</summary>
    public static string Tables(Report report) => string.Join("\n\n",
        TableText.ActiveDisclosure(report.ActiveDisclosure), TableText.Applications(report.Applications), TableText.ReviewLitigation(report.ReviewLitigation));

    /// <summary>Findings as comparable words: the rule and the cells it names.</summary>
    public static List<string> FindingKeys(ValidationResult result, Func<string, bool> ruleFilter) => result.Findings
        .Where(f => ruleFilter(f.RuleId))
        .Select(f => $"{f.RuleId} {f.Severity} {string.Join(",", f.Cells.Select(c => $"{c.Table}.{c.Row}.{c.Column}"))}")
        .Order(StringComparer.Ordinal).ToList();
}
