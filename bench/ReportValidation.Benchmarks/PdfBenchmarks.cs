using BenchmarkDotNet.Attributes;
using ReportValidation.Reading;

namespace ReportValidation.Benchmarks;

/// <summary>
/// PDF read time for reports as publishers print them (tests/TestData/pdf): seed 004 in the official
/// template printed by LibreOffice Writer on A4 and on A5 (narrow columns, wrapped labels, full-width
/// digits), and the published Hongze 2024 report. Read = letters and rulings to the grid; Parse adds
/// tables; the baseline is PdfPig alone giving the letters and paths.
/// </summary>
[MemoryDiagnoser]
public class PdfBenchmarks
{
    private InputDocument _document = null!;

    [Params("004.template.a4-dash.pdf", "004.template.a5-narrow.pdf", "hongze-2024.pdf")]
    public string Fixture { get; set; } = "";

    [GlobalSetup]
    public void Setup() =>
        _document = new InputDocument(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "pdf", Fixture)), ContentSniffer.PdfContentType);

    /// <summary>The floor: PdfPig alone opening the file and giving each page's letters and paths.</summary>
    [Benchmark(Baseline = true)]
    public int PdfPigLettersAndPaths()
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(_document.Content.ToArray());
        var count = 0;
        foreach (var page in document.GetPages())
        {
            count += page.Letters.Count + page.Paths.Count;
        }
        return count;
    }

    [Benchmark]
    public int Read() => DocumentReader.Read(_document).Lines.Count;

    [Benchmark]
    public int Parse() => ReportEngine.Default.Parse(_document).Sections.Count;
}
