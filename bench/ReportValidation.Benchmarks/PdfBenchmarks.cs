using BenchmarkDotNet.Attributes;
using ReportValidation.Reading;
using UglyToad.PdfPig;

namespace ReportValidation.Benchmarks;

/// <summary>
/// PDF read time for reports as publishers print them (tests/TestData/pdf): seed 004 in its own
/// layout printed by LibreOffice Writer on A4 (the seed-sized report: 7 pages, 3,000 glyphs), the same
/// report in the official template on A4 and on A5 (narrow columns, wrapped labels, full-width
/// digits), and the published Hongze 2024 report. The baseline is PdfPig alone giving each page's
/// letters and paths with the reader's options; Read = that plus the pre-scan and the letters and
/// rulings to the grid; Parse adds sections and tables; ParseAndValidate is the whole engine.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WallAndCpuTimeConfig))]
public class PdfBenchmarks
{
    private InputDocument _document = null!;

    [Params("004.seed.a4-dash.pdf", "004.template.a4-dash.pdf", "004.template.a5-narrow.pdf", "hongze-2024.pdf")]
    public string Fixture { get; set; } = "";

    [GlobalSetup]
    public void Setup() =>
        _document = new InputDocument(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "pdf", Fixture)), ContentSniffer.PdfContentType);

    /// <summary>The floor: PdfPig alone opening the file and giving each page's letters and paths.</summary>
    [Benchmark(Baseline = true)]
    public int PdfPigLettersAndPaths()
    {
        using var document = PdfDocument.Open(_document.Content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
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

    [Benchmark]
    public int ParseAndValidate() => ReportEngine.Default.Validate(_document).Findings.Count;
}
